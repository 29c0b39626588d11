import { isLifecycleInputName } from '../lifecycle';
import { DeclaredRulesError } from './errors';
import { MAX_RULE_NAME, RULE_NAME, defaultRuleName, deployedRuleName, ruleLogicalId } from './names';
import { expressionProblem, statementShape } from './sql-shape';
import { topicFilterProblem } from './topic-filter';
import type { DeclarationIssue, DeclaredRule, StackNames } from './types';

/** Where the declarations live in serverless.yml. */
export const DECLARED_RULES_PATH = 'custom.vigil.rules';

/** AWS's input name pattern (CreateInput `inputName`). */
const INPUT_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const KEYS = ['name', 'topic', 'sql', 'inputName', 'messageId', 'batchMode'] as const;
/** AWS IoT's limit on a rule's SQL, in characters. */
const MAX_SQL = 2048;
/** AWS's limits on an input name (CreateInput) and on an IotEvents action's MessageId template. */
const MAX_INPUT_NAME = 128;
const MAX_MESSAGE_ID = 128;

/**
 * Reads `custom.vigil.rules` (the resolved value: a list, or undefined when there is none) into
 * {@link DeclaredRule}s. Every problem is collected, each with its path (`custom.vigil.rules[2].topic`):
 * unknown keys, both or neither of `topic` and `sql`, an input name AWS would refuse or a built-in
 * lifecycle input, SQL Vigil cannot add its fields to, a `messageId` with `batchMode` (AWS
 * refuses the pair), names that are invalid or used twice. Throws {@link DeclaredRulesError}
 * listing them all. Pure.
 */
export function readDeclaredRules(value: unknown, stack: StackNames): DeclaredRule[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new DeclaredRulesError([{ path: DECLARED_RULES_PATH, message: `must be a list of rules, not ${describe(value)}` }]);
  const issues: DeclarationIssue[] = [];
  const rules = value.flatMap((entry, i) => {
    const rule = readOne(entry, `${DECLARED_RULES_PATH}[${i}]`, stack, (path, message) => issues.push({ path, message }));
    return rule ? [rule] : [];
  });
  const byName = new Map<string, string>();
  const byLogicalId = new Map<string, string>();
  for (const rule of rules) {
    const id = ruleLogicalId(rule.name);
    const sameName = byName.get(rule.name);
    const sameId = byLogicalId.get(id);
    const unnamed = (value[indexOf(rule)] as { name?: unknown }).name === undefined;
    if (sameName) issues.push({ path: `${rule.path}.name`, message: `the name ${rule.name} is already used by ${sameName}${unnamed ? ' (a rule without a name is named after its input and topic: give it one)' : ''}` });
    else if (sameId) issues.push({ path: `${rule.path}.name`, message: `${rule.name} makes the same resource id (${id}) as the name of ${sameId}: rename one` });
    if (!sameName) byName.set(rule.name, rule.path);
    if (!sameId) byLogicalId.set(id, rule.path);
  }
  if (issues.length) throw new DeclaredRulesError(issues);
  return rules;
}

/** The index of a rule in the list, from its path. */
const indexOf = (rule: DeclaredRule) => Number(rule.path.slice(DECLARED_RULES_PATH.length + 1, -1));

type Report = (path: string, message: string) => void;

