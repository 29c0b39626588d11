import { DRIFT_LADDER, FLAT_LADDER, HEARTBEAT_LADDER, HEARTBEAT_MARGIN, SPIKE_LADDER, STATIC_LADDER } from './parameters';
import type { Baseline, HistoryProfile } from './profile';
import type { ModelReplay, ReplaySettings } from './replay';
import { quantile } from './reservoir';

/** A threshold chosen from a ladder of candidates, and what it would have done on the history. */
export interface Choice {
  readonly threshold: number;
  /** Alarms it would have raised on the history. */
  readonly alarms: number;
  /** Alarms per reading (per gap, for the heartbeat) on the history, its real anomalies included. */
  readonly rate: number;
  /**
   * The one-sided 95% upper bound of the rate (Poisson): what the threshold is chosen by and
   * promises for data like the history. Counting the history's own anomalies as false alarms, it
   * bounds the false-alarm rate from above.
   */
  readonly bound: number;
  /** False when no candidate's bound stayed within the rate asked for (see `choose`). */
  readonly withinRate: boolean;
}

/** What `vigil infer` proposes for one numeric attribute. */
export interface AttributeProposal {
  readonly name: string;
  readonly readings: number;
  readonly varianceFloor: number;
  /** |z| of a reading against the running average and deviation. */
  readonly spike: Choice;
  /** |z| of the running average against the warm-up baseline. */
  readonly drift: Choice;
  /** Identical consecutive readings. */
  readonly flat: Choice;
  /** Static thresholds of the alarm models: robust deviations above and below each key's median. */
  readonly high: Choice;
  readonly low: Choice;
  /** Per key: robust baseline (median, MAD, percentiles) from the first pass. */
  readonly baselines: ReadonlyMap<string, Baseline>;
}

/** Everything `vigil infer` learned, ready to be written as models and printed as a report. */
export interface Proposal {
  readonly readings: number;
  readonly keys: number;
  readonly start: number;
  readonly end: number;
  readonly maxRate: number;
  readonly heartbeat: Choice;
  /** 99th percentile of the gaps between a key's readings, ms (NaN with no gap). */
  readonly gapP99: number;
  readonly attributes: readonly AttributeProposal[];
}

/** The heartbeat and the variance floors, chosen from the first pass: the second pass needs them. */
export function replaySettings(profile: HistoryProfile, maxRate: number): ReplaySettings & { heartbeat: Choice } {
  const heartbeat = chooseHeartbeat(profile, maxRate);
  const robust = new Map<string, Map<string, { median: number; sigma: number }>>();
  for (const key of profile.keys.keys()) {
    const byAttribute = new Map<string, { median: number; sigma: number }>();
    for (const name of profile.attributes) {
      const baseline = profile.baseline(key, name);
      if (baseline) byAttribute.set(name, { median: baseline.median, sigma: robustSigma(baseline) });
    }
    robust.set(key, byAttribute);
  }
  const varianceFloor = new Map(profile.attributes.map((name) => [name, floorOf(robust, name)]));
  return { heartbeatSeconds: heartbeat.threshold, varianceFloor, robust, heartbeat };
}

/** Chooses each attribute's thresholds from the second pass's counts. */
export function propose(profile: HistoryProfile, replay: ModelReplay, settings: ReturnType<typeof replaySettings>, maxRate: number): Proposal {
  const attributes = profile.attributes.flatMap((name): AttributeProposal[] => {
    const counts = replay.counts.get(name);
    if (!counts || !counts.readings) return [];
    const baselines = new Map<string, Baseline>();
    for (const key of profile.keys.keys()) {
      const baseline = profile.baseline(key, name);
      if (baseline) baselines.set(key, baseline);
    }
    return [{
      name,
      readings: counts.readings,
      varianceFloor: settings.varianceFloor.get(name) as number,
      spike: choose(SPIKE_LADDER, counts.spikes, counts.readings, maxRate),
      drift: choose(DRIFT_LADDER, counts.drifts, counts.readings, maxRate),
      flat: choose(FLAT_LADDER, counts.flats, counts.readings, maxRate),
      high: choose(STATIC_LADDER, counts.highs, counts.readings, maxRate),
      low: choose(STATIC_LADDER, counts.lows, counts.readings, maxRate),
      baselines,
    }];
  });
  return {
    readings: profile.readings, keys: profile.keys.size, start: profile.start, end: profile.end, maxRate,
    heartbeat: settings.heartbeat, gapP99: profile.gapP99(), attributes,
  };
}

