import { checkJsonValueNesting, parseTypedJson, stringifyTypedJson } from '../expression';
import { EVENTS_TOPIC_PREFIX, SITEWISE_TOPIC_PREFIX, normalizeLifecycleEvent, normalizeSiteWiseNotification } from '../lifecycle';
import { isIngestEnvelope, type IngestEnvelope } from '../ports';
import { originRefusal, type IngestSource } from './ingest-source';
import type { IncomingMessage } from './messages';
import { batchMessages } from './rule-batch';
import { RULE_FIELDS, isRuleField, ruleAddress, type Output, type Unreadable } from './rule-fields';

export type { Unreadable } from './rule-fields';

/** What reading one rule output or queue body gives: a message, or why it can never be one. */
export type ReadMessage = IncomingMessage | Unreadable;

/**
 * Turns a topic rule's output into a message. `output` is typed JSON. From the `lifecycle` source
 * it must be an AWS IoT lifecycle or registry event (`SELECT *, topic() AS topic FROM
 * '$aws/events/#'`) or a SiteWise property value notification (`… FROM
 * '$aws/sitewise/asset-models/+/assets/+/properties/+'`), which becomes a message of its
 * built-in input; from `telemetry` it must name
 * one of the operator's inputs (`'<InputName>' AS vigilInputName`) and never a built-in one.
 *
 * When the rule also selected `encode(*, 'base64') AS vigilRaw`, the payload is read from those
 * bytes, so numbers keep their exact JSON type (a Lambda event has been through `JSON.parse`,
 * which turns `20.0` into `20`), and the fields the rule computed win over the device's: a rule
 * that binds the key to the topic (`topic(3) AS motorid`) cannot be overridden by a payload that
 * says otherwise, and a Vigil field the device wrote into its own payload is never read as the
 * rule's. Without `vigilRaw` the output cannot tell the rule's fields from the device's, so rules
 * on device topics should select it (all of Vigil's do).
 */
export function messageFromRuleOutput(output: unknown, fallbackId: string, source: Exclude<IngestSource, 'internal'> = 'telemetry'): IncomingMessage | Unreadable {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return { error: 'the rule output must be a JSON object' };
  const { [RULE_FIELDS.raw]: raw, ...fields } = output as Output;
  const topic = typeof fields.topic === 'string' && fields[RULE_FIELDS.input] === undefined ? fields.topic : undefined;
  const siteWise = topic?.startsWith(SITEWISE_TOPIC_PREFIX) === true;
  const lifecycle = siteWise || topic?.startsWith(EVENTS_TOPIC_PREFIX) === true;
  if (source === 'lifecycle') {
    if (!lifecycle) return { error: `the lifecycle queue takes only the output of the $aws/events rule (SELECT *, topic() AS topic) and of the $aws/sitewise rule, not messages that name an input or another topic` };
    return siteWise ? siteWiseMessage(fields) : lifecycleMessage(fields);
  }
  if (siteWise) return { error: 'a SiteWise property value notification is accepted only from the lifecycle queue, which only the $aws/events and $aws/sitewise rules write to' };
  if (lifecycle) return { error: 'an AWS IoT lifecycle event is accepted only from the lifecycle queue, which only the $aws/events rule writes to' };
  let original: Output | undefined;
  if (raw !== undefined) {
    if (typeof raw !== 'string') return { error: `${RULE_FIELDS.raw} must be the base64 text of the payload` };
    try {
      const parsed = parseTypedJson(Buffer.from(raw, 'base64').toString('utf8'));
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: 'the payload must be a JSON object' };
      original = parsed as Output;
    } catch (error) {
      return { error: `${RULE_FIELDS.raw} is not base64 JSON: ${(error as Error).message}` };
    }
  }
  const rule = ruleChosen(fields, original);
  const address = ruleAddress(rule);
  if ('error' in address) return address;
  const payload: Output = original ? { ...original } : {};
  for (const [name, value] of Object.entries(original ? rule : fields)) {
    if (!isRuleField(name)) payload[name] = value;
  }
  const { inputName, messageId = fallbackId, timestamp } = address;
  return { messageId, inputName, payload: stringifyTypedJson(payload), parsed: payload, timestamp, origin: 'telemetry' };
}

/**
 * Reads a topic rule's output as {@link messageFromRuleOutput} does, and as a batch when the rule
 * selected `true AS vigilBatchMode` and its payload is a JSON array: one message per element, some
 * of which may be unreadable while the others are not (see {@link batchMessages}).
 */
export function messagesFromRuleOutput(output: unknown, fallbackId: string, source: Exclude<IngestSource, 'internal'> = 'telemetry'): ReadMessage[] {
  return (source === 'telemetry' ? batchMessages(output, fallbackId) : undefined) ?? [messageFromRuleOutput(output, fallbackId, source)];
}

