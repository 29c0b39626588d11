import { RuleRewriteError, substitutionToSql } from './iot-sql';
import type { IngestTarget } from './template-rules';
import { vigilRuleSql, vigilSqlVersion } from './vigil-rule-sql';

/** A topic rule action as the AWS IoT API gives it (GetTopicRule): one member, its type. */
export type ApiRuleAction = Readonly<Record<string, unknown>>;

/** The parts of a TopicRulePayload (GetTopicRule's `rule`, ReplaceTopicRule's `topicRulePayload`) a migration reads and writes. */
export interface ApiTopicRulePayload {
  readonly sql: string;
  readonly description?: string;
  readonly actions: readonly ApiRuleAction[];
  readonly ruleDisabled?: boolean;
  readonly awsIotSqlVersion?: string;
  readonly errorAction?: ApiRuleAction;
}

/** What to do to one live rule: replace its payload, create companion rules, or both. */
export interface LiveRulePlan {
  readonly ruleName: string;
  readonly before: ApiTopicRulePayload;
  /** The rule's new payload (its IotEvents actions gone, or, if that was all it did, Vigil's). */
  readonly replace: ApiTopicRulePayload;
  /** Rules to create first, one per IotEvents action of a rule that keeps other actions. */
  readonly create: readonly { readonly ruleName: string; readonly payload: ApiTopicRulePayload }[];
}

/** Most characters of a rule name (AWS IoT: `^[a-zA-Z0-9_]+$`, 1–128). */
const MAX_RULE_NAME = 128;

/**
 * Plans the migration of one live topic rule, the way `planTemplateRules` does a template's: each
 * `iotEvents` action becomes an `sqs` action to Vigil's ingest queue under Vigil's SQL (MessageId
 * and BatchMode kept), the ingest DLQ as error action; the rule is rewritten in place when that
 * was its only action, else it keeps its SQL and other actions and each IotEvents action moves to a
 * companion rule `<name>_vigil`. Undefined for a rule without an IotEvents action; throws a
 * {@link RuleRewriteError} for one that cannot be rerouted. Pure.
 */
export function planLiveRule(ruleName: string, rule: ApiTopicRulePayload, target: IngestTarget, existing: ReadonlySet<string> = new Set()): LiveRulePlan | undefined {
  const iotEvents = rule.actions.flatMap((action, index) => (action.iotEvents === undefined ? [] : [index]));
  if (!iotEvents.length) return undefined;
  const payloads = iotEvents.map((index) => vigilPayload(rule, rule.actions[index].iotEvents as Record<string, unknown>, target));
  if (rule.actions.length === 1) return { ruleName, before: rule, replace: { ...payloads[0], ...(rule.description === undefined ? {} : { description: rule.description }) }, create: [] };
  const taken = new Set(existing);
  const create = payloads.map((payload, i) => {
    let name = `${ruleName}_vigil${payloads.length > 1 ? `_${i + 1}` : ''}`;
    for (let n = 2; taken.has(name); n++) name = `${ruleName}_vigil${payloads.length > 1 ? `_${i + 1}` : ''}_${n}`;
    if (name.length > MAX_RULE_NAME) throw new RuleRewriteError(`the companion rule's name ${name} is longer than ${MAX_RULE_NAME} characters`);
    taken.add(name);
    return { ruleName: name, payload: { ...payload, description: `Vigil ingestion, migrated from the iotEvents action of rule ${ruleName}` } };
  });
  return { ruleName, before: rule, replace: { ...rule, actions: rule.actions.filter((_, i) => !iotEvents.includes(i)) }, create };
}

function vigilPayload(rule: ApiTopicRulePayload, action: Record<string, unknown>, target: IngestTarget): ApiTopicRulePayload {
  const { inputName, messageId, batchMode } = action;
  if (typeof inputName !== 'string' || !inputName) throw new RuleRewriteError('the iotEvents action has no inputName');
  const sql = vigilRuleSql(rule.sql, {
    inputNameSql: substitutionToSql(inputName),
    ...(typeof messageId === 'string' ? { messageIdSql: substitutionToSql(messageId) } : {}),
    batch: batchMode === true,
  });
  const { version } = vigilSqlVersion(rule.sql, sql, rule.awsIotSqlVersion);
  return {
    sql,
    ...(version === undefined ? {} : { awsIotSqlVersion: version }),
    ruleDisabled: rule.ruleDisabled ?? false,
    actions: [{ sqs: { queueUrl: target.queueUrl, roleArn: target.roleArn, useBase64: false } }],
    errorAction: { sqs: { queueUrl: target.errorQueueUrl, roleArn: target.roleArn, useBase64: false } },
  };
}
