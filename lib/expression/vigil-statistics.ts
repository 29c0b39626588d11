/**
 * The arithmetic of the Vigil extension functions on plain decimals (IEEE doubles), in exactly the
 * order of operations the expression language applies (see `vigil-functions.ts`), so that
 * `vigil infer` predicts bit for bit what a model using the functions computes. Pure.
 */

/** Exponentially weighted moving average: `prev + alpha * (x - prev)`. */
export function ewma(prev: number, x: number, alpha: number): number {
  return prev + alpha * (x - prev);
}

/**
 * Exponentially weighted moving variance (West 1979, Finch 2009):
 * `(1 - alpha) * (prevVar + alpha * (x - prevMean) * (x - prevMean))`, where `prevMean` is the
 * average *before* `x` (update the variance first, then the average).
 */
export function ewmvar(prevVar: number, prevMean: number, x: number, alpha: number): number {
  const d = x - prevMean;
  return (1 - alpha) * (prevVar + alpha * d * d);
}

/** `(x - mean) / sqrt(variance)`; undefined when the variance is not positive (no spread, nothing to divide by). */
export function zscore(x: number, mean: number, variance: number): number | undefined {
  if (!(variance > 0)) return undefined;
  return (x - mean) / Math.sqrt(variance);
}

/** Change per second between (v1, t1) and (v2, t2), timestamps in epoch ms; undefined when t1 = t2. */
export function ratePerSecond(v1: number, t1: number, v2: number, t2: number): number | undefined {
  const dt = t2 - t1;
  return dt === 0 ? undefined : ((v2 - v1) * 1000) / dt;
}
