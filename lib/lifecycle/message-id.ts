import { stringifyTypedJson } from '../expression';
import { fnv1a64Hex as fnv1a64 } from '../hash';
import type { LifecycleInputName } from './lifecycle-input';

/** AWS IoT Events message ids: `^[a-zA-Z0-9_-]+$`, 1–64 characters. */
export const MESSAGE_ID_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

const text = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : stringifyTypedJson(value));

/**
 * The message id of a normalised lifecycle payload: deterministic, so an event AWS publishes twice,
 * or a queue delivers twice, gets the same id and the engine's duplicate check drops the copy.
 * - `eventId` when the payload has one (registry and job families), sanitised to the AWS pattern;
 * - presence: a hash of (clientId, versionNumber, eventType, sessionIdentifier), spec §3.2's
 *   deduplication key;
 * - subscriptions: of (clientId, sessionIdentifier, eventType, timestamp, topics);
 * - certificates: of (certificateId, timestamp, certificateStatus) — AWS repeats the event for
 *   every connect attempt, each with its own timestamp;
 * - anything else: of the topic and the whole normalised payload.
 */
export function lifecycleMessageId(inputName: LifecycleInputName, payload: Readonly<Record<string, unknown>>): string {
  if (typeof payload.eventId === 'string' && payload.eventId) return sanitize(payload.eventId);
  const p = payload;
  switch (inputName) {
    case 'AwsIotPresence':
      // connect_failed carries no version or session: it falls through to the generic hash.
      if (p.versionNumber !== undefined) return hashed('presence', [p.clientId, p.versionNumber, p.eventType, p.sessionIdentifier]);
      break;
    case 'AwsIotSubscription':
      return hashed('subscription', [p.clientId, p.sessionIdentifier, p.eventType, p.timestamp, p.topics]);
    case 'AwsIotCertificate':
      return hashed('certificate', [p.certificateId, p.timestamp, p.certificateStatus]);
  }
  return hashed('event', [p.topic, canonical(payload)]);
}

function hashed(prefix: string, parts: readonly unknown[]): string {
  // A JSON array of texts keeps ('a b', 'c') and ('a', 'b c') apart.
  return `${prefix}-${fnv1a64(JSON.stringify(parts.map(text)))}`;
}

/** A valid id is used as it is; anything else keeps a readable prefix plus a hash of the whole. */
function sanitize(eventId: string): string {
  if (MESSAGE_ID_PATTERN.test(eventId)) return eventId;
  return `${eventId.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 40)}-${fnv1a64(eventId)}`;
}

/** Typed JSON with object keys sorted, so the same content always gives the same text. */
function canonical(value: unknown): string {
  return stringifyTypedJson(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key])]));
}
