import { issue, isObject, type ModelContext } from './check-context';
import { checkServiceAction } from './check-action-targets';
import { IDENTIFIER, checkObject, checkString, describeJson } from './check-fields';
import type { ModelIssue } from './issues';
import { ACTION_TYPES, type ActionType } from './types';

const KNOWN_TYPES: ReadonlySet<string> = new Set(ACTION_TYPES);
const TIMER_NAME = { required: true, min: 1, max: 128 } as const;

/**
 * Checks every action object: exactly one known member (AWS: "Actions may only have one type
 * defined"), then the fields of that member.
 */
export function checkActions(context: ModelContext): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const event of context.events) {
    const { actions } = event.event;
    if (!Array.isArray(actions)) continue; // reported by the schema check
    actions.forEach((action: unknown, index) => checkAction(action, `${event.path}.actions[${index}]`, issues));
  }
  return issues;
}

/**
 * Checks one action object: exactly one member of `allowed` (the detector's thirteen action types,
 * or the nine an alarm model may use), then the fields of that member, as AWS did.
 */
export function checkAction(action: unknown, path: string, issues: ModelIssue[], allowed: readonly ActionType[] = ACTION_TYPES): void {
  if (!isObject(action)) {
    issues.push(issue('structure', 'ERROR', path, `each action must be an object with one action type, such as {"sns": {…}}, not ${describeJson(action)}`));
    return;
  }
  // Unknown members (unsupported action types) are reported by the member check (api-shapes.ts).
  const members = Object.keys(action);
  const known = allowed === ACTION_TYPES ? KNOWN_TYPES : new Set<string>(allowed);
  const types = members.filter((member): member is ActionType => known.has(member));
  if (members.length === 0) {
    issues.push(issue('structure', 'ERROR', path, `the action is empty; set exactly one action type: ${allowed.join(', ')}`));
  }
  if (types.length > 1) {
    issues.push(issue('structure', 'ERROR', path, `Actions may only have one type defined; this one sets ${types.join(' and ')}: split it into one action per type`));
  }
  for (const type of types) {
    const body = checkObject(action[type], `${path}.${type}`, issues, true);
    if (body) checkBody(type, body, `${path}.${type}`, issues);
  }
}

function checkBody(type: ActionType, body: Record<string, unknown>, path: string, issues: ModelIssue[]): void {
  switch (type) {
    case 'setVariable':
      issues.push(...checkString(body.variableName, `${path}.variableName`, { ...IDENTIFIER, required: true }));
      // Only the type is checked here: an empty value is an expression syntax error and a long one a service limit.
      issues.push(...checkString(body.value, `${path}.value`, { required: true }));
      return;
    case 'setTimer':
      issues.push(...checkString(body.timerName, `${path}.timerName`, TIMER_NAME));
      checkTimerDuration(body, path, issues);
      return;
    case 'resetTimer':
    case 'clearTimer':
      issues.push(...checkString(body.timerName, `${path}.timerName`, TIMER_NAME));
      return;
    default:
      checkServiceAction(type, body, path, issues);
  }
}

// https://docs.aws.amazon.com/iotevents/latest/apireference/API_SetTimerAction.html
function checkTimerDuration(body: Record<string, unknown>, path: string, issues: ModelIssue[]): void {
  const { seconds, durationExpression } = body;
  if (seconds !== undefined && durationExpression !== undefined) {
    issues.push(issue('structure', 'ERROR', path,
      'setTimer must have either seconds or durationExpression, not both: keep durationExpression (seconds is deprecated)'));
  } else if (seconds === undefined && durationExpression === undefined) {
    issues.push(issue('structure', 'ERROR', path, 'setTimer needs a duration: give durationExpression (an expression giving seconds, e.g. "300")'));
  }
  if (seconds !== undefined && !(typeof seconds === 'number' && Number.isInteger(seconds))) {
    issues.push(issue('structure', 'ERROR', `${path}.seconds`, `seconds must be a whole number of seconds, not ${describeJson(seconds)}`));
  }
  // The range of `seconds` and the length of `durationExpression` are service limits (check-timers, check-limits).
  issues.push(...checkString(durationExpression, `${path}.durationExpression`, {}));
}
