import { backoffDelay } from '../backoff';
import { IdWindow } from '../engine';
import { AppError } from '../errors';
import type { CompiledModel } from '../model';
import { StaleDetectorError, detectorId, type Clock, type DetectorKey, type DetectorStore, type MessageIdStore, type StoredDetector, type Telemetry, type TraceEntry, type TraceStore, type WakeupStore } from '../ports';
import { evaluateDetector, needsSpilledIds, type DetectorEvaluation, type DetectorWork, type EvaluationSettings } from './evaluate-detector';

/** What committing a detector needs. */
export interface CommitDeps {
  readonly detectors: DetectorStore;
  readonly wakeups: WakeupStore;
  readonly traces?: TraceStore;
  /** Where ids spilled from detector items stay for the duplicate window; without it, none spill. */
  readonly messageIds?: MessageIdStore;
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
const DEFAULT_CONFLICT_POLICY: ConflictPolicy = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 400 };

/** The outcome of committing one detector's work. */
export type CommitResult =
  | { readonly ok: true; readonly evaluation: DetectorEvaluation; readonly attempts: number; readonly traces?: TraceEntry }
  | {
      readonly ok: false;
      readonly attempts: number;
      readonly error: Error;
      /** Where it failed: the evaluation itself (the model or the work: retrying cannot help) or storage. */
      readonly stage: 'evaluate' | 'store';
    };

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
 *   and write their own. With `tracePage`, the traces to keep are returned, not written, so the
 *   caller writes a whole batch's to that page at once; the detector points at it. `spilled` is the ids already read for `stored`
 *   from the message-ids table, if the caller read them.
 */
export async function commitDetector(
  model: CompiledModel,
  key: DetectorKey,
  stored: StoredDetector | undefined,
  work: readonly DetectorWork[],
  settings: EvaluationSettings,
  deps: CommitDeps,
  policy: ConflictPolicy = DEFAULT_CONFLICT_POLICY,
  batch: { readonly prepared?: DetectorEvaluation; readonly tracePage?: string; readonly spilled?: IdWindow } = {},
): Promise<CommitResult> {
  const { prepared } = batch;
  // The page this detector's new traces go to: the caller's batch page, or one of its own.
  const page = deps.traces ? (batch.tracePage ?? deps.traces.newPage()) : undefined;
  const spilling = { ...settings, spillIds: settings.spillIds !== false && deps.messageIds !== undefined };
  let current = stored;
  for (let attempt = 1; ; attempt++) {
    const reuse = attempt === 1 && prepared !== undefined;
    let evaluation: DetectorEvaluation;
    try {
      evaluation = reuse ? prepared : await evaluateWithSpilled(model, key, current, work, spilling, deps, attempt === 1 ? batch.spilled : undefined);
    } catch (error) {
      return { ok: false, attempts: attempt, error: error as Error, stage: error instanceof SpilledIdsReadError ? 'store' : 'evaluate' };
    }
    try {
      if (evaluation.changed && evaluation.snapshot) {
        if (!reuse) await writeAhead(key, evaluation, deps);
        await deps.detectors.put({
          key,
          expectedVersion: current?.version,
          snapshot: evaluation.snapshot,
          recentIds: evaluation.recentIds,
          spilledUntil: evaluation.spilledUntil,
          ...(page && evaluation.traces.length ? { traceRef: page } : current?.traceRef ? { traceRef: current.traceRef } : {}),
          effects: evaluation.effects,
        });
      }
    } catch (error) {
      if (!(error instanceof StaleDetectorError) || attempt >= policy.maxAttempts) {
        return { ok: false, attempts: attempt, error: error as Error, stage: 'store' };
      }
      deps.telemetry.count('WriteConflicts');
      deps.telemetry.log('debug', 'detector changed by another writer; evaluating again', { detector: detectorId(key), attempt });
      try {
        current = error.current ?? (await deps.detectors.get(key));
      } catch (readError) {
        // A failed re-read fails this detector's work only; the caller retries its messages.
        return { ok: false, attempts: attempt, error: readError as Error, stage: 'store' };
      }
      await deps.clock.sleep(backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs }, deps.random ?? Math.random));
      continue;
    }
    const traces =
      evaluation.changed && evaluation.traces.length && page && evaluation.snapshot
        ? { key, traces: evaluation.traces, ...(current?.traceRef ? { previous: current.traceRef } : {}) }
        : undefined;
    if (traces && page && !batch.tracePage) await saveTraces(deps, page, [traces]);
    return { ok: true, evaluation, attempts: attempt, ...(traces && batch.tracePage ? { traces } : {}) };
  }
}

/** The message-ids table could not be read: a storage failure, retried like one. */
export class SpilledIdsReadError extends AppError {}

/**
 * Evaluates `work` on `current`, first reading the ids it spilled when a message may be a repeat
 * ({@link needsSpilledIds}); `known` is what the caller already read for this same item.
 */
export async function evaluateWithSpilled(
  model: CompiledModel,
  key: DetectorKey,
  current: StoredDetector | undefined,
  work: readonly DetectorWork[],
  settings: EvaluationSettings,
  deps: Pick<CommitDeps, 'clock' | 'messageIds'>,
  known?: IdWindow,
): Promise<DetectorEvaluation> {
  const now = deps.clock.now();
  let spilled = known;
  if (!spilled && deps.messageIds && needsSpilledIds(current, work, now, settings)) {
    try {
      spilled = new IdWindow();
      for (const record of await deps.messageIds.read(key, now - settings.duplicateWindowMs)) spilled.load(record);
    } catch (error) {
      throw new SpilledIdsReadError(`could not read the message ids spilled by detector ${detectorId(key)}: ${(error as Error).message}`, { cause: error });
    }
  }
  return evaluateDetector(model, key, current, work, now, settings, spilled);
}

/**
 * What must be durable before the detector is written: its new wake-ups (the reverse order could
 * lose a timer) and the ids it spills (the reverse order could forget a message it applied).
 */
async function writeAhead(key: DetectorKey, evaluation: DetectorEvaluation, deps: CommitDeps): Promise<void> {
  const writes: Promise<void>[] = [];
  if (evaluation.wakeups.length) writes.push(deps.wakeups.schedule(evaluation.wakeups));
  if (evaluation.spill && deps.messageIds) writes.push(deps.messageIds.spill([{ key, ...evaluation.spill }]));
  await Promise.all(writes);
}

/** Traces are for people reading them later: losing them must not fail the messages. */
export async function saveTraces(deps: Pick<CommitDeps, 'traces' | 'telemetry'>, page: string, entries: readonly TraceEntry[]): Promise<void> {
  if (!deps.traces || !entries.length) return;
  try {
    await deps.traces.append(page, entries);
  } catch (error) {
    deps.telemetry.log('warn', 'could not store evaluation traces', { detectors: entries.map((entry) => detectorId(entry.key)), error: (error as Error).message });
  }
}
