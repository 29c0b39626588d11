/**
 * A uniform sample of at most `capacity` numbers out of a stream of any length (Vitter's
 * Algorithm R): memory is fixed, and while the stream is no longer than the capacity the sample is
 * the whole stream, so its quantiles are exact. Deterministic: the replacement slot is a hash of
 * the running count and a seed, so the same stream always gives the same sample.
 */
export class Reservoir {
  private readonly values: Float64Array;
  private seen = 0;

  constructor(
    readonly capacity: number,
    private readonly seed = 0,
  ) {
    this.values = new Float64Array(capacity);
  }

  /** How many numbers the stream held so far. */
  get count(): number {
    return this.seen;
  }

  /** Offers the next number of the stream. */
  add(value: number): void {
    const n = this.seen++;
    if (n < this.capacity) {
      this.values[n] = value;
      return;
    }
    const slot = mix32(n ^ this.seed) % (n + 1);
    if (slot < this.capacity) this.values[slot] = value;
  }

  /** The sample, sorted ascending (a copy). */
  sorted(): Float64Array {
    return this.values.slice(0, Math.min(this.seen, this.capacity)).sort();
  }
}

/** The `q` quantile (0 ≤ q ≤ 1) of ascending numbers, interpolated between ranks; NaN when there are none. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (!sorted.length) return NaN;
  const rank = q * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
}

/** Median and median absolute deviation of ascending numbers. */
export function medianAndMad(sorted: Float64Array): { median: number; mad: number } {
  const median = quantile(sorted, 0.5);
  const deviations = sorted.map((value) => Math.abs(value - median)).sort();
  return { median, mad: quantile(deviations, 0.5) };
}

/** A 32-bit integer hash (the finaliser of MurmurHash3): spreads consecutive counts over the range. */
function mix32(n: number): number {
  let h = n >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
