import * as statistics from '../expression/vigil-statistics';
import * as parameters from './parameters';
import type { Reading } from './reading';

// Read once: the CLI runs under tsx, whose CommonJS output reads an imported binding through a
// getter on every use — a third of the replay's time when read per reading.
const { ewma, ewmvar, zscore } = statistics;
const { DRIFT_LADDER, FLAT_LADDER, SPIKE_LADDER, STATIC_LADDER } = parameters;
const { alpha: ALPHA, clamp: CLAMP, warmUp: WARM_UP } = parameters.MODEL_PARAMETERS;

/** What the model needs to know before it can be replayed: its timeout and each attribute's variance floor. */
export interface ReplaySettings {
  readonly heartbeatSeconds: number;
  /** The least variance a deviation is measured against, per attribute (a flat series would divide by 0). */
  readonly varianceFloor: ReadonlyMap<string, number>;
  /** Per key, then attribute: the robust centre and deviation the static (alarm model) thresholds are measured from. */
  readonly robust: ReadonlyMap<string, ReadonlyMap<string, { readonly median: number; readonly sigma: number }>>;
}

/** How often each candidate threshold of one attribute would have fired on the history. */
export interface AttributeCounts {
  readings: number;
  /** Alarms per candidate of `SPIKE_LADDER`, `DRIFT_LADDER`, `FLAT_LADDER`. */
  readonly spikes: Float64Array;
  readonly drifts: Float64Array;
  readonly flats: Float64Array;
  /** Readings above median + k·σ and below median − k·σ of their key, per candidate k of `STATIC_LADDER`. */
  readonly highs: Float64Array;
  readonly lows: Float64Array;
}

interface AttributeState {
  mean?: number;
  variance?: number;
  refMean?: number;
  refVariance?: number;
  last?: number;
  run: number;
  readonly drifting: Uint8Array;
}

interface KeyState {
  readonly name: string;
  state: 'WarmUp' | 'Monitoring' | 'Silent';
  n: number;
  last: number;
  readonly attributes: Map<string, AttributeState>;
}

/**
 * The second pass: runs, per key, exactly the arithmetic of the detector model `vigil infer`
 * writes (`detector-model.ts`: warm-up, clamped running average and variance, spike, flat-line and
 * drift events, the heartbeat's Silent state), for every candidate threshold at once, and counts
 * the alarms each would have raised. The statistics are the expression language's own kernels, so
 * the counts are what `vigil simulate` replaying the model on the same history prints.
 */
export class ModelReplay {
  readonly counts = new Map<string, AttributeCounts>();
  private readonly keys = new Map<string, KeyState>();

  constructor(private readonly settings: ReplaySettings) {}

  /** Takes the next reading (a key's readings in time order, as in the first pass). */
  add(reading: Reading): void {
    let key = this.keys.get(reading.key);
    if (!key) {
      key = { name: reading.key, state: 'WarmUp', n: 0, last: reading.time, attributes: new Map() };
      this.keys.set(reading.key, key);
    } else if (reading.time - key.last >= this.settings.heartbeatSeconds * 1000) {
      key.state = 'Silent';
    }
    key.last = Math.max(key.last, reading.time);
    if (key.state === 'Silent') {
      // The message that ends a silence only moves the detector back (its transition), as the model does.
      key.state = key.n >= WARM_UP ? 'Monitoring' : 'WarmUp';
      if (key.state === 'WarmUp') key.n = 0;
      return;
    }
    for (const [name, x] of reading.values) this.observe(key, name, x);
    key.n++;
    if (key.state === 'WarmUp' && key.n >= WARM_UP) {
      key.state = 'Monitoring';
      for (const attribute of key.attributes.values()) {
        if (attribute.mean !== undefined) [attribute.refMean, attribute.refVariance] = [attribute.mean, attribute.variance];
        attribute.drifting.fill(0);
      }
    }
  }

  private observe(key: KeyState, name: string, x: number): void {
    const counts = this.countsOf(name);
    counts.readings++;
    let attribute = key.attributes.get(name);
    if (!attribute) {
      attribute = { run: 0, drifting: new Uint8Array(DRIFT_LADDER.length) };
      key.attributes.set(name, attribute);
    }
    this.countStatic(counts, this.settings.robust.get(key.name)?.get(name), x);
    const floor = this.settings.varianceFloor.get(name) ?? 0;
    const monitoring = key.state === 'Monitoring';
    if (monitoring && attribute.mean !== undefined && attribute.variance !== undefined) {
      const z = Math.abs(zscore(x, attribute.mean, Math.max(attribute.variance, floor)) ?? 0);
      for (let i = 0; i < SPIKE_LADDER.length; i++) if (z > SPIKE_LADDER[i]) counts.spikes[i]++;
    }
    attribute.run = attribute.last !== undefined && x === attribute.last ? attribute.run + 1 : 1;
    for (let i = 0; i < FLAT_LADDER.length; i++) if (attribute.run === FLAT_LADDER[i]) counts.flats[i]++;
    if (!monitoring) this.learn(attribute, x);
    else if (attribute.mean !== undefined && attribute.variance !== undefined) this.learnClamped(attribute, x, floor, counts);
    attribute.last = x;
  }

  private learn(attribute: AttributeState, x: number): void {
    const first = attribute.mean === undefined || attribute.variance === undefined;
    attribute.variance = first ? ewmvar(0, x, x, ALPHA) : ewmvar(attribute.variance as number, attribute.mean as number, x, ALPHA);
    attribute.mean = ewma(first ? x : (attribute.mean as number), x, ALPHA);
  }

  private learnClamped(attribute: AttributeState, x: number, floor: number, counts: AttributeCounts): void {
    const mean = attribute.mean as number;
    const spread = CLAMP * Math.sqrt(Math.max(attribute.variance as number, floor));
    const clamped = Math.min(Math.max(x, mean - spread), mean + spread);
    attribute.variance = ewmvar(attribute.variance as number, mean, clamped, ALPHA);
    attribute.mean = ewma(mean, clamped, ALPHA);
    if (attribute.refMean === undefined || attribute.refVariance === undefined) return;
    const score = Math.abs(zscore(attribute.mean, attribute.refMean, Math.max(attribute.refVariance, floor)) ?? 0);
    for (let i = 0; i < DRIFT_LADDER.length; i++) {
      const over = score > DRIFT_LADDER[i];
      if (attribute.drifting[i] && !over) attribute.drifting[i] = 0;
      else if (!attribute.drifting[i] && over) {
        attribute.drifting[i] = 1;
        counts.drifts[i]++;
      }
    }
  }

  private countStatic(counts: AttributeCounts, robust: { median: number; sigma: number } | undefined, x: number): void {
    if (!robust) return;
    for (let i = 0; i < STATIC_LADDER.length; i++) {
      if (x > robust.median + STATIC_LADDER[i] * robust.sigma) counts.highs[i]++;
      if (x < robust.median - STATIC_LADDER[i] * robust.sigma) counts.lows[i]++;
    }
  }

  private countsOf(name: string): AttributeCounts {
    let counts = this.counts.get(name);
    if (!counts) {
      counts = { readings: 0, spikes: new Float64Array(SPIKE_LADDER.length), drifts: new Float64Array(DRIFT_LADDER.length), flats: new Float64Array(FLAT_LADDER.length),
        highs: new Float64Array(STATIC_LADDER.length), lows: new Float64Array(STATIC_LADDER.length) };
      this.counts.set(name, counts);
    }
    return counts;
  }
}
