import { checkAction } from '../check-actions';
import { compileForCheck, issue, isObject } from '../check-context';
import { checkArray, checkObject } from '../check-fields';
import type { ModelIssue } from '../issues';
import { actionExpressions, type ExpressionRole } from '../walk';
import { ALARM_ACTION_TYPES } from './types';

/** AWS's limit on an action expression (the detector model's analysis applies the same). */
const MAX_EXPRESSION_CHARS = 1024;

/**
 * Checks `alarmEventActions.alarmActions`: each action sets exactly one of the nine alarm action
 * types, with that type's fields checked exactly as in a detector model — except that an
 * `iotSiteWise` action without `propertyValue` is no slip here: it writes the alarm state
 * (AWS/ALARM_STATE, docs/decisions.md AL5), as AWS's SiteWise integration has it.
 */
export function checkAlarmActions(value: unknown, issues: ModelIssue[]): void {
  const events = checkObject(value, 'alarmEventActions', issues);
  if (!events) return;
  checkArray(events.alarmActions, 'alarmEventActions.alarmActions', issues)?.forEach((action, i) => {
    const path = `alarmEventActions.alarmActions[${i}]`;
    const found: ModelIssue[] = [];
    checkAction(action, path, found, ALARM_ACTION_TYPES);
    issues.push(...found.filter((problem) => !(problem.level === 'WARNING' && problem.path === `${path}.iotSiteWise.propertyValue`)));
  });
}

/** Every action body of an alarm model with its path: the alarm actions, then the notification Lambda functions. */
function actionBodies(request: Record<string, unknown>): { type: string; body: Record<string, unknown>; path: string }[] {
  const bodies: { type: string; body: Record<string, unknown>; path: string }[] = [];
  const events = isObject(request.alarmEventActions) ? request.alarmEventActions.alarmActions : undefined;
  (Array.isArray(events) ? events : []).forEach((action: unknown, i) => {
    if (!isObject(action)) return;
    for (const type of ALARM_ACTION_TYPES) {
      if (isObject(action[type])) bodies.push({ type, body: action[type], path: `alarmEventActions.alarmActions[${i}]` });
    }
  });
  const notification = isObject(request.alarmNotification) ? request.alarmNotification.notificationActions : undefined;
  (Array.isArray(notification) ? notification : []).forEach((item: unknown, i) => {
    const lambda = isObject(item) && isObject(item.action) ? item.action.lambdaAction : undefined;
    if (isObject(lambda)) bodies.push({ type: 'lambda', body: lambda, path: `alarmNotification.notificationActions[${i}].action.lambdaAction` });
  });
  return bodies;
}

/** Every expression of the alarm's actions and notifications, with its JSON path. */
export function alarmActionExpressions(request: Record<string, unknown>): { path: string; role: ExpressionRole; source: string }[] {
  return actionBodies(request).flatMap(({ type, body, path }) =>
    actionExpressions(type as (typeof ALARM_ACTION_TYPES)[number], body).map(({ field, role, source }) => ({
      // A notification's lambdaAction is the `lambda` body under another name.
      path: path.endsWith('lambdaAction') ? `${path}${field.slice('lambda'.length)}` : `${path}.${field}`,
      role,
      source,
    })),
  );
}

/**
 * Checks every expression in the alarm's actions and notifications: it must parse (with the
 * parser's message and span), stay within AWS's 1,024 characters, and read nothing an alarm lacks
 * (variables, timers). A target field that merely starts like an expression but does not parse
 * is literal text, as in detector models (docs/decisions.md D10).
 */
export function checkAlarmActionExpressions(request: Record<string, unknown>, issues: ModelIssue[]): void {
  for (const { path, role, source } of alarmActionExpressions(request)) {
    if (role === 'payload' && source.trim() === '') continue; // "Customized Payloads must be non-empty", from the action check
    if (source.length > MAX_EXPRESSION_CHARS) {
      issues.push(issue('service-limits', 'ERROR', path, `the expression is ${source.length} characters long; the limit is ${MAX_EXPRESSION_CHARS}`));
      continue;
    }
    const checked = compileForCheck(source);
    if (checked.error) {
      if (role !== 'target') issues.push(issue('expression-syntax', 'ERROR', path, checked.error.message, checked.error.span));
      continue;
    }
    for (const variable of checked.references?.variables ?? []) {
      issues.push(issue('referenced-data', 'ERROR', path, `$variable.${variable.name} at character ${variable.span.start}: an alarm model has no variables`, variable.span));
    }
    for (const timer of checked.references?.timers ?? []) {
      issues.push(issue('referenced-data', 'ERROR', path, `timeout("${timer.name}") at character ${timer.span.start}: an alarm model has no timers`, timer.span));
    }
  }
}
