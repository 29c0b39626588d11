/**
 * The fixed choices of `vigil infer`'s detector model (docs/decisions.md, "Event inference"). The
 * thresholds are chosen from the history; these shape how the model learns.
 */
export const MODEL_PARAMETERS = {
  /** Smoothing factor of the running average and variance: about the last 40 readings weigh. */
  alpha: 0.05,
  /** Readings a detector learns from before it judges: its baseline (reference) is then frozen. */
  warmUp: 50,
  /** A reading updates the average only clamped to this many deviations (Huber): a spike barely moves it. */
  clamp: 3,
} as const;

/** Spike/dip thresholds tried, in deviations of the running average (|z|); the first ≥ the floor that fits wins. */
export const SPIKE_LADDER = [5, 6, 7, 8, 10, 12, 15, 20] as const;
/** Drift thresholds tried: how far the running average may leave the warm-up baseline, in its deviations. */
export const DRIFT_LADDER = [1.5, 2, 3, 4, 5, 7, 10] as const;
/** Static (alarm model) thresholds tried, in robust deviations (1.4826 × MAD) from a key's median. */
export const STATIC_LADDER = [3, 4, 5, 6, 8, 10, 15, 20] as const;
/** Flat-line lengths tried: identical consecutive readings. */
export const FLAT_LADDER = [5, 6, 8, 10, 15, 20, 30, 50, 100] as const;
/** Heartbeat timeouts tried, seconds (AWS's shortest timer is 60 s). */
export const HEARTBEAT_LADDER = [60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400] as const;
/** A heartbeat is at least this many times the 99th percentile of the gaps between readings. */
export const HEARTBEAT_MARGIN = 3;
/** Default largest alarm rate on the history a threshold may have: 1 alarm per 1,000 readings. */
export const DEFAULT_MAX_RATE = 0.001;
/** Values kept per key and attribute for the median, MAD and percentiles. */
export const RESERVOIR_SIZE = 256;
