import { walk, type Node } from '../expression';
import { isObject, issue, type ModelContext } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';
import type { ExpressionSite } from './walk';

/** Variable names set by each event's actions, in action order, keyed by the event's path. */
type SetsByEvent = ReadonlyMap<string, readonly { readonly index: number; readonly name: string }[]>;

/**
 * Warns when a variable is read where no setVariable of it can have run yet ("used before being
 * set"). A "may have been set" analysis over the states, iterated to a fixpoint:
 * - entering the initial state at creation, nothing is set;
 * - onEnter conditions see the entry set; each onEnter action also sees the earlier onEnter actions;
 * - onInput runs again and again, so everything in onInput sees what onEnter, any onInput event
 *   and any transition of the state can set;
 * - onExit sees that too, plus its own earlier actions; a transition's target is entered with all of it.
 * Variables never set anywhere are left to the references check, so nothing is reported twice.
 */
export function checkVariableFlow(context: ModelContext): ModelIssue[] {
  const sets = setsByEvent(context);
  const entry = entrySets(context, sets);
  const initial = String(context.definition?.initialStateName);
  const issues: ModelIssue[] = [];
  for (const { site, compiled, references } of context.expressions) {
    const entered = entry.get(site.event.stateIndex);
    if (!entered || !compiled || !references) continue; // unreachable states are reported elsewhere
    const visible = visibleAt(site, entered, context, sets);
    const guarded = guardedVariables(compiled.ast);
    const reported = new Set<string>();
    for (const { name, span } of references.variables) {
      if (visible.has(name) || guarded.has(name) || reported.has(name) || !context.variableSets.has(name)) continue;
      reported.add(name);
      issues.push(issue('referenced-data', 'WARNING', site.path,
        `Detected broken Variable ${name}: it may be used before being set, as no setVariable of it can have run by the time this is evaluated; ` +
        `set it earlier, for example in onEnter of the initial state ${quote(initial)}`, span));
    }
  }
  return issues;
}

function setsByEvent(context: ModelContext): SetsByEvent {
  const sets = new Map<string, { index: number; name: string }[]>();
  for (const site of context.actions) {
    const body = site.action.setVariable;
    const name = isObject(body) ? body.variableName : undefined;
    if (typeof name === 'string') sets.set(site.event.path, [...(sets.get(site.event.path) ?? []), { index: site.index, name }]);
  }
  return sets;
}

/** Adds the names set by the events of one state that match `filter` to `into`. */
function addSets(into: Set<string>, context: ModelContext, sets: SetsByEvent, stateIndex: number, filter: (site: ExpressionSite['event']) => boolean): Set<string> {
  for (const site of context.events) {
    if (site.stateIndex !== stateIndex || !filter(site)) continue;
    for (const { name } of sets.get(site.path) ?? []) into.add(name);
  }
  return into;
}

/** What may be set while a state's onInput runs: the entry set plus every onEnter, onInput and transition action. */
function loopSet(entered: ReadonlySet<string>, context: ModelContext, sets: SetsByEvent, stateIndex: number): Set<string> {
  return addSets(new Set(entered), context, sets, stateIndex, (site) => site.lifecycle !== 'onExit');
}

function entrySets(context: ModelContext, sets: SetsByEvent): Map<number, Set<string>> {
  const entry = new Map<number, Set<string>>();
  const initial = context.definition?.initialStateName;
  const start = typeof initial === 'string' ? context.stateIndexByName.get(initial) : undefined;
  if (start === undefined) return entry;
  entry.set(start, new Set());
  const work = [start];
  while (work.length) {
    const state = work.pop() as number;
    const leaving = addSets(loopSet(entry.get(state) ?? new Set(), context, sets, state), context, sets, state, (site) => site.lifecycle === 'onExit');
    for (const site of context.events) {
      if (site.stateIndex !== state || !site.transition) continue;
      const next = (site.event as { nextState?: unknown }).nextState;
      const target = typeof next === 'string' ? context.stateIndexByName.get(next) : undefined;
      if (target === undefined) continue;
      const before = entry.get(target);
      if (before && [...leaving].every((name) => before.has(name))) continue;
      entry.set(target, new Set([...(before ?? []), ...leaving]));
      work.push(target);
    }
  }
  return entry;
}

function visibleAt(site: ExpressionSite, entered: ReadonlySet<string>, context: ModelContext, sets: SetsByEvent): Set<string> {
  const { event, action } = site;
  if (event.lifecycle === 'onInput') return loopSet(entered, context, sets, event.stateIndex);
  // onEnter starts from the entry set; onExit from everything the onInput loop may have set.
  const base = event.lifecycle === 'onEnter' ? new Set(entered) : loopSet(entered, context, sets, event.stateIndex);
  if (!action) return base; // conditions of a group see the values from the start of the group
  addSets(base, context, sets, event.stateIndex, (other) => other.lifecycle === event.lifecycle && other.index < event.index);
  for (const { index, name } of sets.get(event.path) ?? []) if (index < action.index) base.add(name);
  return base;
}

/**
 * Variables an expression tests for being unset, `isUndefined($variable.x)` or the blueprints'
 * `$variable.x != $variable.x`: reading them before they are set is the point.
 */
function guardedVariables(ast: Node): Set<string> {
  const guarded = new Set<string>();
  walk(ast, (node) => {
    if (node.kind === 'call' && node.callee === 'isUndefined' && node.args[0]?.kind === 'variable') guarded.add(node.args[0].name);
    if (node.kind === 'binary' && (node.operator === '!=' || node.operator === '==') && node.left.kind === 'variable' &&
      node.right.kind === 'variable' && node.left.name === node.right.name) guarded.add(node.left.name);
  });
  return guarded;
}
