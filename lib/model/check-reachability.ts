import { formatValue, type Value } from '../expression';
import { constantValue, issue, type ModelContext } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';

/**
 * Warns about parts of a model that can never run: states that no chain of transitions reaches
 * from the initial state, and events whose condition is a constant that is not `true`.
 */
export function checkReachability(context: ModelContext): ModelIssue[] {
  return [...checkStates(context), ...checkEvents(context)];
}

/** The indexes of the states reachable from the initial state, or undefined when it does not exist. */
function reachableStates(context: ModelContext): Set<number> | undefined {
  const initial = context.definition?.initialStateName;
  const start = typeof initial === 'string' ? context.stateIndexByName.get(initial) : undefined;
  if (start === undefined) return undefined;
  const reached = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const current = queue.shift() as number;
    for (const site of context.events) {
      if (site.stateIndex !== current || !site.transition) continue;
      const next = (site.event as { nextState?: unknown }).nextState;
      const target = typeof next === 'string' ? context.stateIndexByName.get(next) : undefined;
      if (target !== undefined && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  return reached;
}

function checkStates(context: ModelContext): ModelIssue[] {
  const reached = reachableStates(context);
  if (!reached) return []; // a missing initial state is an error of its own
  const initial = String(context.definition?.initialStateName);
  return context.states
    // A later duplicate is already an error, and transitions lead to the first state of that name.
    .filter(({ name, index }) => name !== undefined && context.stateIndexByName.get(name) === index && !reached.has(index))
    .map(({ name, path }) => issue('structure', 'WARNING', path,
      `state ${quote(name ?? '')} is unreachable: no chain of transitions leads to it from the initial state ${quote(initial)}; ` +
      'add a transition to it or remove it'));
}

function checkEvents(context: ModelContext): ModelIssue[] {
  const issues: ModelIssue[] = [];
  for (const expression of context.expressions) {
    const { site } = expression;
    if (site.role !== 'condition') continue;
    const constant = constantValue(expression);
    if (!constant.constant || constant.value === true) continue;
    const name = typeof site.event.event.eventName === 'string' ? ` ${quote(site.event.event.eventName)}` : '';
    const what = site.event.transition ? `transition${name} is never taken` : `event${name} never runs`;
    const always = constant.value === false ? 'always false' : `always ${describe(constant.value)}, never true`;
    issues.push(issue('structure', 'WARNING', site.event.path,
      `${what}: its condition is ${always}, so its actions are unreachable; fix the condition or remove the event`));
  }
  return issues;
}

function describe(value: Value): string {
  // formatValue rejects infinite decimals, which constant arithmetic can produce.
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : formatValue(value);
}
