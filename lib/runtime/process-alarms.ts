import { DetectorTooLargeError, UnreadableAlarmError, alarmId, type AlarmStore } from '../ports';
import { commitAlarm, evaluateAlarmJob, type AlarmCommitDeps } from './commit-alarm';
import type { CommitDeps, CommitOptions } from './commit-detector';
import type { AlarmEvaluation, AlarmJob } from './evaluate-alarm';
import { evaluateShares, failedShare, readShares, type FailedShare } from './read-shares';
import type { AlarmGroup } from './route-batch';

/** What became of one detector's or alarm instance's share of a batch (see processBatch). */
export type ShareResult = { readonly ok: true } | FailedShare;

/** Records a share's failure (its messages then fail or are rejected for it alone). */
export type FailShare = (group: Pick<AlarmGroup, 'id' | 'items'>, result: Extract<ShareResult, { ok: false }>) => void;

/** An alarm instance of the batch, read and evaluated once against the item read. */
export interface EvaluatedAlarm {
  readonly group: AlarmGroup;
  readonly job: AlarmJob;
  readonly evaluation: AlarmEvaluation;
}

/** Reads the batch's alarm instances in one go (see {@link readShares}). */
export async function readAlarms(groups: readonly AlarmGroup[], deps: CommitDeps & { readonly alarms?: AlarmStore }, fail: FailShare): Promise<{ group: AlarmGroup; job: AlarmJob }[]> {
  const { alarms } = deps;
  if (groups.length && !alarms) {
    // A runtime built without the alarm store cannot run alarm models: said for each message, never skipped silently.
    for (const group of groups) fail(group, { ok: false, permanent: true, error: new Error(`alarm model ${group.model.name} cannot run here: this runtime has no alarm store`) });
    return [];
  }
  return readShares(groups, {
    getMany: (keys, onUnreadable) => (alarms as AlarmStore).getMany(keys, { onUnreadable }),
    idOf: alarmId,
    now: () => deps.clock.now(),
    fail: (group, permanent, error) => fail(group, { ok: false, permanent, error }),
  });
}

/** Evaluates every alarm instance once, against the item read; one that cannot be evaluated fails alone. */
export function evaluateAlarms(jobs: readonly { group: AlarmGroup; job: AlarmJob }[], options: { settings: CommitOptions['settings']; deps: AlarmCommitDeps }, fail: FailShare): Promise<EvaluatedAlarm[]> {
  return evaluateShares(jobs, (job) => evaluateAlarmJob(job, options), (group, permanent, error) => fail(group, { ok: false, permanent, error }));
}

/**
 * Commits one evaluated alarm instance (its first evaluation given, so nothing is evaluated twice)
 * and returns its share's result; counts what it did.
 */
export async function commitEvaluatedAlarm({ job, evaluation }: EvaluatedAlarm, options: { settings: CommitOptions['settings']; deps: AlarmCommitDeps; policy?: CommitOptions['policy'] }, aheadWritten: boolean): Promise<ShareResult> {
  const { deps } = options;
  const result = await commitAlarm(job, options, { evaluation, aheadWritten });
  if (!result.ok) return failedShare(result, evaluation.repeats, (error) => error instanceof DetectorTooLargeError || error instanceof UnreadableAlarmError);
  const done = result.evaluation;
  const applied = job.work.length - done.duplicates;
  if (applied) deps.telemetry.count('AlarmEvaluations', applied);
  if (done.duplicates) deps.telemetry.count('DuplicatesIgnored', done.duplicates);
  if (done.stateChanges) deps.telemetry.count('AlarmStateChanges', done.stateChanges);
  if (done.effects.length) deps.telemetry.count('ActionsQueued', done.effects.length);
  for (const diagnostic of done.diagnostics) deps.telemetry.log('warn', 'alarm evaluation', { alarm: alarmId(job.key), diagnostic });
  return { ok: true };
}
