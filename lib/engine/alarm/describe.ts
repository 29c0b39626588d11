import type { AlarmSnapshot, AlarmStateName, CustomerAction, SimpleRuleEvaluation, SystemEvent } from './snapshot';

/** An alarm instance as DescribeAlarm returns it (`alarm`), times in epoch ms (the API converts them). */
export interface AlarmDescription {
  readonly alarmModelName: string;
  readonly alarmModelVersion: string;
  readonly keyValue?: string;
  readonly alarmState: {
    readonly stateName: AlarmStateName;
    readonly ruleEvaluation?: { readonly simpleRuleEvaluation: SimpleRuleEvaluation };
    readonly customerAction?: CustomerAction;
    readonly systemEvent?: SystemEvent;
  };
  readonly severity?: number;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

/** Describes an instance in the shape of the AWS data API's DescribeAlarm; members without a value are left out. */
export function describeAlarm(snapshot: AlarmSnapshot): AlarmDescription {
  return {
    alarmModelName: snapshot.alarmModelName,
    alarmModelVersion: snapshot.alarmModelVersion,
    ...(snapshot.keyValue === undefined ? {} : { keyValue: snapshot.keyValue }),
    alarmState: {
      stateName: snapshot.stateName,
      ...(snapshot.ruleEvaluation ? { ruleEvaluation: { simpleRuleEvaluation: snapshot.ruleEvaluation } } : {}),
      ...(snapshot.customerAction ? { customerAction: snapshot.customerAction } : {}),
      ...(snapshot.systemEvent ? { systemEvent: snapshot.systemEvent } : {}),
    },
    ...(snapshot.severity === undefined ? {} : { severity: snapshot.severity }),
    creationTime: snapshot.creationTime,
    lastUpdateTime: snapshot.lastUpdateTime,
  };
}
