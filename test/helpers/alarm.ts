import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTypedJson } from '../../lib/expression';
import type { AlarmMessage, AlarmSnapshot, AlarmStateName, OperatorAction } from '../../lib/engine';
import { compileAlarmModel, type CompiledAlarmModel, type CreateAlarmModelRequest } from '../../lib/model';

/** The example alarm model (Vigil's own; models/ cannot hold alarm models yet). */
export const EXAMPLE_ALARM = path.resolve(__dirname, '../fixtures/alarm-models/motor-temperature-alarm.json');

/** Reads the example alarm model as JSON. */
export function exampleAlarm(): CreateAlarmModelRequest {
  return JSON.parse(readFileSync(EXAMPLE_ALARM, 'utf8')) as CreateAlarmModelRequest;
}

/** The SNS topic of {@link alarmBody}'s action. */
export const ALARM_TOPIC = 'arn:aws:sns:us-east-1:123456789012:alarms';

/** The role of {@link alarmBody} (AWS requires one on every CreateAlarmModel). */
export const ALARM_ROLE = 'arn:aws:iam::123456789012:role/alarms';

/**
 * A CreateAlarmModel body: `$input.Temp.value > 30`, keyed by `id`, new instances NORMAL, one SNS
 * action; `extra` replaces top-level members (`undefined` removes one).
 */
export function alarmBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    alarmModelName: 'tempAlarm',
    roleArn: ALARM_ROLE,
    key: 'id',
    severity: 3,
    alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER', threshold: '30' } },
    alarmEventActions: { alarmActions: [{ sns: { targetArn: ALARM_TOPIC } }] },
    alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: true } },
    ...extra,
  };
  for (const [name, value] of Object.entries(body)) if (value === undefined) delete body[name];
  return body;
}

/** {@link alarmBody} compiled (version "1" unless given). */
export function alarmModel(extra: Record<string, unknown> = {}, version = '1'): CompiledAlarmModel {
  return compileAlarmModel(alarmBody(extra) as unknown as CreateAlarmModelRequest, { version });
}

/** The same capabilities with the acknowledge flow set. */
export const ackFlow = (enabled: boolean) => ({ initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled } });

let ids = 0;
/** A message of input `Temp` (or `inputName`) with the given payload members; `id` defaults to `dev-1`. */
export function data(members: Record<string, unknown>, inputName = 'Temp'): AlarmMessage {
  const text = JSON.stringify({ id: 'dev-1', ...members });
  return { type: 'message', inputName, messageId: `msg-${++ids}`, payload: parseTypedJson(text) };
}

/** A message of `Temp` for `dev-1` whose `value` is the given JSON text (`35`, `35.5`, `"hot"`), typed as JSON types it. */
export function temp(value: string | number): AlarmMessage {
  return { type: 'message', inputName: 'Temp', messageId: `msg-${++ids}`, payload: parseTypedJson(`{"id": "dev-1", "value": ${value}}`) };
}

/** An operator action on `dev-1`. */
export function operator(action: 'ACKNOWLEDGE' | 'DISABLE' | 'ENABLE' | 'RESET', note?: string): OperatorAction;
export function operator(action: 'SNOOZE', note: string | undefined, snoozeDuration: number): OperatorAction;
export function operator(action: OperatorAction['action'], note?: string, snoozeDuration?: number): OperatorAction {
  const base = { type: 'operator' as const, requestId: `req-${++ids}`, keyValue: 'dev-1', ...(note === undefined ? {} : { note }) };
  return (action === 'SNOOZE' ? { ...base, action, snoozeDuration: snoozeDuration as number } : { ...base, action }) as OperatorAction;
}

/** An instance of {@link alarmModel} for `dev-1` in `stateName`, last evaluated at 35 > 30. */
export function instance(stateName: AlarmStateName, extra: Partial<AlarmSnapshot> = {}): AlarmSnapshot {
  return {
    alarmModelName: 'tempAlarm',
    alarmModelVersion: '1',
    keyValue: 'dev-1',
    stateName,
    severity: 3,
    ruleEvaluation: { inputPropertyValue: '35', operator: 'GREATER', thresholdValue: '30' },
    customerAction: undefined,
    systemEvent: undefined,
    snoozeDueAt: stateName === 'SNOOZE_DISABLED' ? NOW + 60_000 : undefined,
    threshold: undefined,
    sequence: 4,
    creationTime: NOW - 3_600_000,
    lastUpdateTime: NOW - 60_000,
    ...extra,
  };
}

/** The processing time of the engine tests, epoch ms (any fixed instant: the engine has no clock). */
export const NOW = 1_700_000_000_000;
