import type { AlarmInstanceRemover, AlarmStore, Telemetry, WakeupStore } from '../ports';
import { snoozeWakeup } from './evaluate-alarm';

/**
 * Deletes a deleted alarm model's instances (as AWS did on DeleteAlarmModel) and the wake-ups of
 * their pending snoozes, so none fires for a model that is gone. The control API deletes the model
 * first, so no container creates an instance on it once its catalog is refreshed; a wake-up left
 * by an earlier, re-armed snooze finds no instance and does nothing. Idempotent: a call that
 * failed half-way is finished by the next.
 */
export class AlarmInstances implements AlarmInstanceRemover {
  constructor(private readonly deps: { readonly alarms: AlarmStore; readonly wakeups: WakeupStore; readonly telemetry: Telemetry }) {}

  async deleteModelInstances(alarmModelName: string): Promise<void> {
    const deleted = await this.deps.alarms.deleteModel(alarmModelName);
    const snoozes = deleted.flatMap(({ key, snoozeDueAt }) => (snoozeDueAt === undefined ? [] : [snoozeWakeup(key, snoozeDueAt)]));
    if (snoozes.length) await this.deps.wakeups.remove(snoozes);
    this.deps.telemetry.log('info', 'alarm instances deleted', { alarmModelName, instances: deleted.length, snoozesCancelled: snoozes.length });
  }
}
