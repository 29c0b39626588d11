import { failureCode } from '../errors';
import { DetectorTooLargeError, UnreadableDetectorError, alarmStorageKey, detectorId, type AlarmStore, type MessageIdStore, type ModelSource, type TraceEntry, type Wakeup } from '../ports';
import { commitDetector, evaluateJob, saveTraces, type CommitDeps, type CommitOptions, type CommitResult, type ConflictPolicy } from './commit-detector';
import { mapConcurrent } from './concurrency';
import type { DetectorEvaluation, DetectorJob, EvaluationSettings } from './evaluate-detector';
import type { IncomingMessage, MessageOutcome } from './messages';
import { commitEvaluatedAlarm, evaluateAlarms, readAlarms, type EvaluatedAlarm, type FailShare, type ShareResult } from './process-alarms';
import { evaluateShares, failedShare, readShares } from './read-shares';
import { routeBatch, type DetectorGroup } from './route-batch';

/** Everything `processBatch` needs. */
export interface BatchDeps extends CommitDeps {
  readonly models: ModelSource;
  /** Where alarm instances live (the detectors table); without it, messages fail for the alarm models they reach. */
  readonly alarms?: AlarmStore;
}

/** Limits and behaviour of batch processing. */
export interface BatchSettings extends EvaluationSettings {
  /** Largest payload accepted, in bytes (AWS's quota: 1 KB, adjustable). */
  readonly maxMessageBytes: number;
  /** Detectors written in parallel. */
  readonly concurrency: number;
  readonly conflicts?: ConflictPolicy;
}

/**
 * What became of one detector's (or alarm instance's) share of the batch. `applied`: messages it
 * had applied already, in an earlier committed write: applied, though this write failed.
 */
type DetectorResult = ShareResult;

/** A detector of the batch, read and evaluated once against the item read. */
interface Evaluated {
  readonly group: DetectorGroup;
  readonly job: DetectorJob;
  readonly evaluation: DetectorEvaluation;
}

/**
 * Delivers a batch of messages to their detectors and alarm instances: each one the batch reaches is read once
 * (one BatchGetItem per 100), applies its messages in timestamp order, and is written once, with a
 * conditional write. Returns one outcome per message, in order. Failures stay where they happen:
 * a bad message is rejected alone; a detector that cannot be read, evaluated or written fails only
 * its own share, and a message some detectors applied and others did not says which did not
 * (`unapplied`), so a retry or a dead letter can be narrowed to them. Alarm instances go the same
 * way beside detectors (read together, evaluated once, wake-ups written together, committed each).
 */
export async function processBatch(messages: readonly IncomingMessage[], deps: BatchDeps, settings: BatchSettings): Promise<MessageOutcome[]> {
  const routed = routeBatch(messages, await deps.models.catalog(), settings.maxMessageBytes, deps.telemetry);
  const results = new Map<string, DetectorResult>();
  const fail: FailShare = (group, result) => {
    results.set(group.id, result);
    report(group, result.error, deps);
  };

  const [jobs, alarmJobs] = await Promise.all([read([...routed.groups.values()], deps, fail), readAlarms([...routed.alarmGroups.values()], deps, fail)]);
  const evaluated = await evaluateAll(jobs, { settings, deps }, fail);
  const alarmDeps = deps.alarms && { ...deps, alarms: deps.alarms };
  const alarms = alarmDeps ? await evaluateAlarms(alarmJobs, { settings, deps: alarmDeps }, fail) : [];
  const aheadWritten = await writeAheadTogether(evaluated, alarms, deps);
  // Every detector of the batch puts its traces on one page, written once after their states.
  const tracePage = deps.traces?.newPage();
  const traces: TraceEntry[] = [];
  await mapConcurrent(evaluated, settings.concurrency, async ({ group, job, evaluation }) => {
    const result = await commitDetector(job, { settings, deps, policy: settings.conflicts, tracePage }, { evaluation, aheadWritten });
    if (!result.ok) return fail(group, failedShare(result, evaluation.repeats, (error) => error instanceof DetectorTooLargeError || error instanceof UnreadableDetectorError));
    results.set(group.id, { ok: true });
    count(result, deps, group.id);
    if (result.traces) traces.push(result.traces);
  });
  await mapConcurrent(alarms, settings.concurrency, async (alarm) => {
    const result = await commitEvaluatedAlarm(alarm, { settings, deps: alarmDeps as NonNullable<typeof alarmDeps>, policy: settings.conflicts }, aheadWritten);
    if (result.ok) results.set(alarm.group.id, result);
    else fail(alarm.group, result);
  });
  if (tracePage) await saveTraces(deps, tracePage, traces);

  const outcomes = messages.map((message, index) => routed.rejected.get(index) ?? outcomeOf(message.messageId, routed.reaches[index], results));
  const tally = (status: MessageOutcome['status']) => outcomes.filter((outcome, index) => outcome.status === status && !routed.rejected.has(index)).length;
  deps.telemetry.count('MessagesProcessed', tally('processed'));
  if (tally('failed')) deps.telemetry.count('MessagesFailed', tally('failed'));
  if (tally('rejected')) deps.telemetry.count('MessagesRejected', tally('rejected'));
  return outcomes;
}

