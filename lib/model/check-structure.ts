import { issue, type ModelContext } from './check-context';
import { quote } from './check-fields';
import type { ModelIssue } from './issues';

/**
 * Checks how states refer to each other: unique names, an initial state that exists, transitions
 * that lead to existing states, and at least one input read by a condition (without one, no
 * message would ever reach the model).
 */
export function checkStructure(context: ModelContext): ModelIssue[] {
  if (!context.definition) return [];
  const issues: ModelIssue[] = [];
  const known = knownStates(context);
  for (const { name, index, path } of context.states) {
    const first = name === undefined ? undefined : context.stateIndexByName.get(name);
    if (first !== undefined && first !== index) {
      issues.push(issue('structure', 'ERROR', `${path}.stateName`, `duplicate state name ${quote(name ?? '')}, first used by states[${first}]: state names must be unique`));
    }
  }
  const initial = context.definition.initialStateName;
  if (typeof initial === 'string' && initial !== '' && !context.stateIndexByName.has(initial)) {
    issues.push(issue('structure', 'ERROR', 'initialStateName', `initialStateName ${quote(initial)} is not the name of a state; ${known}`));
  }
  for (const { event, path, transition } of context.events) {
    const next = transition ? (event as { nextState?: unknown }).nextState : undefined;
    if (typeof next === 'string' && next !== '' && !context.stateIndexByName.has(next)) {
      issues.push(issue('structure', 'ERROR', `${path}.nextState`, `nextState ${quote(next)} is not the name of a state; ${known}`));
    }
  }
  if (context.states.length > 0 && !readsAnyInput(context)) {
    issues.push(issue('structure', 'ERROR', 'states',
      'Detector Model Definition must use at least one Input in a condition: messages reach a model only through the inputs its conditions read, ' +
      'e.g. $input.MyInput.value > 10 or currentInput("MyInput")'));
  }
  return issues;
}

function knownStates(context: ModelContext): string {
  const names = [...context.stateIndexByName.keys()];
  return names.length ? `known states: ${names.join(', ')}` : 'the model has no named states';
}

/** True when some condition reads `$input.…` or tests `currentInput("…")`. */
function readsAnyInput(context: ModelContext): boolean {
  return context.expressions.some(({ site, references }) => {
    if (site.role !== 'condition') return false;
    if (references) return references.inputs.length > 0 || references.currentInputs.length > 0;
    // A condition that does not compile is already an error; do not add a second, misleading one
    // when its text plainly reads an input.
    return /\$input\s*\.|currentInput\s*\(/.test(site.source);
  });
}
