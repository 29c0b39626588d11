/** Behaviour switches of the alarm engine. Every default follows AWS IoT Events or a decision (docs/decisions.md). */
export interface AlarmEngineOptions {
  /** Shortest snooze, in seconds (AWS sets no bound; docs/decisions.md). */
  readonly minSnoozeSeconds: number;
  /** Longest snooze, in seconds: 366 days, the detector timers' limit. */
  readonly maxSnoozeSeconds: number;
  /**
   * Whether `alarmNotification` fires when the acknowledge flow is off. AWS: "If FALSE, you won't
   * receive notifications" (API_AcknowledgeFlow), so false by default.
   */
  readonly notifyWithoutAcknowledgeFlow: boolean;
  /** Largest evaluated custom action payload, in bytes (AWS: under 1 KB). */
  readonly maxPayloadBytes: number;
}

/** The defaults. */
export const DEFAULT_ALARM_OPTIONS: AlarmEngineOptions = {
  minSnoozeSeconds: 1,
  maxSnoozeSeconds: 31_622_400,
  notifyWithoutAcknowledgeFlow: false,
  maxPayloadBytes: 1024,
};

/** Fills unset options with the defaults. */
export function alarmOptions(overrides: Partial<AlarmEngineOptions> = {}): AlarmEngineOptions {
  return { ...DEFAULT_ALARM_OPTIONS, ...overrides };
}
