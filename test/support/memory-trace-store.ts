import { traceRecord, type EvaluationTrace } from '../../lib/engine';
import { detectorId, type DetectorKey, type TraceEntry, type TraceStore } from '../../lib/ports';
import { Faults } from './faults';

/**
 * A {@link TraceStore} in memory with the DynamoDB store's semantics (the contract test holds them
 * together): pages of entries, read back from a head page along each entry's `previous`, the
 * newest `depth` traces, oldest first, in AWS's log shape. It also keeps every append for tests.
 */
export class MemoryTraceStore implements TraceStore {
  readonly appended: { page: string; detector: string; previous?: string; traces: readonly EvaluationTrace[] }[] = [];
  readonly faults = new Faults<'append' | 'recent'>();
  private pages = 0;

  /** Calls of append, each with its entries. */
  readonly calls: number[] = [];

  constructor(private readonly depth = 20) {}

  newPage(): string {
    return `page-${++this.pages}`;
  }

  async append(page: string, entries: readonly TraceEntry[]): Promise<void> {
    this.faults.check('append');
    this.calls.push(entries.length);
    for (const { key, traces, previous } of entries) this.appended.push({ page, detector: detectorId(key), previous, traces });
  }

  async recent(key: DetectorKey, head: string | undefined): Promise<Record<string, unknown>[]> {
    this.faults.check('recent');
    const id = detectorId(key);
    const found: EvaluationTrace[][] = [];
    let count = 0;
    const visited = new Set<string>();
    for (let page = head; page && count < this.depth && !visited.has(page); ) {
      visited.add(page);
      const mine = this.appended.find((entry) => entry.page === page && entry.detector === id);
      if (!mine) break;
      found.unshift([...mine.traces.slice(-this.depth)]);
      count += found[0].length;
      page = mine.previous;
    }
    return found.flat().slice(-this.depth).map(traceRecord);
  }
}
