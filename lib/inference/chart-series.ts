import { thresholdOf } from './alarm-models';
import type { Proposal } from './proposal';
import type { Reading } from './reading';

/** A reading of a series: epoch ms and value. */
export type ChartPoint = readonly [time: number, value: number];

/** One key's attribute as the console charts it: its readings, the proposed thresholds, where they fired. */
export interface ChartSeries {
  readonly key: string;
  readonly attribute: string;
  /** The alarm models' thresholds for this key: `median ± k·σ` (see `thresholdOf`). */
  readonly high: number;
  readonly low: number;
  readonly median: number;
  /** Readings of the series in the history. */
  readonly readings: number;
  /** The points drawn, in time order: every firing one, the rest thinned to at most `maxPoints` in all. */
  readonly points: readonly ChartPoint[];
  /** Every reading above `high` or below `low`: where the alarm would have fired. */
  readonly fired: readonly (readonly [time: number, value: number, side: 'high' | 'low'])[];
}

/**
 * Collects, from a further pass over the history, each key × attribute series of a proposal for a
 * chart: the readings, thinned to at most `maxPoints` per series by keeping each time bucket's
 * lowest and highest reading (the shape and its extremes survive) and every reading that would
 * have fired an alarm model (above the high or below the low threshold). Holds the series whole
 * while collecting: for bounded histories (the console's), not for `vigil infer`'s files.
 */
export class ChartCollector {
  private readonly series = new Map<string, { key: string; attribute: string; times: number[]; values: number[] }>();

  constructor(private readonly proposal: Proposal) {}

  /** Takes the next reading. */
  add(reading: Reading): void {
    for (const [attribute, value] of reading.values) {
      const id = `${attribute}\u0000${reading.key}`;
      let series = this.series.get(id);
      if (!series) {
        series = { key: reading.key, attribute, times: [], values: [] };
        this.series.set(id, series);
      }
      series.times.push(reading.time);
      series.values.push(value);
    }
  }

  /** The series, by attribute then key in order of first appearance. */
  result(maxPoints: number): ChartSeries[] {
    const attributes = new Map(this.proposal.attributes.map((attribute) => [attribute.name, attribute]));
    return [...this.series.values()].flatMap(({ key, attribute, times, values }): ChartSeries[] => {
      const proposed = attributes.get(attribute);
      const baseline = proposed?.baselines.get(key);
      if (!proposed || !baseline) return [];
      const high = thresholdOf(proposed, key, 'high');
      const low = thresholdOf(proposed, key, 'low');
      const fired: [number, number, 'high' | 'low'][] = [];
      for (let i = 0; i < values.length; i++) {
        if (values[i] > high) fired.push([times[i], values[i], 'high']);
        else if (values[i] < low) fired.push([times[i], values[i], 'low']);
      }
      return [{ key, attribute, high, low, median: baseline.median, readings: values.length, points: thin(times, values, high, low, maxPoints), fired }];
    });
  }
}

/** At most `max` points (more only when more fired): every firing reading, then each bucket's extremes. */
function thin(times: number[], values: number[], high: number, low: number, max: number): ChartPoint[] {
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  if (order.length <= max) return order.map((i) => [times[i], values[i]]);
  const kept = new Set<number>(order.filter((i) => values[i] > high || values[i] < low));
  const buckets = Math.max(1, Math.floor((max - kept.size) / 2));
  const size = order.length / buckets;
  for (let b = 0; b < buckets; b++) {
    let lowest = -1;
    let highest = -1;
    for (let j = Math.floor(b * size); j < Math.min(order.length, Math.floor((b + 1) * size)); j++) {
      const i = order[j];
      if (lowest < 0 || values[i] < values[lowest]) lowest = i;
      if (highest < 0 || values[i] > values[highest]) highest = i;
    }
    if (lowest >= 0) kept.add(lowest).add(highest);
  }
  return order.filter((i) => kept.has(i)).map((i) => [times[i], values[i]]);
}