/** Reads the batch's detectors (see {@link readShares}). */
function read(groups: readonly DetectorGroup[], deps: BatchDeps, fail: FailShare): Promise<{ group: DetectorGroup; job: DetectorJob }[]> {
  return readShares(groups, {
    getMany: (keys, onUnreadable) => deps.detectors.getMany(keys, { onUnreadable }),
    idOf: detectorId,
    now: () => deps.clock.now(),
    fail: (group, permanent, error) => fail(group, { ok: false, permanent, error }),
  });
}

/** Evaluates every detector once, against the item read; one that cannot be evaluated fails alone. */
function evaluateAll(jobs: readonly { group: DetectorGroup; job: DetectorJob }[], options: Pick<CommitOptions, 'settings' | 'deps'>, fail: FailShare): Promise<Evaluated[]> {
  return evaluateShares(jobs, (job) => evaluateJob(job, options), (group, permanent, error) => fail(group, { ok: false, permanent, error }));
}

/**
 * Writes the batch's new wake-ups and spilled ids (detectors' and alarm instances') in one go (25
 * per request) before any of them. If that fails, each commit writes its own, so a failure stays
 * with its detector or instance.
 */
async function writeAheadTogether(evaluated: readonly Evaluated[], alarms: readonly EvaluatedAlarm[], deps: BatchDeps): Promise<boolean> {
  const wakeups: Wakeup[] = [];
  const spills: Parameters<MessageIdStore['spill']>[0][number][] = [];
  const shares = [
    ...evaluated.map(({ job, evaluation }) => ({ key: job.key, evaluation })),
    ...alarms.map(({ job, evaluation }) => ({ key: alarmStorageKey(job.key), evaluation })),
  ];
  for (const { key, evaluation } of shares) {
    if (!evaluation.changed || !evaluation.snapshot) continue;
    wakeups.push(...evaluation.wakeups);
    if (evaluation.spill) spills.push({ key, ...evaluation.spill });
  }
  if (!wakeups.length && !spills.length) return true;
  try {
    await Promise.all([wakeups.length ? deps.wakeups.schedule(wakeups) : undefined, spills.length && deps.messageIds ? deps.messageIds.spill(spills) : undefined]);
    return true;
  } catch (error) {
    deps.telemetry.log('warn', "could not write the batch's timer wake-ups and spilled ids; writing them per detector", { error: (error as Error).message });
    return false;
  }
}

/** A message's outcome from those of the detectors it reaches. */
function outcomeOf(messageId: string, reaches: readonly string[], results: ReadonlyMap<string, DetectorResult>): MessageOutcome {
  const failed = reaches.flatMap((id) => {
    const result = results.get(id);
    return result && !result.ok && !result.applied?.has(messageId) ? [{ id, ...result }] : [];
  });
  if (!failed.length) return { status: 'processed' };
  const partial = failed.length < reaches.length ? { unapplied: failed.map((entry) => entry.id) } : {};
  const reason = failed.map((entry) => entry.error.message).join('; ');
  const transient = failed.find((entry) => !entry.permanent);
  // Any transient failure makes it worth retrying; the detectors that applied it skip the repeat.
  if (transient) return { status: 'failed', code: failureCode(transient.error), message: reason, ...partial };
  return { status: 'rejected', code: failed.some((entry) => entry.error instanceof DetectorTooLargeError) ? 'InvalidRequestException' : 'InternalFailureException', message: reason, ...partial };
}

function report(group: Parameters<FailShare>[0], error: Error, deps: BatchDeps): void {
  const messageIds = group.items.map((item) => item.work.messageId);
  deps.telemetry.log('error', 'messages not applied by this detector', { detector: group.id, messageIds, error: error.message, name: error.name });
}

function count(result: Extract<CommitResult, { ok: true }>, deps: BatchDeps, id: string): void {
  const { evaluation } = result;
  deps.telemetry.count('Evaluations', evaluation.traces.length - evaluation.duplicates - evaluation.skipped);
  if (evaluation.duplicates) deps.telemetry.count('DuplicatesIgnored', evaluation.duplicates);
  if (evaluation.skipped) deps.telemetry.count('OutOfOrderSkipped', evaluation.skipped);
  if (evaluation.effects.length) deps.telemetry.count('ActionsQueued', evaluation.effects.length);
  for (const trace of evaluation.traces) deps.telemetry.log('debug', 'evaluation', { detector: id, messageId: trace.messageId, state: trace.finalState, status: trace.status });
}
