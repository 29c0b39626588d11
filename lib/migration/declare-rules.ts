import type { TemplateIssue } from './errors';
import { iotEventsRoute, iotEventsRules, type IotEventsRoute } from './iot-events-route';
import { splitSql } from './iot-sql';
import type { Resolver } from './intrinsics';
import { referencesTo } from './references-to';
import { member, type CfnObject, type CfnValue } from './template';
import type { RuleEdit } from './template-rules';
import { vigilSqlVersion } from './vigil-rule-sql';

/** One `custom.vigil.rules` entry, as written into serverless.yml (see lib/declared-rules). */
export interface RuleDeclaration {
  readonly name: string;
  readonly topic?: string;
  readonly sql?: string;
  readonly inputName: string;
  readonly messageId?: string;
  readonly batchMode?: true;
}

/** A declaration, and the template path of the `IotEvents` action it replaces. */
export interface DeclaredRoute {
  readonly declaration: RuleDeclaration;
  readonly at: string;
}

/** What `migrate-rules --declare` does to a template: the edits to it, and the declarations that replace its IotEvents actions. */
export interface DeclarePlan {
  readonly edits: readonly RuleEdit[];
  readonly routes: readonly DeclaredRoute[];
}

// What a declared rule's SQL begins with (DR3): it reads the payload's bytes, so it runs under 2016-03-23.
const DECLARED_SQL_START = "SELECT encode(*, 'base64') AS vigilRaw";

/**
 * Plans `migrate-rules --declare`: every `IotEvents` action of the template's topic rules becomes
 * a `custom.vigil.rules` entry for the same input (the rule's SQL as written, or its topic for a
 * plain `SELECT *`; MessageId as the SQL expression it substitutes; BatchMode), named after the
 * rule. The actions go from the template; a rule left with no action goes whole. Every other
 * action, and the SQL they read, stays as it was. Refused with an ERROR at the template path: what
 * the ordinary migration refuses ({@link iotEventsRoute}), an input name computed per message or at
 * deploy time, a disabled rule (a declared rule is always enabled), and taking out a rule the
 * template refers to. Pure.
 */
export function planDeclaredRules(root: CfnObject, resolver: Resolver, issues: TemplateIssue[]): DeclarePlan {
  const edits: RuleEdit[] = [];
  const routes: DeclaredRoute[] = [];
  const names = new Set<string>();
  for (const rule of iotEventsRules(root, issues)) {
    const at = (index: number) => `${rule.at}.Actions[${index}].IotEvents`;
    const read = rule.iotEvents.map((index) => iotEventsRoute(rule.sql, member(rule.actions[index], 'IotEvents') as CfnValue, at(index), resolver, issues));
    let ok = read.every((route) => route !== undefined);
    const report = (path: string, message: string) => {
      ok = false;
      issues.push({ level: 'ERROR', path, message });
    };
    read.forEach((route, i) => {
      if (route && route.inputName === undefined) report(`${at(rule.iotEvents[i])}.InputName`, `a declared rule names its input, and ${route.input} is only known per message or at deploy time: write the input's name, or migrate without --declare`);
    });
    const disabled = member(rule.payload, 'RuleDisabled');
    if (disabled !== undefined && resolver.text(disabled, `${rule.at}.RuleDisabled`)?.toLowerCase() !== 'false') {
      report(`${rule.at}.RuleDisabled`, 'the rule is disabled (or only a deployment says whether it is); a declared rule is always enabled: enable it, or take it out of the template, first');
    }
    const whole = rule.iotEvents.length === rule.actions.length;
    const referrers = whole ? referencesTo(root, rule.logicalId) : [];
    if (referrers.length) report(`Resources.${rule.logicalId}`, `the rule has no action left and is taken out, but ${referrers.join(', ')} refers to it: remove those references first`);
    if (!ok) continue;
    warnings(rule.sql, rule.payload, rule.at, read as IotEventsRoute[], issues);
    if (whole && member(rule.payload, 'ErrorAction') !== undefined) issues.push({ level: 'WARNING', path: `${rule.at}.ErrorAction`, message: "taken out with the rule; the declared rule's error action is the ingest DLQ (which vigil redrive replays)" });
    if (member(rule.resource, 'Condition') !== undefined) issues.push({ level: 'WARNING', path: `Resources.${rule.logicalId}.Condition`, message: "the rule exists only under its condition; a declared rule is always deployed: declare it only in the stages that need it" });
    const base = ruleName(member(member(rule.resource, 'Properties'), 'RuleName'), rule.logicalId);
    (read as IotEventsRoute[]).forEach((route, i) => {
      const name = freeName(read.length > 1 ? `${base}_${i + 1}` : base, names);
      routes.push({ declaration: declaration(name, rule.sql, route), at: at(rule.iotEvents[i]) });
    });
    edits.push({ logicalId: rule.logicalId, removeActions: rule.iotEvents, ...(whole ? { removeResource: true } : {}), companions: [], routes: (read as IotEventsRoute[]).map((route) => ({ input: route.input, sql: rule.sql })) });
  }
  return { edits, routes };
}

function declaration(name: string, sql: string, route: IotEventsRoute): RuleDeclaration {
  const clauses = splitSql(sql);
  const topic = /^'([^']*)'$/.exec(clauses.from)?.[1] ?? /^"([^"]*)"$/.exec(clauses.from)?.[1];
  const plain = clauses.items.length === 1 && clauses.items[0] === '*' && clauses.where === undefined && topic !== undefined;
  return {
    name,
    ...(plain ? { topic } : { sql }),
    inputName: route.inputName as string,
    ...(route.messageIdSql === undefined ? {} : { messageId: route.messageIdSql }),
    ...(route.batch ? { batchMode: true as const } : {}),
  };
}

/** What behaves differently under the declared rule, said once per rule. */
function warnings(sql: string, payload: CfnValue | undefined, at: string, routes: readonly IotEventsRoute[], issues: TemplateIssue[]): void {
  const original = member(payload, 'AwsIotSqlVersion');
  const version = vigilSqlVersion(sql, DECLARED_SQL_START, typeof original === 'string' ? original : undefined);
  if (version.changed) {
    issues.push({ level: 'WARNING', path: `${at}.AwsIotSqlVersion`, message: `a declared rule runs under SQL version ${version.version}, this rule under ${typeof original === 'string' ? original : '2015-10-08 (the default)'}: check that its WHERE clause and columns give the same results under both` });
  }
  if (!routes.some((route) => route.batch) && !splitSql(sql).items.includes('*')) {
    issues.push({ level: 'WARNING', path: `${at}.Sql`, message: "a declared rule passes the whole payload with the selected columns laid over it (decision DR3), where IoT Events received only the columns: the input's attributes read the same values, and the payload's other fields are there too" });
  }
}

/** The declaration's name: the rule's RuleName when it is written as text, else its logical id, as a rule name may be written. */
function ruleName(ruleName: CfnValue | undefined, logicalId: string): string {
  const text = typeof ruleName === 'string' ? ruleName : logicalId;
  return text.replace(/[^A-Za-z0-9_]+/g, '_');
}

function freeName(wanted: string, taken: Set<string>): string {
  let name = wanted;
  for (let n = 2; taken.has(name); n++) name = `${wanted}_${n}`;
  taken.add(name);
  return name;
}
