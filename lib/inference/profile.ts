import * as parameters from './parameters';
import type { Reading } from './reading';
import { Reservoir, medianAndMad, quantile } from './reservoir';

// Read once, not through tsx's per-use getter (see replay.ts).
const { HEARTBEAT_LADDER, RESERVOIR_SIZE } = parameters;

/** A summary of a series from its sample: robust baseline and percentiles. */
export interface Baseline {
  readonly count: number;
  readonly median: number;
  readonly mad: number;
  readonly p01: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The first pass over a history, in bounded memory: per key the time of its last reading, per key
 * and attribute a count, extremes and a {@link Reservoir} of {@link RESERVOIR_SIZE} values; for the
 * fleet, a reservoir of the gaps between a key's readings and, per heartbeat candidate, how many
 * gaps were at least that long. Readings of a key must come in time order (a reading older than the
 * key's last one counts no gap).
 */
export class HistoryProfile {
  /** Per key: the time of its latest reading, and its attributes' series. */
  readonly keys = new Map<string, { last: number; series: Map<string, { count: number; min: number; max: number; sample: Reservoir }> }>();
  /** Attributes in order of first appearance. */
  readonly attributes: string[] = [];
  /** A sample of the gaps between a key's consecutive readings, ms. */
  readonly gapSample = new Reservoir(4096, 7);
  /** Gaps at least `HEARTBEAT_LADDER[i]` seconds long. */
  readonly longGaps = new Float64Array(HEARTBEAT_LADDER.length);
  /** Readings taken, gaps between a key's readings counted, and the first and last time seen. */
  readings = 0;
  gaps = 0;
  start = Infinity;
  end = -Infinity;

  /** Takes the next reading of the history. */
  add(reading: Reading): void {
    this.readings++;
    this.start = Math.min(this.start, reading.time);
    this.end = Math.max(this.end, reading.time);
    let key = this.keys.get(reading.key);
    if (!key) {
      key = { last: reading.time, series: new Map() };
      this.keys.set(reading.key, key);
    } else {
      this.addGap(reading.time - key.last);
      key.last = Math.max(key.last, reading.time);
    }
    for (const [name, value] of reading.values) {
      let series = key.series.get(name);
      if (!series) {
        if (!this.attributes.includes(name)) this.attributes.push(name);
        series = { count: 0, min: value, max: value, sample: new Reservoir(RESERVOIR_SIZE, key.series.size + this.keys.size) };
        key.series.set(name, series);
      }
      series.count++;
      if (value < series.min) series.min = value;
      if (value > series.max) series.max = value;
      series.sample.add(value);
    }
  }

  private addGap(ms: number): void {
    if (ms < 0) return;
    this.gaps++;
    this.gapSample.add(ms);
    for (let i = 0; i < HEARTBEAT_LADDER.length; i++) if (ms >= HEARTBEAT_LADDER[i] * 1000) this.longGaps[i]++;
  }

  /** The robust baseline of one key's attribute, or undefined when the key never had it. */
  baseline(key: string, attribute: string): Baseline | undefined {
    const series = this.keys.get(key)?.series.get(attribute);
    if (!series) return undefined;
    const sorted = series.sample.sorted();
    const { median, mad } = medianAndMad(sorted);
    return { count: series.count, median, mad, p01: quantile(sorted, 0.01), p99: quantile(sorted, 0.99), min: series.min, max: series.max };
  }

  /** The 99th percentile of the gaps between a key's readings, ms; NaN with no gap. */
  gapP99(): number {
    return quantile(this.gapSample.sorted(), 0.99);
  }
}
