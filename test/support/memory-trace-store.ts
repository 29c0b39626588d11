import type { EvaluationTrace } from '../../lib/engine';
import { detectorId, type DetectorKey, type TraceStore } from '../../lib/ports';
import { Faults } from './faults';

/** A {@link TraceStore} in memory: keeps every trace appended, with the number it was given. */
export class MemoryTraceStore implements TraceStore {
  readonly appended: { detector: string; first: number; traces: readonly EvaluationTrace[] }[] = [];
  readonly faults = new Faults<'append' | 'recent'>();

  async append(key: DetectorKey, traces: readonly EvaluationTrace[], first: number): Promise<void> {
    this.faults.check('append');
    this.appended.push({ detector: detectorId(key), first, traces });
  }

  async recent(key: DetectorKey): Promise<Record<string, unknown>[]> {
    this.faults.check('recent');
    const id = detectorId(key);
    return this.appended.filter((entry) => entry.detector === id).flatMap((entry) => entry.traces.map((trace) => ({ ...trace })));
  }
}
