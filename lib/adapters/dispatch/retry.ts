import { backoffDelay } from '../../backoff';
import { SYSTEM_CLOCK } from '../../ports';
import { isTransientError } from './classify-error';

/** How transient failures are retried. */
export interface RetryOptions {
  /** Retries after the first attempt; an action is sent at most `maxRetries + 1` times. */
  readonly maxRetries: number;
  /** The backoff before the first retry is drawn from [0, baseDelayMs). */
  readonly baseDelayMs: number;
  /** The backoff ceiling, however many retries came before. */
  readonly maxDelayMs: number;
  /** Waits between attempts; tests pass one that records the delay and returns at once. */
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for the jitter; injectable for deterministic tests. */
  readonly random: () => number;
}

/** 100 ms base, 2 s cap, 3 retries: at most four attempts within about 1.4 s of backoff. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxRetries: 3,
  baseDelayMs: 100,
  maxDelayMs: 2000,
  sleep: SYSTEM_CLOCK.sleep,
  random: Math.random,
};

/** Fills in defaults and rejects values that would retry forever or never wait. */
export function retryOptions(overrides: Partial<RetryOptions> = {}): RetryOptions {
  const options = { ...DEFAULT_RETRY_OPTIONS, ...overrides };
  if (!Number.isInteger(options.maxRetries) || options.maxRetries < 0) throw new RangeError(`retry.maxRetries must be an integer >= 0, got ${options.maxRetries}`);
  if (!(options.baseDelayMs >= 0)) throw new RangeError(`retry.baseDelayMs must be >= 0, got ${options.baseDelayMs}`);
  if (!(options.maxDelayMs >= options.baseDelayMs)) throw new RangeError(`retry.maxDelayMs must be >= retry.baseDelayMs, got ${options.maxDelayMs}`);
  return options;
}

/** The wait before retry number `retry` (1-based): {@link backoffDelay} with these options. */
export function retryDelay(retry: number, options: RetryOptions): number {
  return backoffDelay(retry, { baseMs: options.baseDelayMs, maxMs: options.maxDelayMs }, options.random);
}

/** How one action fared: delivered, or failed for good, after `attempts` sends. */
export type DeliveryResult = { readonly ok: true; readonly attempts: number } | { readonly ok: false; readonly attempts: number; readonly error: Error };

/**
 * Sends some items in one request. Resolves with one entry per item, in order: `undefined` when
 * the item was delivered, its error when the service failed it. Throws when the whole request
 * failed.
 */
export type BatchCall<T> = (items: readonly T[]) => Promise<readonly (Error | undefined)[]>;

/**
 * Sends `items` with `call`, then resends only the items that failed transiently, with backoff,
 * until every item is delivered, has failed permanently, or has used its retries. Never throws:
 * every item gets a result, in order.
 */
export async function deliverWithRetry<T>(items: readonly T[], call: BatchCall<T>, options: RetryOptions): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = new Array(items.length);
  let pending = items.map((_, index) => index);
  for (let attempt = 1; pending.length > 0; attempt++) {
    const errors = await callSafely(call, pending.map((index) => items[index]));
    const retry: number[] = [];
    pending.forEach((index, k) => {
      const error = errors[k];
      if (error === undefined) results[index] = { ok: true, attempts: attempt };
      else if (attempt <= options.maxRetries && isTransientError(error)) retry.push(index);
      else results[index] = { ok: false, attempts: attempt, error };
    });
    pending = retry;
    if (pending.length > 0) await options.sleep(retryDelay(attempt, options));
  }
  return results;
}

async function callSafely<T>(call: BatchCall<T>, items: readonly T[]): Promise<readonly (Error | undefined)[]> {
  try {
    return await call(items);
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return items.map(() => error);
  }
}
