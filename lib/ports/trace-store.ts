import type { EvaluationTrace } from '../engine';
import type { DetectorKey } from './detector-store';

/** Keeps the last evaluation traces of each detector, so "why did it do that?" has an answer. */
export interface TraceStore {
  /**
   * Records traces of one detector, numbered from `first` (the detector's trace count before
   * them); only the newest ones are kept. Best effort: a failure must not undo the evaluation.
   */
  append(key: DetectorKey, traces: readonly EvaluationTrace[], first: number): Promise<void>;
  /** The detector's most recent traces, newest last, as AWS-shaped log records. */
  recent(key: DetectorKey): Promise<Record<string, unknown>[]>;
}
