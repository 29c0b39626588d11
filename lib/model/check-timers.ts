import { constantValue, issue, isObject, type ModelContext } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';

/** The longest timer AWS accepts: 366 days. */
const MAX_TIMER_SECONDS = 31_622_400;

/**
 * Checks timer durations against the service limits (`seconds`, and a `durationExpression` that
 * is a constant), and reports timers that are tested or restarted but never set.
 */
export function checkTimers(context: ModelContext): ModelIssue[] {
  // A timer below one second cannot be scheduled at all, whatever the configured minimum.
  const minimum = Math.max(1, context.minTimerSeconds);
  const issues: ModelIssue[] = [];
  for (const site of context.actions) {
    const body = site.action.setTimer;
    if (isObject(body) && typeof body.seconds === 'number' && Number.isInteger(body.seconds)) {
      issues.push(...checkDuration(body.seconds, `${site.path}.setTimer.seconds`, `seconds is ${body.seconds}`, minimum));
    }
  }
  for (const expression of context.expressions) {
    if (expression.site.role !== 'duration') continue;
    const constant = constantValue(expression);
    if (!constant.constant) continue;
    const { value } = constant;
    // AWS rounds the duration down to whole seconds (60.99 gives 60).
    const seconds = typeof value === 'bigint' ? Number(value) : typeof value === 'number' ? Math.floor(value) : undefined;
    if (seconds !== undefined) issues.push(...checkDuration(seconds, expression.site.path, `durationExpression always gives ${seconds} seconds`, minimum));
  }
  issues.push(...checkTimerReferences(context));
  return issues;
}

// https://docs.aws.amazon.com/iotevents/latest/developerguide/iotevents-restrictions-detector-model.html
function checkDuration(seconds: number, path: string, what: string, minimum: number): ModelIssue[] {
  if (seconds < minimum) {
    return [issue('service-limits', 'ERROR', path, `${what}; a timer should be at least ${minimum} second${minimum === 1 ? '' : 's'} long`)];
  }
  if (seconds > MAX_TIMER_SECONDS) {
    return [issue('service-limits', 'ERROR', path, `${what}; a timer can be at most ${MAX_TIMER_SECONDS} seconds (366 days) long`)];
  }
  return [];
}

function checkTimerReferences(context: ModelContext): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const known = context.timerSets;
  for (const { site, references } of context.expressions) {
    for (const timer of references?.timers ?? []) {
      if (known.has(timer.name)) continue;
      issues.push(issue('referenced-data', 'WARNING', site.path,
        `timer ${quote(timer.name)} is tested with timeout() but never set, so the test is never true: add a setTimer action for it or fix the name${knownTimers(known)}`,
        timer.span));
    }
  }
  for (const site of context.actions) {
    for (const type of ['resetTimer', 'clearTimer'] as const) {
      const body = site.action[type];
      const name = isObject(body) ? body.timerName : undefined;
      if (typeof name !== 'string' || known.has(name)) continue;
      issues.push(issue('referenced-data', 'WARNING', `${site.path}.${type}.timerName`,
        `${type} names timer ${quote(name)}, which no setTimer action creates, so it does nothing: fix the name${knownTimers(known)}`));
    }
  }
  return issues;
}

function knownTimers(known: ReadonlyMap<string, unknown>): string {
  return known.size ? ` (timers set: ${[...known.keys()].join(', ')})` : '';
}
