import { utf8Length } from '../expression';
import { issue, isObject, type ModelContext } from './check-context';
import type { ModelIssue } from './issues';
import type { ActionSite } from './walk';

// Limits from the analysis page and the quota table (spec §7.1, §8):
// https://docs.aws.amazon.com/iotevents/latest/developerguide/analyze-diagnostic-information.html
const MAX_STATES = 20;
const MAX_EVENTS = 20;
const MAX_TRANSITIONS = 20;
const MAX_ACTIONS = 10;
const MAX_CONDITION_CHARS = 512;
const MAX_EXPRESSION_CHARS = 1024;
const MAX_PAYLOAD_BYTES = 1024;
/** Quotas are adjustable per account and apply at run time, so exceeding them is only a warning. */
const VARIABLE_QUOTA = 50;
const TIMER_QUOTA = 5;

/**
 * Checks the service limits of a definition: how many states, events, transitions and actions it
 * has, and how long its expressions are. Each is an ERROR, as AWS rejected such models; the
 * variable and timer quotas are WARNINGs.
 */
export function checkLimits(context: ModelContext): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const states = context.definition?.states;
  if (Array.isArray(states) && states.length > MAX_STATES) {
    issues.push(tooMany('states', `the model has ${states.length} states; the limit is ${MAX_STATES}: merge states or split the model`));
  }
  for (const { state, path } of context.states) {
    for (const lifecycle of ['onEnter', 'onInput', 'onExit']) {
      const group = state[lifecycle];
      if (!isObject(group)) continue;
      const { events, transitionEvents } = group;
      if (Array.isArray(events) && events.length > MAX_EVENTS) {
        issues.push(tooMany(`${path}.${lifecycle}.events`, `${lifecycle} has ${events.length} events; the limit is ${MAX_EVENTS}`));
      }
      if (lifecycle === 'onInput' && Array.isArray(transitionEvents) && transitionEvents.length > MAX_TRANSITIONS) {
        issues.push(tooMany(`${path}.onInput.transitionEvents`, `the state has ${transitionEvents.length} transition events; the limit is ${MAX_TRANSITIONS}`));
      }
    }
  }
  for (const { event, path } of context.events) {
    if (Array.isArray(event.actions) && event.actions.length > MAX_ACTIONS) {
      issues.push(tooMany(`${path}.actions`, `the event has ${event.actions.length} actions; the limit is ${MAX_ACTIONS}: move some to another event with the same condition`));
    }
    if (typeof event.condition === 'string' && event.condition.length > MAX_CONDITION_CHARS) {
      issues.push(tooMany(`${path}.condition`, `the condition is ${event.condition.length} characters long; the limit is ${MAX_CONDITION_CHARS}`));
    }
  }
  for (const site of context.actions) checkActionLengths(site, issues);
  issues.push(...checkQuota(context.variableSets, 'setVariable', VARIABLE_QUOTA, 'State variables per detector model'));
  issues.push(...checkQuota(context.timerSets, 'setTimer', TIMER_QUOTA, 'Timers scheduled per detector'));
  return issues;
}

function tooMany(path: string, message: string): ModelIssue {
  return issue('service-limits', 'ERROR', path, message);
}

function checkActionLengths(site: ActionSite, issues: ModelIssue[]): void {
  for (const type of site.types) {
    const body = site.action[type];
    if (!isObject(body)) continue;
    const path = `${site.path}.${type}`;
    const field = type === 'setVariable' ? 'value' : type === 'setTimer' ? 'durationExpression' : undefined;
    const text = field ? body[field] : undefined;
    if (typeof text === 'string' && text.length > MAX_EXPRESSION_CHARS) {
      issues.push(tooMany(`${path}.${field}`, `${field} is ${text.length} characters long; the limit is ${MAX_EXPRESSION_CHARS}`));
    }
    const content = isObject(body.payload) ? body.payload.contentExpression : undefined;
    if (typeof content === 'string' && utf8Length(content) > MAX_PAYLOAD_BYTES) {
      issues.push(tooMany(`${path}.payload.contentExpression`,
        `the content expression is ${utf8Length(content)} bytes long (UTF-8); the limit is ${MAX_PAYLOAD_BYTES} bytes`));
    }
  }
}


function checkQuota(sets: ReadonlyMap<string, readonly ActionSite[]>, type: 'setVariable' | 'setTimer', quota: number, name: string): ModelIssue[] {
  if (sets.size <= quota) return [];
  const what = type === 'setVariable' ? 'variables' : 'timers';
  const field = type === 'setVariable' ? 'variableName' : 'timerName';
  // Point at the first name beyond the quota, where the user can see which one tipped it over.
  const [, sites] = [...sets][quota];
  return [issue('service-limits', 'WARNING', `${sites[0].path}.${type}.${field}`,
    `the model sets ${sets.size} different ${what}; the default quota "${name}" is ${quota}: use fewer ${what}, or raise the quota for this deployment`)];
}
