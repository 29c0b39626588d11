import { constantValue, isObject, issue, type CheckedExpression, type ModelContext } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';
import { ACTION_TYPES, type ActionType } from './types';
import type { EventSite } from './walk';

const BUILT_IN_ACTIONS: ReadonlySet<ActionType> = new Set(['setVariable', 'setTimer', 'resetTimer', 'clearTimer']);

/**
 * The two analysis warnings about timer cycles. A timer expiry evaluates the current state's
 * onInput again (spec §4.1) with the last message of each input still readable (spec §3.2), so:
 * - a condition that reads `$input…` can be true again on a timer cycle, although no new value came;
 * - an event whose condition ignores the message sends its external actions on every timer cycle.
 * Both apply only to models that set a timer.
 * https://docs.aws.amazon.com/iotevents/latest/developerguide/analyze-diagnostic-information.html
 */
export function checkTimerCycles(context: ModelContext): ModelIssue[] {
  if (context.timerSets.size === 0) return [];
  const issues: ModelIssue[] = [];
  for (const expression of context.expressions) {
    const { site, references } = expression;
    if (site.role !== 'condition' || site.event.lifecycle !== 'onInput' || !references) continue;
    const [first] = references.inputs;
    if (!first || references.functions.includes('currentInput') || references.functions.includes('triggerType')) continue;
    const text = site.source.slice(first.span.start, first.span.end);
    issues.push(issue('structure', 'WARNING', site.path,
      `An input attribute is being read, but this may be caused by a timer expiration: on a timer cycle ${text} still holds the last message's value; ` +
      `to react to new messages only, start the condition with currentInput(${JSON.stringify(first.input)}) && or triggerType("Message") &&`, first.span));
  }
  const conditions = new Map(context.expressions.map((expression) => [expression.site.path, expression]));
  for (const site of context.events) {
    if (site.lifecycle !== 'onInput' || site.transition) continue;
    const external = externalActions(site);
    if (external.length === 0 || !firesOnTimerCycles(site, conditions.get(`${site.path}.condition`))) continue;
    const name = typeof site.event.eventName === 'string' ? ` ${quote(site.event.eventName)}` : '';
    issues.push(issue('structure', 'WARNING', site.path,
      `An expiring timer can cause an unexpected amount of messages to be sent: event${name} runs ${external.join(', ')} on every evaluation, ` +
      'timer expiries included, because its condition does not depend on the message. Guard it with triggerType("Message")'));
  }
  return issues;
}

function externalActions(site: EventSite): ActionType[] {
  const actions: unknown[] = Array.isArray(site.event.actions) ? site.event.actions : [];
  const types = actions.flatMap((action) => (isObject(action) ? ACTION_TYPES.filter((type) => action[type] !== undefined) : []));
  return [...new Set(types.filter((type) => !BUILT_IN_ACTIONS.has(type)))];
}

/** True when nothing in the condition tells a timer cycle from a message cycle, and it can be true. */
function firesOnTimerCycles(site: EventSite, condition: CheckedExpression | undefined): boolean {
  if (site.event.condition === undefined) return true; // a missing condition means "true"
  const references = condition?.references;
  if (!condition || !references) return false;
  const cycleAware = ['currentInput', 'triggerType', 'timeout'].some((name) => references.functions.includes(name));
  if (cycleAware || references.inputs.length > 0) return false;
  const constant = constantValue(condition);
  return !constant.constant || constant.value === true;
}
