import type { AlarmSnapshot } from './snapshot';

/** The mutable copy of an instance that one transition works on; the input snapshot is never touched. */
export type WorkingAlarm = { -readonly [K in keyof AlarmSnapshot]: AlarmSnapshot[K] };

/**
 * Every snapshot and working copy is built by these two functions, member by member in one order,
 * so all of them share one hidden class and the engine's property reads stay monomorphic.
 */
export function workingCopy(from: AlarmSnapshot, into: WorkingAlarm = {} as WorkingAlarm): WorkingAlarm {
  into.alarmModelName = from.alarmModelName;
  into.alarmModelVersion = from.alarmModelVersion;
  into.keyValue = from.keyValue;
  into.stateName = from.stateName;
  into.severity = from.severity;
  into.ruleEvaluation = from.ruleEvaluation;
  into.customerAction = from.customerAction;
  into.systemEvent = from.systemEvent;
  into.snoozeDueAt = from.snoozeDueAt;
  into.threshold = from.threshold;
  into.sequence = from.sequence;
  into.creationTime = from.creationTime;
  into.lastUpdateTime = from.lastUpdateTime;
  return into;
}

/** A new snapshot holding the working copy's values. */
export function toAlarmSnapshot(from: AlarmSnapshot): AlarmSnapshot {
  return {
    alarmModelName: from.alarmModelName,
    alarmModelVersion: from.alarmModelVersion,
    keyValue: from.keyValue,
    stateName: from.stateName,
    severity: from.severity,
    ruleEvaluation: from.ruleEvaluation,
    customerAction: from.customerAction,
    systemEvent: from.systemEvent,
    snoozeDueAt: from.snoozeDueAt,
    threshold: from.threshold,
    sequence: from.sequence,
    creationTime: from.creationTime,
    lastUpdateTime: from.lastUpdateTime,
  };
}
