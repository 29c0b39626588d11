import type { Fault, Value } from '../../expression';
import type { ComparisonOperator } from '../../model';

/** The six states of an alarm instance (AlarmState.stateName of the AWS data API). */
export const ALARM_STATES = ['DISABLED', 'NORMAL', 'ACTIVE', 'ACKNOWLEDGED', 'LATCHED', 'SNOOZE_DISABLED'] as const;

/** One of {@link ALARM_STATES}. */
export type AlarmStateName = (typeof ALARM_STATES)[number];

/**
 * The last evaluation of the rule, as DescribeAlarm shows it (`simpleRuleEvaluation`): both values
 * as strings — numbers as their literal text (`41`, `30.5`, `30.0`), strings as they are.
 */
export interface SimpleRuleEvaluation {
  readonly inputPropertyValue: string;
  readonly operator: ComparisonOperator;
  readonly thresholdValue: string;
}

/** The five operator actions, by their AWS `actionName`. */
export type CustomerActionName = 'ACKNOWLEDGE' | 'SNOOZE' | 'DISABLE' | 'ENABLE' | 'RESET';

/**
 * The last operator action, exactly as DescribeAlarm shows it (`alarmState.customerAction`): its
 * name and one configuration member with its note (and the snooze duration, in seconds).
 */
export type CustomerAction =
  | { readonly actionName: 'SNOOZE'; readonly snoozeActionConfiguration: { readonly snoozeDuration: number; readonly note?: string } }
  | { readonly actionName: 'ENABLE'; readonly enableActionConfiguration: { readonly note?: string } }
  | { readonly actionName: 'DISABLE'; readonly disableActionConfiguration: { readonly note?: string } }
  | { readonly actionName: 'ACKNOWLEDGE'; readonly acknowledgeActionConfiguration: { readonly note?: string } }
  | { readonly actionName: 'RESET'; readonly resetActionConfiguration: { readonly note?: string } };

/** A state change the system made by itself (`alarmState.systemEvent`): today only a snooze ending. */
export interface SystemEvent {
  readonly eventType: 'STATE_CHANGE';
  readonly stateChangeConfiguration: { readonly triggerType: 'SNOOZE_TIMEOUT' };
}

/**
 * Everything one alarm instance is, as plain data: serialisable, safe to store. Never mutated by
 * the engine; every transition returns a new one. Small on purpose — one DynamoDB write unit
 * covers an instance and its outbox — so it keeps values, not payloads.
 */
export interface AlarmSnapshot {
  readonly alarmModelName: string;
  /** The model version the instance last ran with. */
  readonly alarmModelVersion: string;
  /** The key value; undefined for a model without a key (one instance). */
  readonly keyValue: string | undefined;
  readonly stateName: AlarmStateName;
  /** The model version's severity, copied so DescribeAlarm and payloads need no model. */
  readonly severity: number | undefined;
  /** The last evaluation of the rule; undefined before the first and after a reset. */
  readonly ruleEvaluation: SimpleRuleEvaluation | undefined;
  /** The last operator action applied. */
  readonly customerAction: CustomerAction | undefined;
  /** Set by a snooze timeout; cleared by the next state change. */
  readonly systemEvent: SystemEvent | undefined;
  /** When a SNOOZE_DISABLED instance returns to NORMAL, epoch ms; undefined in every other state. */
  readonly snoozeDueAt: number | undefined;
  /**
   * The latest value of a threshold read from an input attribute, with the threshold's text: a
   * message that carries it updates it, so the rule can compare with it when the monitored
   * property arrives alone. Dropped when a new model version reads its threshold elsewhere.
   */
  readonly threshold: RetainedThreshold | undefined;
  /** Changes applied so far; part of every action execution id. */
  readonly sequence: number;
  /** Epoch ms. */
  readonly creationTime: number;
  /** Epoch ms of the last change. */
  readonly lastUpdateTime: number;
}

/** A threshold value read from a message, and the threshold expression it was read with. */
export interface RetainedThreshold {
  readonly source: string;
  readonly value: Exclude<Value, undefined | Fault>;
}

/** The states in which an alarm evaluates data. */
export function isAlarmEnabled(state: AlarmStateName): boolean {
  return state !== 'DISABLED' && state !== 'SNOOZE_DISABLED';
}
