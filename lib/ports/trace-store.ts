import type { EvaluationTrace } from '../engine';
import type { DetectorKey } from './detector-store';

/** New traces of one detector. */
export interface TraceEntry {
  readonly key: DetectorKey;
  readonly traces: readonly EvaluationTrace[];
  /** The page that held the detector's traces before these (its item's `traceRef` as read): a reader goes back through it. */
  readonly previous?: string;
}

/**
 * Keeps the last evaluation traces of each detector, so "why did it do that?" has an answer. A
 * batch's traces go to one page (all its detectors together, which compresses them tenfold); each
 * detector item points at the page with its latest traces, and each page says where every
 * detector's earlier traces are.
 */
export interface TraceStore {
  /** A new page, for the traces of one batch: its detectors point at it when they are written. */
  newPage(): string;
  /**
   * Records the traces of one or many detectors on `page`. Best effort: a failure must not undo
   * the evaluation.
   */
  append(page: string, entries: readonly TraceEntry[]): Promise<void>;
  /**
   * The detector's most recent traces, oldest first, as AWS-shaped log records, from the page
   * `head` (the detector item's `traceRef`) back; without one, as earlier releases stored them.
   */
  recent(key: DetectorKey, head: string | undefined): Promise<Record<string, unknown>[]>;
}
