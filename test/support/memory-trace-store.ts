import type { EvaluationTrace } from '../../lib/engine';
import { detectorId, type DetectorKey, type TraceEntry, type TraceStore } from '../../lib/ports';
import { Faults } from './faults';

/** A {@link TraceStore} in memory: keeps every trace appended, with its page and the number it was given. */
export class MemoryTraceStore implements TraceStore {
  readonly appended: { page: string; detector: string; previous?: string; traces: readonly EvaluationTrace[] }[] = [];
  readonly faults = new Faults<'append' | 'recent'>();
  private pages = 0;

  /** Calls of append, each with its entries. */
  readonly calls: number[] = [];

  newPage(): string {
    return `page-${++this.pages}`;
  }

  async append(page: string, entries: readonly TraceEntry[]): Promise<void> {
    this.faults.check('append');
    this.calls.push(entries.length);
    for (const { key, traces, previous } of entries) this.appended.push({ page, detector: detectorId(key), previous, traces });
  }

  async recent(key: DetectorKey): Promise<Record<string, unknown>[]> {
    this.faults.check('recent');
    const id = detectorId(key);
    return this.appended.filter((entry) => entry.detector === id).flatMap((entry) => entry.traces.map((trace) => ({ ...trace })));
  }
}
