import type { AlarmSnapshot } from './snapshot';

/** The mutable copy of an instance that one transition works on; the input snapshot is never touched. */
export type WorkingAlarm = { -readonly [K in keyof AlarmSnapshot]: AlarmSnapshot[K] };

/**
 * A new snapshot with `from`'s values. Every snapshot the engine makes comes from this one literal,
 * member by member in one order, so they all share one hidden class and property reads stay
 * monomorphic; a transition works on such a fresh copy and returns it.
 */
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
