import { parseTypedJson } from '../../lib/expression';
import { normalizeLifecycleEvent, type LifecycleEvent } from '../../lib/lifecycle';

/** Normalises a message given as JSON text (parsed as typed JSON, like the runtime does); fails the test on error. */
export function normalized(topic: string, json: string): LifecycleEvent {
  const result = normalizeLifecycleEvent(topic, parseTypedJson(json));
  if (!result.ok) throw new Error(`expected ${topic} to normalise, got: ${result.error}`);
  return result.event;
}

/** The error of a message that must not normalise; fails the test when it does. */
export function rejected(topic: string, payload: unknown): string {
  const result = normalizeLifecycleEvent(topic, typeof payload === 'string' ? parseTypedJson(payload) : payload);
  if (result.ok) throw new Error(`expected ${topic} to be rejected, got ${JSON.stringify(result.event.payload, (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return result.error;
}

/** AWS's message id pattern. */
export const AWS_MESSAGE_ID = /^[a-zA-Z0-9_-]{1,64}$/;
