/** An exponential backoff: the ceiling doubles from `baseMs` with each attempt, up to `maxMs`. */
export interface Backoff {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * The wait before retry number `retry` (1-based): exponential backoff with full jitter, a random
 * time in [0, min(maxMs, baseMs · 2^(retry−1))). Full jitter spreads out callers that failed
 * together (throttled, or conflicting on one item) better than any fixed share of the ceiling.
 * Every retry loop in Vigil waits this long; `random` is injected so tests need no spies.
 * See https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export function backoffDelay(retry: number, backoff: Backoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}
