import { backoffDelay } from '../backoff';
import { StaleAlarmError, alarmId, alarmStorageKey, type AlarmStore } from '../ports';
import { DEFAULT_CONFLICT_POLICY, readSpilledIds, type CommitDeps, type CommitOptions } from './commit-detector';
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
export interface FirstAlarmEvaluation {
  readonly evaluation: AlarmEvaluation;
  /** Its wake-up and spilled ids are durable already. */
  readonly aheadWritten: boolean;
}

/**
 * Evaluates an alarm job on its `stored` item, first reading the ids it spilled when a message may
 * be a repeat. Never throws: an unreadable message-ids table fails at `store`, anything the
 * evaluation throws at `evaluate`.
 */
export async function evaluateAlarmJob(job: AlarmJob, { settings, deps }: { readonly settings: CommitOptions['settings']; readonly deps: AlarmCommitDeps }): Promise<{ ok: true; evaluation: AlarmEvaluation } | { ok: false; error: Error; stage: 'evaluate' | 'store' }> {
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
  const { deps, policy = DEFAULT_CONFLICT_POLICY } = options;
  let current = job.stored;
  let next = first;
  for (let attempt = 1; ; attempt++) {
    if (!next) {
      const evaluated = await evaluateAlarmJob({ ...job, stored: current }, options);
      if (!evaluated.ok) return { ok: false, attempts: attempt, error: evaluated.error, stage: evaluated.stage };
      next = { evaluation: evaluated.evaluation, aheadWritten: false };
    }
    const { evaluation } = next;
    try {
      if (evaluation.changed && evaluation.snapshot) {
        if (!next.aheadWritten) await writeAlarmAhead(job, evaluation, deps);
        await deps.alarms.put({
          key: job.key,
          expectedVersion: current?.version,
          snapshot: evaluation.snapshot,
          recentIds: evaluation.recentIds,
          spilledUntil: evaluation.spilledUntil,
          effects: evaluation.effects,
          roleArn: job.model.request.roleArn,
        });
      }
      return { ok: true, evaluation, attempts: attempt };
    } catch (error) {
      if (!(error instanceof StaleAlarmError) || attempt >= policy.maxAttempts) return { ok: false, attempts: attempt, error: error as Error, stage: 'store' };
      deps.telemetry.count('WriteConflicts');
      deps.telemetry.log('debug', 'alarm changed by another writer; evaluating again', { alarm: alarmId(job.key), attempt });
      try {
        current = error.current ?? (await deps.alarms.get(job.key));
      } catch (readError) {
        return { ok: false, attempts: attempt, error: readError as Error, stage: 'store' };
      }
      await deps.clock.sleep(backoffDelay(attempt, { baseMs: policy.baseDelayMs, maxMs: policy.maxDelayMs }, deps.random ?? Math.random));
      next = undefined;
    }
  }
}

async function writeAlarmAhead(job: AlarmJob, evaluation: AlarmEvaluation, deps: AlarmCommitDeps): Promise<void> {
  const writes: Promise<void>[] = [];
  if (evaluation.wakeups.length) writes.push(deps.wakeups.schedule(evaluation.wakeups));
  if (evaluation.spill && deps.messageIds) writes.push(deps.messageIds.spill([{ key: alarmStorageKey(job.key), ...evaluation.spill }]));
  await Promise.all(writes);
}
