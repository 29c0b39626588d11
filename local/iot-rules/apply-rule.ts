import { randomUUID } from 'node:crypto';
import { parseTypedJson, stringifyTypedJson } from '../../lib/expression';
import type { EvalContext, MessageContext } from './eval-context';
import { isSqlObject, type SqlValue } from './sql-values';
import { parseBasicIngest, topicMatches } from './topic-filter';
import type { ApplyOptions, LocalRule, RuleMessage, RuleOutcome } from './types';

/**
 * Evaluates one rule against one MQTT message, as AWS IoT Core's rules engine would: the topic
 * must match the rule's FROM filter (or be the rule's Basic Ingest topic `$aws/rules/<name>/…`),
 * then SET, WHERE and SELECT run on the payload.
 *
 * A payload that is a JSON object is read with typed numbers (`20.0` stays a decimal). Any other
 * payload (binary, text, a JSON array or scalar) has no fields: field references are Undefined, so
 * a WHERE on them does not fire, and `SELECT *` forwards the bytes unchanged
 * (https://docs.aws.amazon.com/iot/latest/developerguide/binary-payloads.html).
 *
 * Deterministic given the message and `options`; never throws for any payload.
 */
export function applyRule(rule: LocalRule, message: RuleMessage, options: ApplyOptions = {}): RuleOutcome {
  const topic = routedTopic(rule, message.topic);
  if (topic === undefined) return { matched: false };
  const newUuid = options.newUuid ?? randomUUID;
  const root = readPayload(message.payload);
  const context: EvalContext = {
    message: messageContext(rule, message, topic, newUuid, options),
    root,
    raw: message.payload,
    variables: new Map(),
  };
  const result = rule.query.run(context);
  if (!result.matched) return { matched: false };
  if (result.passthrough) return { matched: true, output: {}, body: message.payload, binary: !isJsonText(message.payload) };
  return { matched: true, output: result.output, body: Buffer.from(stringifyTypedJson(result.output), 'utf8'), binary: false };
}

// The topic `topic()` sees, or undefined when the message does not reach the rule. Basic Ingest
// topics reach only the rule they name, whatever its FROM, and hide their prefix from topic().
function routedTopic(rule: LocalRule, topic: string): string | undefined {
  const ingest = parseBasicIngest(topic);
  if (ingest) return ingest.ruleName === rule.ruleName ? ingest.topic : undefined;
  const filter = rule.query.topicFilter;
  return filter !== undefined && topicMatches(filter, topic) ? topic : undefined;
}

function messageContext(rule: LocalRule, message: RuleMessage, topic: string, newUuid: () => string, options: ApplyOptions): MessageContext {
  return {
    topic,
    clientId: message.clientId,
    principal: message.principal,
    receivedAt: message.receivedAt,
    traceId: message.traceId ?? newUuid(),
    sourceIp: message.sourceIp,
    sqlVersion: rule.sqlVersion,
    accountId: options.accountId ?? '000000000000',
    newUuid,
    random: options.random ?? Math.random,
  };
}

function readPayload(payload: Buffer): SqlValue {
  const value = parseJson(payload);
  return isSqlObject(value) ? value : undefined;
}

function parseJson(payload: Buffer): SqlValue {
  try {
    return parseTypedJson(payload.toString('utf8')) as SqlValue;
  } catch {
    // Not JSON (or JSON the parser refuses, such as duplicate keys): a binary payload.
    return undefined;
  }
}

function isJsonText(payload: Buffer): boolean {
  return payload.length > 0 && parseJson(payload) !== undefined;
}
