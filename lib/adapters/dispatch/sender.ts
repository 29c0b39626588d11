import type { ActionEffect } from '../../engine';
import { ActionDeliveryError } from './errors';
import { deliverWithRetry, type DeliveryResult, type RetryOptions } from './retry';

/** The effect of one action type: `EffectOf<'sns'>` has `targetArn`. */
export type EffectOf<T extends ActionEffect['type']> = Extract<ActionEffect, { type: T }>;

/**
 * Performs the effects of one action type. The dispatcher hands `send` the effects that share a
 * `groupKey` (one topic, queue, table…), so a sender can batch them into few requests.
 */
export interface Sender<E extends ActionEffect = ActionEffect> {
  /** Effects with the same key go to the same target and may share a request. */
  groupKey(effect: E): string;
  /** One result per effect, in order; never throws for a failed action. */
  send(effects: readonly E[]): Promise<DeliveryResult[]>;
}

/**
 * A sender for an action type that cannot be performed (no client configured): every effect
 * fails at once, with `message` saying what to configure, and is never attempted.
 */
export function unavailableSender(message: string): Sender {
  return {
    groupKey: () => '',
    send: async (effects) => effects.map(() => ({ ok: false, attempts: 0, error: new ActionDeliveryError(message, 'MissingClient', false) })),
  };
}

/**
 * Turns effects into requests with `prepare`, then delivers the prepared ones with `deliver`.
 * An effect `prepare` rejects (it throws) fails with that error and 0 attempts: nothing was sent.
 */
export async function prepareAndDeliver<E, R>(effects: readonly E[], prepare: (effect: E) => R, deliver: (requests: readonly R[]) => Promise<DeliveryResult[]>): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = new Array(effects.length);
  const requests: R[] = [];
  const positions: number[] = [];
  effects.forEach((effect, index) => {
    try {
      requests.push(prepare(effect));
      positions.push(index);
    } catch (thrown) {
      results[index] = { ok: false, attempts: 0, error: thrown instanceof Error ? thrown : new Error(String(thrown)) };
    }
  });
  if (requests.length > 0) {
    const delivered = await deliver(requests);
    positions.forEach((index, k) => (results[index] = delivered[k]));
  }
  return results;
}

/**
 * Sends each request in its own call, one after another so a target sees them in the order the
 * detector produced them (an INSERT before the DELETE of the same item), each with its retries.
 */
export async function sendOneByOne<R>(requests: readonly R[], call: (request: R) => Promise<unknown>, retry: RetryOptions): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = [];
  for (const request of requests) {
    const [result] = await deliverWithRetry(
      [request],
      async ([only]) => {
        await call(only);
        return [undefined];
      },
      retry,
    );
    results.push(result);
  }
  return results;
}

/** The payload text as bytes, for APIs that take a blob. */
export function payloadBytes(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