function readOne(entry: unknown, path: string, stack: StackNames, report: Report): DeclaredRule | undefined {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    report(path, `must be a rule ({ topic or sql, inputName, … }), not ${describe(entry)}`);
    return undefined;
  }
  const fields = entry as Record<string, unknown>;
  let ok = true;
  const fail: Report = (where, message) => {
    ok = false;
    report(where, message);
  };
  for (const key of Object.keys(fields)) if (!(KEYS as readonly string[]).includes(key)) fail(`${path}.${key}`, `unknown key; a rule takes ${KEYS.join(', ')}`);
  const text = (key: (typeof KEYS)[number], max: number) => {
    const field = fields[key];
    if (field === undefined) return undefined;
    if (typeof field !== 'string' || !field.trim()) return void fail(`${path}.${key}`, `must be a non-empty string, not ${describe(field)}`);
    if (field.length > max) return void fail(`${path}.${key}`, `is longer than ${max} characters`);
    return field;
  };
  const inputName = text('inputName', MAX_INPUT_NAME);
  if (fields.inputName === undefined) fail(`${path}.inputName`, 'is required: the input the rule feeds');
  else if (inputName !== undefined && !INPUT_NAME.test(inputName)) fail(`${path}.inputName`, `${JSON.stringify(inputName)} is not an input name: a letter, then only letters, digits and '_'`);
  else if (inputName !== undefined && isLifecycleInputName(inputName)) fail(`${path}.inputName`, `${inputName} is a built-in lifecycle input, fed only by the $aws/events rule`);
  const topic = text('topic', MAX_SQL);
  const sql = text('sql', MAX_SQL);
  if (fields.topic !== undefined && fields.sql !== undefined) fail(`${path}.topic`, 'give either topic or sql, not both');
  else if (fields.topic === undefined && fields.sql === undefined) fail(`${path}.topic`, 'give a topic (an MQTT topic filter) or sql (a full IoT SQL statement)');
  const filter = topic ?? (sql === undefined ? undefined : checkSql(sql, `${path}.sql`, fail));
  const topicProblem = filter === undefined ? undefined : topicFilterProblem(filter);
  if (topicProblem) fail(topic === undefined ? `${path}.sql` : `${path}.topic`, `the topic filter ${JSON.stringify(filter)} is invalid: ${topicProblem}`);
  const messageId = text('messageId', MAX_MESSAGE_ID * 4);
  const expressionIssue = messageId === undefined ? undefined : expressionProblem(messageId);
  if (expressionIssue) fail(`${path}.messageId`, `must be one IoT SQL expression (e.g. "id" or "concat(topic(3), '-', seq)"): ${expressionIssue}`);
  const batchMode = fields.batchMode === undefined ? false : fields.batchMode === true || fields.batchMode === 'true' ? true : fields.batchMode === false || fields.batchMode === 'false' ? false : undefined;
  if (batchMode === undefined) fail(`${path}.batchMode`, `must be true or false, not ${describe(fields.batchMode)}`);
  // https://docs.aws.amazon.com/iot/latest/apireference/API_IotEventsAction.html: "When batchMode is true, you can't specify a messageId".
  if (batchMode && messageId !== undefined) fail(`${path}.messageId`, 'cannot be given with batchMode (as AWS IoT Events refuses it): each message of a batch gets an id derived from its delivery');
  const declaredName = text('name', MAX_RULE_NAME);
  if (declaredName !== undefined && !RULE_NAME.test(declaredName)) fail(`${path}.name`, `${JSON.stringify(declaredName)} is not a rule name: only letters, digits and '_'`);
  if (!ok || inputName === undefined || filter === undefined) return undefined;
  const name = declaredName ?? defaultRuleName(inputName, filter);
  if (deployedRuleName(name, stack).length > MAX_RULE_NAME) {
    report(`${path}.name`, `the deployed rule name ${deployedRuleName(name, stack)} is longer than ${MAX_RULE_NAME} characters: give a shorter name`);
    return undefined;
  }
  return { path, name, inputName, topic: filter, sql: sql ?? `SELECT * FROM '${filter}'`, ...(messageId === undefined ? {} : { messageId }), batchMode: batchMode === true };
}

/** The topic filter of a declared statement, after checking Vigil can add its fields to it. */
function checkSql(sql: string, path: string, fail: Report): string | undefined {
  const shape = statementShape(sql);
  if ('error' in shape) return void fail(path, `cannot be read as IoT SQL: ${shape.error}`);
  if (shape.valueSelect) return void fail(path, 'SELECT VALUE makes no object for Vigil to add the input name to; select fields (the payload is always passed whole)');
  const taken = shape.items.find((item) => item.alias?.toLowerCase().startsWith('vigil'));
  if (taken) return void fail(path, `the SELECT names ${taken.alias}: fields named vigil… are Vigil's own (set inputName, messageId, batchMode instead)`);
  return shape.topic;
}

/** How a YAML value is named in messages: `a number`, `a list`, `null`. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value === 'string' ? 'the string' : `the ${typeof value}`} ${JSON.stringify(value)}`;
}
