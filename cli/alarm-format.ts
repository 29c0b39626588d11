import type { AlarmModelSummary, AlarmModelVersionSummary, DescribeAlarmModelResponse } from '@aws-sdk/client-iot-events';

/** Readable text for the alarm model responses (times ISO 8601 in UTC, as cli/api-format.ts). */

const time = (date: Date | undefined) => (date ? date.toISOString() : '-');

/** An alarm model version: status, key, severity, rule, capabilities, what it notifies and does. */
export function formatAlarmModel(model: DescribeAlarmModelResponse): string[] {
  const rule = model.alarmRule?.simpleRule;
  const capabilities = model.alarmCapabilities;
  const actions = (model.alarmEventActions?.alarmActions ?? []).map((action) => Object.keys(action).find((kind) => action[kind as keyof typeof action] !== undefined) ?? '?');
  const notifications = model.alarmNotification?.notificationActions?.length ?? 0;
  return [
    `${model.alarmModelName} version ${model.alarmModelVersion} (${model.status})${model.statusMessage ? `: ${model.statusMessage}` : ''}`,
    ...(model.alarmModelDescription ? [`  ${model.alarmModelDescription}`] : []),
    `  key: ${model.key ?? 'none (one alarm)'}, severity: ${model.severity ?? 'none'}`,
    `  rule: ${rule?.inputProperty} ${rule?.comparisonOperator} ${rule?.threshold}`,
    // AWS's defaults when the model leaves them out: new alarms DISABLED, acknowledge flow on.
    `  new alarms start ${capabilities?.initializationConfiguration?.disabledOnInitialization === false ? 'NORMAL' : 'DISABLED'}, acknowledge flow ${capabilities?.acknowledgeFlow?.enabled === false ? 'off' : 'on'}`,
    `  actions: ${actions.length ? actions.join(', ') : 'none'}; notifications: ${notifications}`,
    `  arn: ${model.alarmModelArn}`,
    `  created ${time(model.creationTime)}, updated ${time(model.lastUpdateTime)}`,
  ];
}

/** One line per alarm model: name, creation time, description. */
export function formatAlarmModelSummaries(summaries: readonly AlarmModelSummary[]): string[] {
  const width = Math.max(4, ...summaries.map((s) => (s.alarmModelName ?? '').length));
  return summaries.map((s) => `${(s.alarmModelName ?? '').padEnd(width)}  created ${time(s.creationTime)}${s.alarmModelDescription ? `  ${s.alarmModelDescription}` : ''}`);
}

/** One line per version, newest first as the API lists them: version, status, last update. */
export function formatAlarmModelVersionSummaries(summaries: readonly AlarmModelVersionSummary[]): string[] {
  const width = Math.max(2, ...summaries.map((s) => `v${s.alarmModelVersion}`.length));
  return summaries.map((s) => `${`v${s.alarmModelVersion}`.padEnd(width)}  ${(s.status ?? '').padEnd(10)}  updated ${time(s.lastUpdateTime)}`);
}
