import { checkJsonValueNesting, parseTypedJson, stringifyTypedJson } from '../expression';
import { EVENTS_TOPIC_PREFIX, normalizeLifecycleEvent } from '../lifecycle';
import { isIngestEnvelope } from '../ports';
import type { IncomingMessage } from './messages';

/**
 * Fields a topic rule adds to its SELECT output to address Vigil (see README, "Routing
 * telemetry"): which input the message is for, and optionally its id, time and raw bytes.
 */
export const RULE_FIELDS = { input: 'vigilInputName', id: 'vigilMessageId', time: 'vigilTimestamp', raw: 'vigilRaw' } as const;

/** A message that can never be processed, and why. */
export interface Unreadable {
  readonly error: string;
}

/**
 * Turns a topic rule's output into a message. `output` is typed JSON. Output that names no input
 * but carries a `topic` under `$aws/events/` (`SELECT *, topic() AS topic FROM '$aws/events/#'`)
 * is an AWS IoT lifecycle or registry event: it becomes a message of its built-in input. When the rule also selected
 * `encode(*, 'base64') AS vigilRaw`, the original payload is read from those bytes, so numbers
 * keep their exact JSON type (a Lambda event has already been through `JSON.parse`, which turns
 * `20.0` into `20`); fields the rule added are kept beside it.
 */
export function messageFromRuleOutput(output: unknown, fallbackId: string): IncomingMessage | Unreadable {
  if (output === null || typeof output !== 'object' || Array.isArray(output)) return { error: 'the rule output must be a JSON object' };
  const { [RULE_FIELDS.input]: inputName, [RULE_FIELDS.id]: id, [RULE_FIELDS.time]: time, [RULE_FIELDS.raw]: raw, ...rest } = output as Record<string, unknown>;
  if (inputName === undefined && typeof rest.topic === 'string' && rest.topic.startsWith(EVENTS_TOPIC_PREFIX)) return lifecycleMessage(rest);
  if (typeof inputName !== 'string' || !inputName) {
    return { error: `the message names no input: add '<InputName>' AS ${RULE_FIELDS.input} to the topic rule's SELECT` };
  }
  let payload: Record<string, unknown> = rest;
  if (raw !== undefined) {
    if (typeof raw !== 'string') return { error: `${RULE_FIELDS.raw} must be the base64 text of the payload` };
    let original: unknown;
    try {
      original = parseTypedJson(Buffer.from(raw, 'base64').toString('utf8'));
    } catch (error) {
      return { error: `${RULE_FIELDS.raw} is not base64 JSON: ${(error as Error).message}` };
    }
    if (original === null || typeof original !== 'object' || Array.isArray(original)) return { error: 'the payload must be a JSON object' };
    payload = { ...rest, ...(original as Record<string, unknown>) };
  }
  const messageId = typeof id === 'string' && id ? id : typeof id === 'bigint' || typeof id === 'number' ? String(id) : fallbackId;
  const timestamp = typeof time === 'bigint' || typeof time === 'number' ? Number(time) : undefined;
  return { messageId, inputName, payload: stringifyTypedJson(payload), parsed: payload, timestamp };
}

/** A lifecycle event as a message of its built-in input, with its deterministic id and time. */
function lifecycleMessage(output: Record<string, unknown>): IncomingMessage | Unreadable {
  const { topic, ...payload } = output;
  const result = normalizeLifecycleEvent(topic as string, payload);
  if (!result.ok) return { error: result.error };
  const { event } = result;
  return {
    inputName: event.inputName,
    messageId: event.messageId,
    payload: stringifyTypedJson(event.payload),
    parsed: event.payload as Record<string, unknown>,
    timestamp: event.timestamp === undefined ? undefined : Number(event.timestamp),
  };
}

/**
 * Reads an ingest queue body: Vigil's own envelope, or the output of a topic rule's SQS action
 * (JSON text, or its base64 when the action sets `useBase64`). `fallbackId` (the SQS message id)
 * stays the same across redeliveries, so duplicates are recognised.
 */
export function messageFromQueueBody(body: string, fallbackId: string): IncomingMessage | Unreadable {
  let text = body.trim();
  if (text && text[0] !== '{' && /^[A-Za-z0-9+/=\s]+$/.test(text)) text = Buffer.from(text, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    parsed = parseTypedJson(text);
  } catch (error) {
    return { error: `the message is not valid JSON: ${(error as Error).message}` };
  }
  if (isIngestEnvelope(parsed)) {
    const { inputName, messageId, payload, timestamp } = parsed as unknown as { inputName: string; messageId: string; payload: string; timestamp?: bigint | number };
    return { inputName, messageId, payload, timestamp: timestamp === undefined ? undefined : Number(timestamp) };
  }
  return messageFromRuleOutput(parsed, fallbackId);
}

/**
 * Turns the event a topic rule's Lambda action sends into a message, as {@link messageFromRuleOutput}
 * does; the event was parsed by Lambda, so its depth was never checked: one nested more than
 * `MAX_JSON_DEPTH` levels is unreadable rather than walked (and the stack overflowed).
 */
export function messageFromRuleEvent(event: unknown, fallbackId: string): IncomingMessage | Unreadable {
  try {
    checkJsonValueNesting(event);
  } catch (error) {
    return { error: `the rule output is ${(error as Error).message}` };
  }
  return messageFromRuleOutput(fromPlainJson(event), fallbackId);
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
