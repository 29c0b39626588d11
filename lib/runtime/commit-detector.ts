import { IdWindow } from '../engine';
import { AppError } from '../errors';
import { StaleDetectorError, detectorId, type Clock, type DetectorKey, type DetectorStore, type StoredDetector, type MessageIdStore, type Telemetry, type TraceEntry, type TraceStore, type WakeupStore } from '../ports';
import { commitConditionally, type CommitTarget, type ConflictPolicy, type Evaluated, type FirstAttempt } from './conditional-commit';
import { evaluateDetector, needsSpilledIds, type DetectorEvaluation, type DetectorJob, type EvaluationSettings } from './evaluate-detector';

export { DEFAULT_CONFLICT_POLICY, type ConflictPolicy } from './conditional-commit';

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
export type FirstEvaluation = FirstAttempt<DetectorEvaluation>;

/**
 * Writes a detector's evaluation with a conditional write on the version read, evaluating again on
 * a conflict until it wins ({@link commitConditionally}: evaluate, write wake-ups and spilled ids,
 * put). Then keeps its traces: on the caller's batch page (returned, for the caller to write with
 * the batch's), or on a page of its own. Never throws.
 */
export async function commitDetector(job: DetectorJob, options: CommitOptions, first?: FirstEvaluation): Promise<CommitResult> {
  const { deps, tracePage } = options;
  // The page this detector's new traces go to: the caller's batch page, or one of its own.
  const page = deps.traces ? (tracePage ?? deps.traces.newPage()) : undefined;
  const target: CommitTarget<StoredDetector, DetectorEvaluation> = {
    name: `detector ${detectorId(job.key)}`,
    evaluate: (current) => evaluateJob({ ...job, stored: current }, options),
    writeAhead: (evaluation) => writeAhead(job.key, evaluation, deps),
    put: (evaluation, current) =>
      deps.detectors.put({
        key: job.key,
        expectedVersion: current?.version,
        snapshot: evaluation.snapshot as NonNullable<DetectorEvaluation['snapshot']>,
        recentIds: evaluation.recentIds,
        spilledUntil: evaluation.spilledUntil,
        ...(page && evaluation.traces.length ? { traceRef: page } : current?.traceRef ? { traceRef: current.traceRef } : {}),
        effects: evaluation.effects,
      }),
    conflict: (error) => error instanceof StaleDetectorError && { current: error.current },
    read: () => deps.detectors.get(job.key),
  };
  const committed = await commitConditionally(target, job.stored, deps, options.policy, first);
  if (!committed.ok) return committed;
  const { evaluation, attempts, current } = committed;
  const traces =
    evaluation.changed && evaluation.traces.length && page && evaluation.snapshot
      ? { key: job.key, traces: evaluation.traces, ...(current?.traceRef ? { previous: current.traceRef } : {}) }
      : undefined;
  if (traces && page && !tracePage) await saveTraces(deps, page, [traces]);
  return { ok: true, evaluation, attempts, ...(traces && tracePage ? { traces } : {}) };
}

/** The message-ids table could not be read: a storage failure, retried like one. */
export class SpilledIdsReadError extends AppError {}

/**
 * Evaluates a job on its `stored` item, first reading the ids the detector spilled when a message
 * may be a repeat ({@link needsSpilledIds}). Never throws: a model or work that cannot be evaluated
 * fails at the `evaluate` stage (retrying cannot help), an unreadable message-ids table at `store`.
 */
export async function evaluateJob(job: DetectorJob, { settings, deps }: Pick<CommitOptions, 'settings' | 'deps'>): Promise<Evaluated<DetectorEvaluation>> {
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
