import type { TemplateIssue } from './errors';
import type { Resolver } from './intrinsics';
import { iotEventsRoute, iotEventsRules, type OutValue } from './iot-events-route';
import { member, type CfnObject, type CfnValue } from './template';
import { vigilSqlVersion } from './vigil-rule-sql';

export type { OutValue };

/** Where Vigil's ingestion is: its ingest queue, its DLQ (for the rules' error action), the role its rules may use. */
export interface IngestTarget {
  readonly queueUrl: string;
  readonly errorQueueUrl: string;
  readonly roleArn: string;
}

/** What to change in one `AWS::IoT::TopicRule` of a template. */
export interface RuleEdit {
  readonly logicalId: string;
  /** A rule whose only action was IotEvents: its SQL, actions and error action become Vigil's. */
  readonly inPlace?: { readonly sql: OutValue; readonly version?: string; readonly actions: OutValue[]; readonly errorAction: OutValue };
  /** The IotEvents actions taken out of a rule that keeps its other actions (and its SQL, so they see the same payload). */
  readonly removeActions: readonly number[];
  /** The rule is taken out of the template (it had no other action; `migrate-rules --declare`). */
  readonly removeResource?: boolean;
  /** The rules added beside it, one per IotEvents action it had. */
  readonly companions: readonly { readonly logicalId: string; readonly resource: OutValue }[];
  /** For the report: each IotEvents action's input and the SQL now sent to Vigil. */
  readonly routes: readonly { readonly input: string; readonly sql: string }[];
}

/**
 * Plans the rewrite of every `AWS::IoT::TopicRule` of a template that has an `IotEvents` action
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-iot-topicrule-ioteventsaction.html):
 * each such action is replaced by Vigil's ingestion path for the same input — an Sqs action to the
 * ingest queue with Vigil's SQL ({@link vigilRuleSql}: MessageId and BatchMode kept), the DLQ as
 * error action, as Vigil's own rules do. A rule whose only action that was is rewritten in place;
 * a rule with other actions keeps them and its SQL untouched (they see byte for byte what they
 * saw) and loses the IotEvents actions to a companion rule each (`<Id>Vigil`, `<RuleName>_vigil`).
 * What cannot be rerouted is an ERROR at its template path. Pure: the edits are applied by
 * `rewriteTemplate`, which keeps the rest of the document as it was.
 */
export function planTemplateRules(root: CfnObject, target: IngestTarget, resolver: Resolver, issues: TemplateIssue[]): RuleEdit[] {
  const resources = member(root, 'Resources') as CfnObject;
  const taken = new Set(Object.keys(resources));
  const edits: RuleEdit[] = [];
  for (const { logicalId, resource, at, payload, actions, iotEvents, sql } of iotEventsRules(root, issues)) {
    const rules: { sql: OutValue; input: string; plain: string }[] = [];
    for (const index of iotEvents) {
      const rule = iotEventsRoute(sql, member(actions[index], 'IotEvents') as CfnValue, `${at}.Actions[${index}].IotEvents`, resolver, issues);
      if (rule) rules.push(rule);
    }
    if (rules.length !== iotEvents.length) continue;
    const original = member(payload, 'AwsIotSqlVersion');
    const versions = rules.map((rule) => vigilSqlVersion(sql, rule.plain, typeof original === 'string' ? original : undefined));
    if (versions.some((version) => version.changed)) {
      issues.push({ level: 'WARNING', path: `${at}.AwsIotSqlVersion`, message: `Vigil's rule for it runs under SQL version ${versions.find((version) => version.changed)?.version} (encode() needs it), this rule under ${original ?? '2015-10-08 (the default)'}: check that its WHERE clause and columns give the same results under both` });
    }
    const vigilPayload = (ruleSql: OutValue, i: number): OutValue => ({
      Sql: ruleSql,
      ...copied(payload, ['AwsIotSqlVersion', 'RuleDisabled']),
      ...(versions[i].version === undefined ? {} : { AwsIotSqlVersion: versions[i].version as string }),
      Actions: [{ Sqs: { QueueUrl: target.queueUrl, RoleArn: target.roleArn, UseBase64: false } }],
      ErrorAction: { Sqs: { QueueUrl: target.errorQueueUrl, RoleArn: target.roleArn, UseBase64: false } },
    });
    const routes = rules.map((rule) => ({ input: rule.input, sql: rule.plain }));
    if (actions.length === 1) {
      const replaced = vigilPayload(rules[0].sql, 0) as Record<string, OutValue>;
      if (member(payload, 'ErrorAction') !== undefined) {
        issues.push({ level: 'WARNING', path: `${at}.ErrorAction`, message: "replaced by Vigil's error action (the ingest DLQ, which vigil redrive replays)" });
      }
      edits.push({ logicalId, inPlace: { sql: replaced.Sql, version: versions[0].version, actions: replaced.Actions as OutValue[], errorAction: replaced.ErrorAction }, removeActions: [], companions: [], routes });
      continue;
    }
    const companions = rules.map((rule, i) => {
      const id = freeId(`${logicalId}Vigil${rules.length > 1 ? i + 1 : ''}`, taken);
      const properties: Record<string, OutValue> = { ...companionName(member(member(resource, 'Properties'), 'RuleName'), rules.length > 1 ? `_vigil_${i + 1}` : '_vigil'), TopicRulePayload: vigilPayload(rule.sql, i) };
      const tags = member(member(resource, 'Properties'), 'Tags');
      if (tags !== undefined) properties.Tags = tags;
      const condition = member(resource, 'Condition');
      return { logicalId: id, resource: { Type: 'AWS::IoT::TopicRule', ...(condition === undefined ? {} : { Condition: condition }), Properties: properties } };
    });
    edits.push({ logicalId, removeActions: iotEvents, companions, routes });
  }
  return edits;
}

function companionName(ruleName: CfnValue | undefined, suffix: string): Record<string, OutValue> {
  if (ruleName === undefined) return {};
  return { RuleName: typeof ruleName === 'string' ? `${ruleName}${suffix}` : { 'Fn::Join': ['', [ruleName, suffix]] } };
}

/** The rule's SQL version and enabled state, for the rule that replaces or accompanies it. */
function copied(payload: CfnValue | undefined, names: readonly string[]): Record<string, OutValue> {
  const out: Record<string, OutValue> = {};
  for (const name of names) {
    const value = member(payload, name);
    if (value === undefined) continue;
    const flag = typeof value === 'string' ? /^(true|false)$/i.exec(value) : null;
    out[name] = flag ? flag[0].toLowerCase() === 'true' : value;
  }
  return out;
}

function freeId(wanted: string, taken: Set<string>): string {
  let id = wanted;
  for (let n = 2; taken.has(id); n++) id = `${wanted}${n}`;
  taken.add(id);
  return id;
}

