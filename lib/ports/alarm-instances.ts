/** What the control plane needs of alarm instances: removing a deleted alarm model's. */
export interface AlarmInstanceRemover {
  /** Deletes every instance of the alarm model and its pending snooze wake-ups. Idempotent. */
  deleteModelInstances(alarmModelName: string): Promise<void>;
}
