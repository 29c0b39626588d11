import { backoffDelay } from '../backoff';
import { IdWindow } from '../engine';
import { AppError } from '../errors';
import { StaleDetectorError, detectorId, type Clock, type DetectorKey, type DetectorStore, type MessageIdStore, type Telemetry, type TraceEntry, type TraceStore, type WakeupStore } from '../ports';
import { evaluateDetector, needsSpilledIds, type DetectorEvaluation, type DetectorJob, type EvaluationSettings } from './evaluate-detector';

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

/** Enough for 20 writers on one key (the concurrency test) with room to spare; alarm instances use it too. */
export const DEFAULT_CONFLICT_POLICY: ConflictPolicy = { maxAttempts: 40, baseDelayMs: 5, maxDelayMs: 400 };

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

/** How a commit runs. */
export interface CommitOptions {
  readonly settings: EvaluationSettings;
  readonly deps: CommitDeps;
  readonly policy?: ConflictPolicy;
  /**
   * A batch's trace page. With it, the traces to keep are returned, not written, so the caller
   * writes a whole batch's to that page at once; the detector points at it. Without it, the
   * detector's traces go to a page of their own.
   */
  readonly tracePage?: string;
}

/**
 * A first evaluation the caller made against the job's `stored` item: a batch evaluates all its
 * detectors first, to write their wake-ups and spilled ids together (one BatchWriteItem per 25
 * instead of one per detector).
 */
export interface FirstEvaluation {
  readonly evaluation: DetectorEvaluation;
  /** Its wake-ups and spilled ids are durable already; otherwise the commit writes them. */
  readonly aheadWritten: boolean;
}

/** A job's evaluation, or why it could not be made. */
export type Evaluated =
  | { readonly ok: true; readonly evaluation: DetectorEvaluation }
  | { readonly ok: false; readonly error: Error; readonly stage: 'evaluate' | 'store' };

/**
 * Writes a detector's evaluation with a conditional write on the version read, evaluating again
 * on a conflict until it wins (bounded, with jittered backoff). Each attempt:
 *
 * 1. evaluate the work on the item as last read (the first attempt may come evaluated: `first`);
 * 2. write what must be durable before it: wake-ups (if the detector write then fails, an orphan
 *    wake-up finds nothing due and does nothing; the reverse order could lose a timer) and spilled ids;
 * 3. put the detector, conditional on the version read; on a conflict, read it again and go to 1.
 *
 * Never throws: any failure, including one while re-reading the detector after a conflict, is
 * returned, so it fails only this detector's work.
 */
export async function commitDetector(job: DetectorJob, options: CommitOptions, first?: FirstEvaluation): Promise<CommitResult> {
  const { deps, policy = DEFAULT_CONFLICT_POLICY, tracePage } = options;
  // The page this detector's new traces go to: the caller's batch page, or one of its own.
  const page = deps.traces ? (tracePage ?? deps.traces.newPage()) : undefined;
  let current = job.stored;
  let next = first;
  for (let attempt = 1; ; attempt++) {
    if (!next) {
      const evaluated = await evaluateJob({ ...job, stored: current }, options);
      if (!evaluated.ok) return { ok: false, attempts: attempt, error: evaluated.error, stage: evaluated.stage };
      next = { evaluation: evaluated.evaluation, aheadWritten: false };
    }
    const { evaluation } = next;
    try {
      if (evaluation.changed && evaluation.snapshot) {
        if (!next.aheadWritten) await writeAhead(job.key, evaluation, deps);
        await deps.detectors.put({
          key: job.key,
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
      deps.telemetry.log('debug', 'detector changed by another writer; evaluating again', { detector: detectorId(job.key), attempt });
      try {
        current = error.current ?? (await deps.detectors.get(job.key));
      } catch (readError) {
        // A failed re-read fails this detector's work only; the caller retries its messages.
        return { ok: false, attempts: attempt, error: readError as Error, stage: 'store' };
      }
      await deps.clock.sleep(backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs }, deps.random ?? Math.random));
      next = undefined;
      continue;
    }
    const traces =
      evaluation.changed && evaluation.traces.length && page && evaluation.snapshot
        ? { key: job.key, traces: evaluation.traces, ...(current?.traceRef ? { previous: current.traceRef } : {}) }
        : undefined;
    if (traces && page && !tracePage) await saveTraces(deps, page, [traces]);
    return { ok: true, evaluation, attempts: attempt, ...(traces && tracePage ? { traces } : {}) };
  }
}

/** The message-ids table could not be read: a storage failure, retried like one. */
export class SpilledIdsReadError extends AppError {}

/**
 * Evaluates a job on its `stored` item, first reading the ids the detector spilled when a message
 * may be a repeat ({@link needsSpilledIds}). Never throws: a model or work that cannot be evaluated
 * fails at the `evaluate` stage (retrying cannot help), an unreadable message-ids table at `store`.
 */
export async function evaluateJob(job: DetectorJob, { settings, deps }: Pick<CommitOptions, 'settings' | 'deps'>): Promise<Evaluated> {
  const now = deps.clock.now();
  // No spill without a table to keep the spilled ids.
  const spilling = { ...settings, spillIds: settings.spillIds !== false && deps.messageIds !== undefined };
  let spilled: IdWindow | undefined;
  try {
    spilled = await readSpilledIds(deps.messageIds, job.key, job.stored, job.work, now, settings);
  } catch (error) {
    return { ok: false, error: error as Error, stage: 'store' };
  }
  try {
    return { ok: true, evaluation: evaluateDetector(job, { now, settings: spilling, spilled }) };
  } catch (error) {
    return { ok: false, error: error as Error, stage: 'evaluate' };
  }
}

/**
 * The ids a detector or alarm instance (`key`, as the stores keyed by detector name it) spilled to
 * the message-ids table, read only when {@link needsSpilledIds} says a message may be a repeat of one.
 * @throws SpilledIdsReadError when the table cannot be read.
 */
export async function readSpilledIds(
  messageIds: MessageIdStore | undefined,
  key: DetectorKey,
  stored: Parameters<typeof needsSpilledIds>[0],
  work: Parameters<typeof needsSpilledIds>[1],
  now: number,
  settings: EvaluationSettings,
): Promise<IdWindow | undefined> {
  if (!messageIds || !needsSpilledIds(stored, work, now, settings)) return undefined;
  try {
    const spilled = new IdWindow();
    for (const record of await messageIds.read(key, now - settings.duplicateWindowMs)) spilled.load(record);
    return spilled;
  } catch (error) {
    throw new SpilledIdsReadError(`could not read the message ids spilled by ${detectorId(key)}: ${(error as Error).message}`, { cause: error });
  }
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
