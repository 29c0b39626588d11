import type { CompiledModel } from '../model';
import { StaleDetectorError, detectorId, type Clock, type DetectorKey, type DetectorStore, type StoredDetector, type Telemetry, type TraceEntry, type TraceStore, type WakeupStore } from '../ports';
import { evaluateDetector, type DetectorEvaluation, type DetectorWork, type EvaluationSettings } from './evaluate-detector';

/** What committing a detector needs. */
export interface CommitDeps {
  readonly detectors: DetectorStore;
  readonly wakeups: WakeupStore;
  readonly traces?: TraceStore;
  readonly clock: Clock;
  readonly telemetry: Telemetry;
  readonly random?: () => number;
}

/** How hard to retry a detector that other writers keep changing. */
export interface ConflictPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Enough for 20 writers on one key (the concurrency test) with room to spare. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 400 };

/** The outcome of committing one detector's work. */
export type CommitResult =
  | { readonly ok: true; readonly evaluation: DetectorEvaluation; readonly attempts: number; readonly traces?: TraceEntry }
  | { readonly ok: false; readonly attempts: number; readonly error: Error };

/**
 * Evaluates a detector's work and writes the result with a conditional write, re-evaluating on a
 * conflict until it wins (bounded, with jittered backoff). Wake-up records are written before the
 * detector: if the detector write then fails, an orphan wake-up finds nothing due and does nothing,
 * whereas the reverse order could lose a timer. Never throws: any failure, including one while
 * re-reading the detector after a conflict, is returned, so it fails only this detector's work.
 *
 * @param batch what a batch caller does itself: `prepared` is the first attempt's evaluation,
 *   already made against `stored` by a caller that wrote its wake-ups together with other
 *   detectors' (one BatchWriteItem per 25 instead of one per detector); later attempts evaluate
 *   and write their own. With `deferTraces`, the traces to keep are returned, not written, so
 *   the caller writes a whole batch's at once.
 */
export async function commitDetector(
  model: CompiledModel,
  key: DetectorKey,
  stored: StoredDetector | undefined,
  work: readonly DetectorWork[],
  settings: EvaluationSettings,
  deps: CommitDeps,
  policy: ConflictPolicy = DEFAULT_CONFLICT_POLICY,
  batch: { readonly prepared?: DetectorEvaluation; readonly deferTraces?: boolean } = {},
): Promise<CommitResult> {
  const { prepared } = batch;
  let current = stored;
  for (let attempt = 1; ; attempt++) {
    let evaluation: DetectorEvaluation;
    try {
      const reuse = attempt === 1 && prepared !== undefined;
      evaluation = reuse ? prepared : evaluateDetector(model, key, current, work, deps.clock.now(), settings);
      if (evaluation.changed && evaluation.snapshot) {
        if (evaluation.wakeups.length && !reuse) await deps.wakeups.schedule(evaluation.wakeups);
        await deps.detectors.put({
          key,
          expectedVersion: current?.version,
          snapshot: evaluation.snapshot,
          recentIds: evaluation.recentIds,
          traceCount: (current?.traceCount ?? 0) + evaluation.traces.length,
          effects: evaluation.effects,
        });
      }
    } catch (error) {
      if (!(error instanceof StaleDetectorError) || attempt >= policy.maxAttempts) {
        return { ok: false, attempts: attempt, error: error as Error };
      }
      deps.telemetry.count('WriteConflicts');
      deps.telemetry.log('debug', 'detector changed by another writer; evaluating again', { detector: detectorId(key), attempt });
      try {
        current = error.current ?? (await deps.detectors.get(key));
      } catch (readError) {
        // A failed re-read fails this detector's work only; the caller retries its messages.
        return { ok: false, attempts: attempt, error: readError as Error };
      }
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await deps.clock.sleep(Math.floor((deps.random ?? Math.random)() * ceiling));
      continue;
    }
    const traces = evaluation.changed && evaluation.traces.length && deps.traces && evaluation.snapshot ? { key, traces: evaluation.traces, first: current?.traceCount ?? 0 } : undefined;
    if (traces && !batch.deferTraces) await saveTraces(deps, [traces]);
    return { ok: true, evaluation, attempts: attempt, ...(traces && batch.deferTraces ? { traces } : {}) };
  }
}

/** Traces are for people reading them later: losing them must not fail the messages. */
export async function saveTraces(deps: Pick<CommitDeps, 'traces' | 'telemetry'>, entries: readonly TraceEntry[]): Promise<void> {
  if (!deps.traces || !entries.length) return;
  try {
    await deps.traces.append(entries);
  } catch (error) {
    deps.telemetry.log('warn', 'could not store evaluation traces', { detectors: entries.map((entry) => detectorId(entry.key)), error: (error as Error).message });
  }
}
