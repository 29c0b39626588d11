/**
 * The alarm engine: a pure transition function over alarm instances (spec alarm-models §1.3), beside
 * the detector engine and built from its parts. No I/O, no clock, no environment.
 */
export { adoptAlarm } from './adopt';
export { describeAlarm, type AlarmDescription } from './describe';
export type { AlarmEffect, AlarmNotificationEffect } from './effects';
export { notificationEvent, type ResolvedRecipient } from './notification-event';
export { applyOperator, type AlarmRefusal } from './operator';
export { DEFAULT_ALARM_OPTIONS, alarmOptions, type AlarmEngineOptions } from './options';
export { alarmPayload, alarmStateJson } from './payload';
export { routeAlarmMessage, type AlarmRoute } from './routing';
export {
  ALARM_STATES, isAlarmEnabled,
  type AlarmSnapshot, type AlarmStateName, type CustomerAction, type CustomerActionName, type RetainedThreshold, type SimpleRuleEvaluation, type SystemEvent,
} from './snapshot';
export { deserializeAlarmSnapshot, serializeAlarmSnapshot } from './snapshot-codec';
export { transitionAlarm, type AlarmResult, type AlarmStateChange } from './transition';
export type { AlarmMessage, AlarmTrigger, AlarmWake, OperatorAction } from './trigger';
