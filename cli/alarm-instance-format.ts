import type { AlarmState, AlarmSummary } from '@aws-sdk/client-iot-events-data';

const time = (date: Date | undefined) => (date ? date.toISOString() : '-');

/** What DescribeAlarm returns in `alarm`, as the SDK gives it. */
interface Alarm {
  readonly alarmModelName?: string;
  readonly alarmModelVersion?: string;
  readonly keyValue?: string;
  readonly alarmState?: AlarmState;
  readonly severity?: number;
  readonly creationTime?: Date;
  readonly lastUpdateTime?: Date;
}

/** An alarm instance: state, last rule evaluation, last operator action (with its note), severity, times. */
export function formatAlarm(alarm: Alarm): string[] {
  const state = alarm.alarmState;
  const rule = state?.ruleEvaluation?.simpleRuleEvaluation;
  const action = state?.customerAction;
  const configuration = action && (Object.entries(action).find(([name]) => name.endsWith('ActionConfiguration'))?.[1] as { note?: string; snoozeDuration?: number } | undefined);
  return [
    `${alarm.alarmModelName}${alarm.keyValue === undefined ? '' : ` ${alarm.keyValue}`} (version ${alarm.alarmModelVersion})`,
    `  state: ${state?.stateName}${state?.systemEvent ? ` (${state.systemEvent.stateChangeConfiguration?.triggerType})` : ''}`,
    `  rule: ${rule ? `${rule.inputPropertyValue} ${rule.operator} ${rule.thresholdValue}` : 'not evaluated'}`,
    ...(action
      ? [`  last action: ${action.actionName}${configuration?.snoozeDuration === undefined ? '' : ` ${configuration.snoozeDuration} s`}${configuration?.note ? ` "${configuration.note}"` : ''}`]
      : []),
    ...(alarm.severity === undefined ? [] : [`  severity: ${alarm.severity}`]),
    `  created ${time(alarm.creationTime)}, updated ${time(alarm.lastUpdateTime)}`,
  ];
}

/** One line per alarm: key value, state, version, last update. */
export function formatAlarmSummaries(summaries: readonly AlarmSummary[]): string[] {
  const width = Math.max(9, ...summaries.map((s) => (s.keyValue ?? '-').length));
  return summaries.map((s) => `${(s.keyValue ?? '-').padEnd(width)}  ${(s.stateName ?? '').padEnd(15)}  v${s.alarmModelVersion}  updated ${time(s.lastUpdateTime)}`);
}
