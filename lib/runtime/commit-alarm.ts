import { StaleAlarmError, alarmId, alarmStorageKey, type AlarmStore, type StoredAlarm } from '../ports';
import { readSpilledIds, type CommitDeps, type CommitOptions } from './commit-detector';
import { commitConditionally, type CommitTarget, type Evaluated, type FirstAttempt } from './conditional-commit';
import { evaluateAlarm, type AlarmEvaluation, type AlarmJob } from './evaluate-alarm';

/** What committing an alarm instance needs: the detector path's stores, and the alarm store. */
export interface AlarmCommitDeps extends CommitDeps {
  readonly alarms: AlarmStore;
}

/** The outcome of committing one alarm instance's work (as `CommitResult` for detectors). */
export type AlarmCommitResult =
  | { readonly ok: true; readonly evaluation: AlarmEvaluation; readonly attempts: number }
  | { readonly ok: false; readonly attempts: number; readonly error: Error; readonly stage: 'evaluate' | 'store' };

/** An evaluation the caller already made on the job's `stored` item (see `FirstEvaluation`). */
export type FirstAlarmEvaluation = FirstAttempt<AlarmEvaluation>;

/**
 * Evaluates an alarm job on its `stored` item, first reading the ids it spilled when a message may
 * be a repeat. Never throws: an unreadable message-ids table fails at `store`, anything the
 * evaluation throws at `evaluate`.
 */
export async function evaluateAlarmJob(job: AlarmJob, { settings, deps }: { readonly settings: CommitOptions['settings']; readonly deps: AlarmCommitDeps }): Promise<Evaluated<AlarmEvaluation>> {
  const now = deps.clock.now();
  let spilled;
  try {
    spilled = await readSpilledIds(deps.messageIds, alarmStorageKey(job.key), job.stored, job.work, now, settings);
  } catch (error) {
    return { ok: false, error: error as Error, stage: 'store' };
  }
  try {
    const spilling = { ...settings, spillIds: settings.spillIds !== false && deps.messageIds !== undefined };
    return { ok: true, evaluation: evaluateAlarm(job, { now, settings: spilling, spilled }) };
  } catch (error) {
    return { ok: false, error: error as Error, stage: 'evaluate' };
  }
}

/**
 * Writes an alarm instance's evaluation exactly as `commitDetector` writes a detector's: its snooze
 * wake-up and spilled ids first (an orphan wake-up finds nothing due; the reverse order could lose
 * the snooze's end), then the instance with its outbox, conditional on the version read; on a
 * conflict, the instance as it is now is evaluated again (bounded, jittered backoff). Effects are
 * committed with the state that produced them, so the stream performs each exactly once. Never
 * throws.
 */
export async function commitAlarm(job: AlarmJob, options: { readonly settings: CommitOptions['settings']; readonly deps: AlarmCommitDeps; readonly policy?: CommitOptions['policy'] }, first?: FirstAlarmEvaluation): Promise<AlarmCommitResult> {
  const { deps } = options;
  const target: CommitTarget<StoredAlarm, AlarmEvaluation> = {
    name: `alarm ${alarmId(job.key)}`,
    evaluate: (current) => evaluateAlarmJob({ ...job, stored: current }, options),
    writeAhead: (evaluation) => writeAlarmAhead(job, evaluation, deps),
    put: (evaluation, current) =>
      deps.alarms.put({
        key: job.key,
        expectedVersion: current?.version,
        snapshot: evaluation.snapshot as NonNullable<AlarmEvaluation['snapshot']>,
        recentIds: evaluation.recentIds,
        spilledUntil: evaluation.spilledUntil,
        effects: evaluation.effects,
        roleArn: job.model.request.roleArn,
      }),
    conflict: (error) => error instanceof StaleAlarmError && { current: error.current },
    read: () => deps.alarms.get(job.key),
  };
  const committed = await commitConditionally(target, job.stored, deps, options.policy, first);
  return committed.ok ? { ok: true, evaluation: committed.evaluation, attempts: committed.attempts } : committed;
}

async function writeAlarmAhead(job: AlarmJob, evaluation: AlarmEvaluation, deps: AlarmCommitDeps): Promise<void> {
  const writes: Promise<void>[] = [];
  if (evaluation.wakeups.length) writes.push(deps.wakeups.schedule(evaluation.wakeups));
  if (evaluation.spill && deps.messageIds) writes.push(deps.messageIds.spill([{ key: alarmStorageKey(job.key), ...evaluation.spill }]));
  await Promise.all(writes);
}
