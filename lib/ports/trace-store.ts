import type { EvaluationTrace } from '../engine';
import type { DetectorKey } from './detector-store';

/** New traces of one detector, numbered from `first` (the detector's trace count before them). */
export interface TraceEntry {
  readonly key: DetectorKey;
  readonly traces: readonly EvaluationTrace[];
  readonly first: number;
}

/** Keeps the last evaluation traces of each detector, so "why did it do that?" has an answer. */
export interface TraceStore {
  /**
   * Records the traces of one or many detectors (a whole batch in as few requests as the store
   * allows); only the newest ones of each are kept. Best effort: a failure must not undo the
   * evaluation.
   */
  append(entries: readonly TraceEntry[]): Promise<void>;
  /** The detector's most recent traces, newest last, as AWS-shaped log records. */
  recent(key: DetectorKey): Promise<Record<string, unknown>[]>;
}
