import type { AlarmSnapshot } from './snapshot';

const NUMBER = /^-?\d+(\.\d+)?$/;

/** A rule value in a payload: a number as a JSON number (`41`, `30.5`), anything else as a JSON string. */
function ruleValue(text: string): string {
  return NUMBER.test(text) ? text : JSON.stringify(text);
}

/**
 * The alarm state as AWS wrote it to SiteWise's AWS/ALARM_STATE property and as the AWS notification
 * handler reads it (spec §1.4): `{stateName, ruleEvaluation: {simpleRule: {inputProperty,
 * operator, threshold}}, customerAction?, systemEvent?}`, values as numbers, `ruleEvaluation` left
 * out when the rule has not been evaluated (or was reset).
 */
export function alarmStateJson(snapshot: AlarmSnapshot): string {
  let text = `{"stateName":"${snapshot.stateName}"`;
  const rule = snapshot.ruleEvaluation;
  if (rule) {
    text += `,"ruleEvaluation":{"simpleRule":{"inputProperty":${ruleValue(rule.inputPropertyValue)},"operator":"${rule.operator}","threshold":${ruleValue(rule.thresholdValue)}}}`;
  }
  if (snapshot.customerAction) text += `,"customerAction":${JSON.stringify(snapshot.customerAction)}`;
  if (snapshot.systemEvent) text += `,"systemEvent":${JSON.stringify(snapshot.systemEvent)}`;
  return `${text}}`;
}

/**
 * The default payload of `alarmEventActions` and the notification's `notificationEventPayload`
 * (spec §1.4, docs/decisions.md): `{alarmModelName, alarmModelVersion, keyValue?, severity?,
 * stateUpdateTime (epoch ms), alarmState}`. `keyValue` is left out for a model without a key (AWS's
 * handler then says "Singleton"), `severity` when the model sets none.
 */
export function alarmPayload(snapshot: AlarmSnapshot, stateUpdateTime: number): string {
  const q = JSON.stringify;
  let text = `{"alarmModelName":${q(snapshot.alarmModelName)},"alarmModelVersion":${q(snapshot.alarmModelVersion)}`;
  if (snapshot.keyValue !== undefined) text += `,"keyValue":${q(snapshot.keyValue)}`;
  if (snapshot.severity !== undefined) text += `,"severity":${snapshot.severity}`;
  return `${text},"stateUpdateTime":${Math.floor(stateUpdateTime)},"alarmState":${alarmStateJson(snapshot)}}`;
}
