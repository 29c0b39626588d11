import { DetectorTooLargeError, alarmId, type AlarmKey, type AlarmStore, type Catalog, type StoredAlarm, type UnreadableAlarmError } from '../ports';
import { commitAlarm } from './commit-alarm';
import { mapConcurrent } from './concurrency';
import type { EvaluationSettings } from './evaluate-detector';
import type { WakeDeps, WakeOutcome } from './wake-detectors';

/**
 * Wakes alarm instances whose snooze wake-up is due, through the same read–evaluate–conditional
 * write path as their messages: a snooze that is due ends (SNOOZE_DISABLED → NORMAL, systemEvent
 * SNOOZE_TIMEOUT, the model's actions) at most once however many schedulers wake it; one re-armed
 * by a later snooze, or ended by an operator, changes nothing. An instance or alarm model that no
 * longer exists has nothing to do. Never throws: what could not be done is in `failed` (by {@link alarmId}).
 */
export async function wakeAlarms(keys: readonly AlarmKey[], catalog: Catalog, deps: WakeDeps & { readonly alarms?: AlarmStore }, settings: EvaluationSettings, concurrency: number): Promise<WakeOutcome> {
  const failed = new Set<string>();
  const lateness: number[] = [];
  const { alarms } = deps;
  if (!keys.length) return { failed, lateness };
  if (!alarms) {
    deps.telemetry.log('error', 'snooze wake-ups cannot be handled: this runtime has no alarm store; will retry', { alarms: keys.map(alarmId) });
    return { failed: new Set(keys.map(alarmId)), lateness };
  }
  let stored: Map<string, StoredAlarm>;
  try {
    // Strongly consistent, as for detectors: a stale read could show the snooze not yet due, and
    // the wake-up would be deleted with the snooze still on.
    const onUnreadable = (error: UnreadableAlarmError) => {
      deps.telemetry.log('error', 'snooze skipped: the alarm cannot be read', { alarm: alarmId(error.key), error: error.message });
      deps.telemetry.count('TimersDropped');
    };
    stored = await alarms.getMany(keys, { consistent: true, onUnreadable });
  } catch (error) {
    deps.telemetry.log('error', 'could not read the alarms to wake; will retry', { error: (error as Error).message });
    return { failed: new Set(keys.map(alarmId)), lateness };
  }
  const models = new Map((catalog.alarmModels ?? []).map((model) => [model.name, model]));
  await mapConcurrent(keys, concurrency, async (key) => {
    const id = alarmId(key);
    const model = models.get(key.model);
    const alarm = stored.get(id);
    if (!model && catalog.unavailableAlarmModels?.has(key.model)) {
      // Its model exists but cannot be loaded now: the snooze waits for it rather than being dropped.
      deps.telemetry.log('error', 'alarm model cannot be loaded; its snoozes wait for it', { alarm: id, alarmModelName: key.model });
      failed.add(id);
      return;
    }
    if (!model || !alarm) return;
    const result = await commitAlarm({ model, key, stored: alarm, work: [{ kind: 'wake' }] }, { settings, deps: { ...deps, alarms } });
    if (!result.ok && result.error instanceof DetectorTooLargeError) {
      deps.telemetry.log('error', 'snooze dropped: the alarm cannot be stored', { alarm: id, error: result.error.message });
      deps.telemetry.count('TimersDropped');
      return;
    }
    if (!result.ok) {
      deps.telemetry.log('error', 'could not wake alarm; will retry', { alarm: id, error: result.error.message });
      failed.add(id);
      return;
    }
    const due = alarm.snapshot.snoozeDueAt;
    if (result.evaluation.stateChanges && due !== undefined) lateness.push(deps.clock.now() - due);
  });
  if (lateness.length) deps.telemetry.count('SnoozesEnded', lateness.length);
  return { failed, lateness };
}
