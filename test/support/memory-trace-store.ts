import type { EvaluationTrace } from '../../lib/engine';
import { detectorId, type DetectorKey, type TraceEntry, type TraceStore } from '../../lib/ports';
import { Faults } from './faults';

/** A {@link TraceStore} in memory: keeps every trace appended, with the number it was given. */
export class MemoryTraceStore implements TraceStore {
  readonly appended: { detector: string; first: number; traces: readonly EvaluationTrace[] }[] = [];
  readonly faults = new Faults<'append' | 'recent'>();

  /** Calls of append, each with its entries. */
  readonly calls: number[] = [];

  async append(entries: readonly TraceEntry[]): Promise<void> {
    this.faults.check('append');
    this.calls.push(entries.length);
    for (const { key, traces, first } of entries) this.appended.push({ detector: detectorId(key), first, traces });
  }

  async recent(key: DetectorKey): Promise<Record<string, unknown>[]> {
    this.faults.check('recent');
    const id = detectorId(key);
    return this.appended.filter((entry) => entry.detector === id).flatMap((entry) => entry.traces.map((trace) => ({ ...trace })));
  }
}