/**
 * The fields of the output the rule itself chose. Without the original payload, all of them. With
 * it, a field is the rule's when the payload lacks it or the rule gave it another value
 * (`SELECT *, topic(3) AS id` over a payload whose `id` differs); a field equal to the payload's
 * is the device's own, copied by `SELECT *`.
 */
function ruleChosen(fields: Output, original: Output | undefined): Output {
  if (!original) return fields;
  const chosen: Output = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!Object.hasOwn(original, name) || !sameJson(value, original[name])) chosen[name] = value;
  }
  return chosen;
}

/** Equal as JSON values, numbers by value (`JSON.parse` made `20.0` into `20`). */
function sameJson(a: unknown, b: unknown): boolean {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a === b;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) return Number(a) === Number(b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameJson((a as Output)[key], (b as Output)[key]));
}

/** A lifecycle event as a message of its built-in input, with its deterministic id and time. */
function lifecycleMessage(output: Output): IncomingMessage | Unreadable {
  const { topic, ...payload } = output;
  const result = normalizeLifecycleEvent(topic as string, payload);
  if (!result.ok) return { error: result.error };
  const { event } = result;
  return {
    inputName: event.inputName,
    messageId: event.messageId,
    payload: stringifyTypedJson(event.payload),
    parsed: event.payload as Output,
    timestamp: event.timestamp === undefined ? undefined : Number(event.timestamp),
    origin: 'lifecycle',
  };
}

/** A SiteWise property value notification as a message of its property's built-in input, with its deterministic id and its value's time. */
function siteWiseMessage(output: Output): IncomingMessage | Unreadable {
  const { topic, ...notification } = output;
  const result = normalizeSiteWiseNotification(topic as string, notification);
  if (!result.ok) return { error: result.error };
  const { message } = result;
  return { inputName: message.inputName, messageId: message.messageId, payload: stringifyTypedJson(message.payload), parsed: message.payload, timestamp: message.timestamp, origin: 'lifecycle' };
}

/**
 * Reads a queue body from `source`: on the internal queue, an ingest envelope (Vigil's own
 * producers and operators' redrives); on the telemetry and lifecycle queues, the output of a topic
 * rule's SQS action (JSON text, or its base64 when the action sets `useBase64`), which is a batch
 * of messages when the rule says so ({@link messagesFromRuleOutput}). An envelope on any other
 * queue is refused: a device whose payload looks like one must not choose the input, id or time.
 * `fallbackId` (the SQS message id) stays the same across redeliveries, so duplicates are
 * recognised, the elements of a batch too.
 */
export function messagesFromQueueBody(body: string, fallbackId: string, source: IngestSource): ReadMessage[] {
  let text = body.trim();
  if (text && text[0] !== '{' && /^[A-Za-z0-9+/=\s]+$/.test(text)) text = Buffer.from(text, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = parseTypedJson(text);
  } catch (error) {
    return [{ error: `the message is not valid JSON: ${(error as Error).message}` }];
  }
  if (source !== 'internal') {
    if (isIngestEnvelope(parsed)) return [{ error: `an ingest envelope is accepted only on the internal queue, not from the ${source} source` }];
    return messagesFromRuleOutput(parsed, fallbackId, source);
  }
  if (!isIngestEnvelope(parsed)) return [{ error: 'the internal queue takes only ingest envelopes ({"vigilEnvelope": 1, "inputName", "messageId", "payload"})' }];
  // Typed JSON reads numbers as bigints.
  const { inputName, messageId, payload, timestamp, origin = 'action', targets, attempt, uncertain } = parsed as Omit<IngestEnvelope, 'timestamp' | 'attempt'> & { timestamp?: number | bigint; attempt?: number | bigint };
  const refusal = originRefusal(origin, inputName);
  if (refusal) return [{ error: refusal }];
  return [
    {
      inputName,
      messageId,
      payload,
      timestamp: timestamp === undefined ? undefined : Number(timestamp),
      origin,
      ...(targets ? { targets } : {}),
      ...(attempt ? { attempt: Number(attempt) } : {}),
      ...(uncertain ? { uncertain } : {}),
    },
  ];
}

/**
 * Turns the event a topic rule's Lambda action sends into messages, as {@link messagesFromRuleOutput}
 * does; the event was parsed by Lambda, so its depth was never checked: one nested more than
 * `MAX_JSON_DEPTH` levels is unreadable rather than walked (and the stack overflowed).
 */
export function messagesFromRuleEvent(event: unknown, fallbackId: string): ReadMessage[] {
  try {
    checkJsonValueNesting(event);
  } catch (error) {
    return [{ error: `the rule output is ${(error as Error).message}` }];
  }
  return messagesFromRuleOutput(fromPlainJson(event), fallbackId, 'telemetry');
}

/** Converts a value `JSON.parse` produced into typed JSON: whole numbers become Integers. Recursive: check its depth first. */
export function fromPlainJson(value: unknown): unknown {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(fromPlainJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) out[key] = fromPlainJson(member);
    return out;
  }
  return value;
}
