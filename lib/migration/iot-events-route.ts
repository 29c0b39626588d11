import type { TemplateIssue } from './errors';
import { RuleRewriteError, hasSubstitution, quote, substitutionToSql } from './iot-sql';
import { intrinsicName } from './intrinsic-name';
import type { Resolver } from './intrinsics';
import { member, type CfnObject, type CfnValue } from './template';
import { vigilRuleSql } from './vigil-rule-sql';

/** A value written into a template: text, Booleans, lists, mappings, long-form intrinsics. */
export type OutValue = string | boolean | OutValue[] | { [key: string]: OutValue };

/** One `IotEvents` action of a template's topic rule, read as Vigil's ingestion needs it. */
export interface IotEventsRoute {
  /** The SQL of the Vigil rule that replaces it: text, or an `Fn::Join` when only CloudFormation knows the input's name. */
  readonly sql: OutValue;
  /** That SQL as text, the input shown as written, for reports. */
  readonly plain: string;
  /** The input as shown in reports: its name, or the template value that gives it. */
  readonly input: string;
  /** The input's name when the template alone fixes it (a literal, or a `Ref` to an input of the template); undefined when it is computed per message or at deploy time. */
  readonly inputName?: string;
  /** The action's MessageId as one SQL expression, when it sets one. */
  readonly messageIdSql?: string;
  /** The action's BatchMode. */
  readonly batch: boolean;
}

/** A topic rule of a template that feeds AWS IoT Events, its SQL text. */
export interface IotEventsRule {
  readonly logicalId: string;
  readonly resource: CfnValue;
  /** Its template path: `Resources.<Id>.Properties.TopicRulePayload`. */
  readonly at: string;
  readonly payload: CfnValue | undefined;
  readonly actions: readonly CfnValue[];
  /** The positions of its `IotEvents` actions. */
  readonly iotEvents: readonly number[];
  readonly sql: string;
}

/**
 * The template's `AWS::IoT::TopicRule` resources with an `IotEvents` action, in template order. A
 * rule whose SQL is an intrinsic is an ERROR (its SELECT list must be read) and left out.
 */
export function iotEventsRules(root: CfnObject, issues: TemplateIssue[]): IotEventsRule[] {
  const rules: IotEventsRule[] = [];
  for (const [logicalId, resource] of Object.entries(member(root, 'Resources') as CfnObject)) {
    if (member(resource, 'Type') !== 'AWS::IoT::TopicRule') continue;
    const at = `Resources.${logicalId}.Properties.TopicRulePayload`;
    const payload = member(member(resource, 'Properties'), 'TopicRulePayload');
    const actions = member(payload, 'Actions');
    if (!Array.isArray(actions)) continue;
    const iotEvents = actions.flatMap((action, index) => (member(action, 'IotEvents') === undefined ? [] : [index]));
    if (!iotEvents.length) continue;
    const sql = member(payload, 'Sql');
    if (typeof sql !== 'string') {
      issues.push({ level: 'ERROR', path: `${at}.Sql`, message: 'the SQL is an intrinsic function; write it as text to migrate this rule (the rewrite must read its SELECT list)' });
      continue;
    }
    rules.push({ logicalId, resource, at, payload, actions, iotEvents, sql });
  }
  return rules;
}

/** Marks where an input name only CloudFormation knows goes into the SQL, joined in with Fn::Join. */
const INPUT_SLOT = '\u0000input\u0000';

/**
 * Reads one `IotEvents` action of a rule whose SQL is `sql` into the route Vigil's ingestion takes
 * ({@link vigilRuleSql}: MessageId and BatchMode kept), or undefined after pushing an ERROR at `at`
 * for what cannot be reproduced (the refusals of {@link vigilRuleSql}, a BatchMode that is not a
 * Boolean, a MessageId given as an intrinsic, no InputName).
 */
export function iotEventsRoute(sql: string, action: CfnValue, at: string, resolver: Resolver, issues: TemplateIssue[]): IotEventsRoute | undefined {
  const inputName = member(action, 'InputName');
  const messageId = member(action, 'MessageId');
  const batchText = member(action, 'BatchMode') === undefined ? 'false' : resolver.text(member(action, 'BatchMode'), `${at}.BatchMode`);
  try {
    if (batchText !== 'true' && batchText !== 'false') throw new RuleRewriteError('BatchMode must be true or false');
    if (messageId !== undefined && typeof messageId !== 'string') throw new RuleRewriteError('MessageId is an intrinsic function; write it as text (a substitution template such as ${messageId})');
    const input = inputSql(inputName, at, resolver);
    const messageIdSql = messageId === undefined ? undefined : substitutionToSql(messageId);
    const batch = batchText === 'true';
    const text = vigilRuleSql(sql, { inputNameSql: input.sql, ...(messageIdSql === undefined ? {} : { messageIdSql }), batch });
    const [before, after] = text.split(INPUT_SLOT);
    return {
      sql: after === undefined ? text : { 'Fn::Join': ['', [before, inputName as OutValue, after]] },
      plain: text.replace(INPUT_SLOT, input.shown),
      input: input.shown,
      ...(input.name === undefined ? {} : { inputName: input.name }),
      ...(messageIdSql === undefined ? {} : { messageIdSql }),
      batch,
    };
  } catch (error) {
    if (!(error instanceof RuleRewriteError)) throw error;
    issues.push({ level: 'ERROR', path: at, message: error.message });
    return undefined;
  }
}

/**
 * The input name as SQL: a literal, a substitution template, or a reference to an input of the
 * template (its name). Anything else CloudFormation resolves at deploy time: it is joined into the
 * SQL where {@link INPUT_SLOT} stands.
 */
function inputSql(inputName: CfnValue | undefined, at: string, resolver: Resolver): { sql: string; shown: string; name?: string } {
  if (typeof inputName === 'string') {
    return hasSubstitution(inputName) ? { sql: substitutionToSql(inputName), shown: inputName } : { sql: quote(inputName), shown: inputName, name: inputName };
  }
  if (inputName === undefined) throw new RuleRewriteError('the IotEvents action has no InputName');
  const ref = member(inputName, 'Ref');
  if (intrinsicName(inputName) === 'Ref' && typeof ref === 'string' && member(member(member(resolver.root, 'Resources'), ref), 'Type') === 'AWS::IoTEvents::Input') {
    const name = resolver.text(inputName, `${at}.InputName`);
    if (name !== undefined) return { sql: quote(name), shown: name, name };
  }
  return { sql: `'${INPUT_SLOT}'`, shown: JSON.stringify(inputName) };
}
