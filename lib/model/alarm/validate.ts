import { isSiteWiseInputName } from '../../expression';
import { compileForCheck, issue, isObject } from '../check-context';
import { NAME, checkObject, checkString, checkTags, describeJson } from '../check-fields';
import { checkMembers } from '../check-members';
import { checkInputReferences, type ReferencingSite } from '../check-references';
import { checkKey } from '../check-schema';
import { sortIssues, type ModelIssue } from '../issues';
import type { CreateInputRequest } from '../types';
import { CREATE_ALARM_MODEL_REQUEST, UPDATE_ALARM_MODEL_REQUEST } from './api-shapes';
import { alarmActionExpressions, checkAlarmActionExpressions, checkAlarmActions } from './check-alarm-actions';
import { checkAlarmNotification } from './check-notification';
import { checkAlarmRule } from './check-rule';
import { checkSiteWiseUses } from './check-sitewise';

/** How {@link validateAlarmModel} reads the body. */
export interface AlarmValidationOptions {
  /** An UpdateAlarmModel body: `key` and `tags` are not members (they cannot change). */
  readonly update?: boolean;
  /** Inputs the model may read. When given, references to unknown inputs (ERROR) and undeclared attributes (WARNING) are reported. */
  readonly inputs?: readonly CreateInputRequest[];
}

/** AWS's severity range: "a non-negative integer", an Integer of the API model. */
const MAX_SEVERITY = 2_147_483_647;
/** The AWS CLI documentation's limit on tags per resource. */
const MAX_TAGS = 50;

/**
 * Validates a CreateAlarmModel (or UpdateAlarmModel) body — untrusted JSON of any shape — and
 * reports every problem at once, each with its JSON path (`alarmRule.simpleRule.threshold`) and,
 * inside an expression, its character span; ERROR first. Same issue types, levels and messages
 * as detector model validation, whose checks it reuses: unknown members, names, lengths, the key
 * path, tags, and each action exactly as a detector's. `roleArn` is required, as AWS's
 * CreateAlarmModel and UpdateAlarmModel require it (docs/decisions.md AL8). `$sitewise` reads are
 * checked as `check-sitewise` says. Pure, and never throws.
 */
export function validateAlarmModel(request: unknown, options: AlarmValidationOptions = {}): ModelIssue[] {
  if (!isObject(request)) {
    return [issue('structure', 'ERROR', '', `a CreateAlarmModel request must be a JSON object with alarmModelName and alarmRule, not ${describeJson(request)}`)];
  }
  const issues: ModelIssue[] = checkMembers(request, options.update ? UPDATE_ALARM_MODEL_REQUEST : CREATE_ALARM_MODEL_REQUEST);
  issues.push(
    ...checkString(request.alarmModelName, 'alarmModelName', { ...NAME, required: true }),
    ...checkString(request.alarmModelDescription, 'alarmModelDescription', { max: 1024 }),
    ...checkString(request.roleArn, 'roleArn', { required: true, min: 1, max: 2048 }),
  );
  if (!options.update) {
    checkKey(request.key, issues);
    checkTags(request.tags, issues);
    if (Array.isArray(request.tags) && request.tags.length > MAX_TAGS) {
      issues.push(issue('service-limits', 'ERROR', 'tags', `the model has ${request.tags.length} tags; the limit is ${MAX_TAGS}`));
    }
  }
  checkSeverity(request.severity, issues);
  checkAlarmRule(request, issues);
  checkAlarmNotification(request.alarmNotification, issues);
  checkAlarmActions(request.alarmEventActions, issues);
  checkAlarmActionExpressions(request, issues);
  checkCapabilities(request.alarmCapabilities, issues);
  checkSiteWiseUses(request, issues);
  if (options.inputs) issues.push(...checkInputReferences(referencingSites(request), options.inputs));
  return sortIssues(inModelOrder(issues));
}

/**
 * The rule's two sides and every action expression that compiles, with the operator's inputs each
 * reads (a SiteWise property's built-in input is no input of the operator's).
 */
function referencingSites(request: Record<string, unknown>): ReferencingSite[] {
  const rule = isObject(request.alarmRule) && isObject(request.alarmRule.simpleRule) ? request.alarmRule.simpleRule : {};
  const sides = (['inputProperty', 'threshold'] as const).map((side) => ({ path: `alarmRule.simpleRule.${side}`, source: rule[side] }));
  return [...sides, ...alarmActionExpressions(request)]
    .filter((site): site is { path: string; source: string } => typeof site.source === 'string')
    .map((site) => {
      const references = compileForCheck(site.source).references;
      return { ...site, references: references && { ...references, inputs: references.inputs.filter((reference) => !isSiteWiseInputName(reference.input)) } };
    });
}

// Issues read top to bottom like the model: top-level members in the order AWS documents them,
// then list positions numerically; the checks' own order breaks ties.
const MEMBER_ORDER = [
  'alarmModelName', 'alarmModelDescription', 'roleArn', 'key', 'severity', 'tags', 'alarmRule', 'alarmNotification', 'alarmEventActions', 'alarmCapabilities',
];

function inModelOrder(issues: readonly ModelIssue[]): ModelIssue[] {
  const rankOf = (path: string) => {
    const rank = MEMBER_ORDER.indexOf(path.split(/[.[]/)[0]);
    return [rank < 0 ? MEMBER_ORDER.length : rank, ...[...path.matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1]))];
  };
  const keyed = issues.map((found, order) => ({ found, order, rank: rankOf(found.path) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
    return a.order - b.order;
  });
  return keyed.map(({ found }) => found);
}

function checkSeverity(severity: unknown, issues: ModelIssue[]): void {
  if (severity === undefined) return;
  if (typeof severity !== 'number' || !Number.isInteger(severity) || severity < 0 || severity > MAX_SEVERITY) {
    issues.push(issue('structure', 'ERROR', 'severity', `severity must be a whole number from 0 to ${MAX_SEVERITY}, not ${describeJson(severity)}`));
  }
}

// https://docs.aws.amazon.com/iotevents/latest/apireference/API_AlarmCapabilities.html
function checkCapabilities(value: unknown, issues: ModelIssue[]): void {
  const capabilities = checkObject(value, 'alarmCapabilities', issues);
  if (!capabilities) return;
  const initialization = checkObject(capabilities.initializationConfiguration, 'alarmCapabilities.initializationConfiguration', issues);
  if (initialization) checkBoolean(initialization.disabledOnInitialization, 'alarmCapabilities.initializationConfiguration.disabledOnInitialization', issues);
  const acknowledge = checkObject(capabilities.acknowledgeFlow, 'alarmCapabilities.acknowledgeFlow', issues);
  if (acknowledge) checkBoolean(acknowledge.enabled, 'alarmCapabilities.acknowledgeFlow.enabled', issues);
}

/** A required Boolean member (the API model requires the inner Booleans when their object is present). */
function checkBoolean(value: unknown, path: string, issues: ModelIssue[]): void {
  if (typeof value === 'boolean') return;
  const name = path.slice(path.lastIndexOf('.') + 1);
  issues.push(issue('structure', 'ERROR', path, value === undefined ? `${name} is required: give true or false` : `${name} must be true or false, not ${describeJson(value)}`));
}

/** True when a parsed model file is an alarm model (a body with `alarmRule`), not a detector model. */
export function isAlarmModelBody(value: unknown): boolean {
  return isObject(value) && 'alarmRule' in value;
}