/**
 * The first candidate (at least `least`) whose rate's upper bound is within `maxRate`. When none
 * is — the history is too short to show so low a rate, or too many candidates fire — the first whose
 * rate itself is within it, else the last (strictest) one; either is flagged (`withinRate` false).
 */
function choose(ladder: readonly number[], alarms: ArrayLike<number>, trials: number, maxRate: number, least = 0): Choice {
  const candidate = (i: number): Choice => ({ threshold: ladder[i], alarms: alarms[i], rate: alarms[i] / trials, bound: poissonUpperBound(alarms[i]) / trials, withinRate: true });
  const eligible = [...ladder.keys()].filter((i) => ladder[i] >= least);
  if (!eligible.length) eligible.push(ladder.length - 1);
  const bounded = eligible.find((i) => candidate(i).bound <= maxRate);
  if (bounded !== undefined) return candidate(bounded);
  const observed = eligible.find((i) => candidate(i).rate <= maxRate) ?? eligible[eligible.length - 1];
  return { ...candidate(observed), withinRate: false };
}

/**
 * The one-sided 95% upper confidence bound of a Poisson count `n` (Wilson–Hilferty's approximation
 * of the chi-square quantile, within 1% from n = 0 on): with `n` alarms seen, the expected number
 * is below it with 95% confidence. 0 alarms give 3.0, 24 give 33.7.
 */
export function poissonUpperBound(n: number): number {
  const k = n + 1;
  return k * (1 - 1 / (9 * k) + 1.6449 / (3 * Math.sqrt(k))) ** 3;
}

/**
 * The shortest heartbeat of the ladder at least {@link HEARTBEAT_MARGIN} times the 99th percentile
 * gap whose rate of gaps as long stays within `maxRate`.
 */
function chooseHeartbeat(profile: HistoryProfile, maxRate: number): Choice {
  if (!profile.gaps) return { threshold: 3600, alarms: 0, rate: 0, bound: 1, withinRate: false };
  return choose(HEARTBEAT_LADDER, profile.longGaps, profile.gaps, maxRate, (HEARTBEAT_MARGIN * profile.gapP99()) / 1000);
}

/**
 * The least variance deviations are measured against: (1% of the fleet's typical robust deviation)²,
 * so a series that never varied does not divide by zero; for a fleet that never varied at all,
 * (10⁻⁶ of its typical magnitude, at least 10⁻⁶)².
 */
function floorOf(robust: ReplaySettings['robust'], name: string): number {
  const deviations: number[] = [];
  const magnitudes: number[] = [];
  for (const byAttribute of robust.values()) {
    const found = byAttribute.get(name);
    if (!found) continue;
    deviations.push(found.sigma);
    magnitudes.push(Math.abs(found.median));
  }
  const sigma = quantile(deviations.sort((a, b) => a - b), 0.5);
  if (sigma > 0) return (0.01 * sigma) ** 2;
  return (1e-6 * Math.max(1, quantile(magnitudes.sort((a, b) => a - b), 0.5) || 1)) ** 2;
}

/**
 * A key's robust deviation: 1.4826 × MAD (the standard deviation, for normal data); when more than
 * half its readings are equal (MAD 0), the spread of its 1st to 99th percentile over 4.65 (also σ for
 * normal data), else 0.
 */
export function robustSigma(baseline: Baseline): number {
  if (baseline.mad > 0) return 1.4826 * baseline.mad;
  return (baseline.p99 - baseline.p01) / 4.65;
}
