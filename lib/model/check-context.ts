import {
  CONTEXT_FUNCTIONS,
  collectReferences,
  compileExpression,
  type CompiledExpression,
  type ExpressionReferences,
  type Span,
  type Value,
} from '../expression';
import type { AnalysisType, IssueLevel, ModelIssue } from './issues';
import type { CreateInputRequest, DetectorModelDefinition } from './types';
import { listActions, listEvents, listExpressions, type ActionSite, type EventSite, type ExpressionSite } from './walk';

/** A JSON object (not null, not an array). Every check reads untrusted JSON through this guard. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Creates an issue; `span` is left out (not set to undefined) when there is none, so tests compare cleanly. */
export function issue(type: AnalysisType, level: IssueLevel, path: string, message: string, span?: Span): ModelIssue {
  return span ? { type, level, path, message, span } : { type, level, path, message };
}

/** An expression of the model after one compilation, shared by every check so none compiles twice. */
export interface CheckedExpression {
  readonly site: ExpressionSite;
  /** Absent when the text does not compile; `error` then says why and where. */
  readonly compiled?: CompiledExpression;
  readonly references?: ExpressionReferences;
  readonly error?: { readonly message: string; readonly span: Span };
}

/** A state object of the definition, with its position and (when it is a string) its name. */
export interface StateEntry {
  readonly index: number;
  readonly path: string;
  readonly name?: string;
  readonly state: Record<string, unknown>;
}

/** Everything the checks read, computed once from the request. */
export interface ModelContext {
  readonly request: Record<string, unknown>;
  /** Undefined when `detectorModelDefinition` is not an object; the definition checks then find nothing. */
  readonly definition?: Record<string, unknown>;
  readonly states: readonly StateEntry[];
  /** The index of the first state with each name (later duplicates are errors and are ignored). */
  readonly stateIndexByName: ReadonlyMap<string, number>;
  readonly events: readonly EventSite[];
  readonly actions: readonly ActionSite[];
  readonly expressions: readonly CheckedExpression[];
  /** Every setVariable action by variable name, in document order. */
  readonly variableSets: ReadonlyMap<string, readonly ActionSite[]>;
  /** Every setTimer action by timer name, in document order. */
  readonly timerSets: ReadonlyMap<string, readonly ActionSite[]>;
  readonly inputs?: readonly CreateInputRequest[];
  readonly minTimerSeconds: number;
}

/** Builds the context of a request that is already known to be an object. */
export function createModelContext(
  request: Record<string, unknown>,
  inputs: readonly CreateInputRequest[] | undefined,
  minTimerSeconds: number,
): ModelContext {
  const definition = isObject(request.detectorModelDefinition) ? request.detectorModelDefinition : undefined;
  const walked = (definition ?? {}) as unknown as DetectorModelDefinition;
  const states: StateEntry[] = [];
  const stateIndexByName = new Map<string, number>();
  const rawStates = Array.isArray(definition?.states) ? (definition.states as unknown[]) : [];
  rawStates.forEach((state, index) => {
    if (!isObject(state)) return;
    const name = typeof state.stateName === 'string' ? state.stateName : undefined;
    states.push({ index, path: `states[${index}]`, name, state });
    if (name !== undefined && !stateIndexByName.has(name)) stateIndexByName.set(name, index);
  });
  const actions = listActions(walked);
  return {
    request,
    definition,
    states,
    stateIndexByName,
    events: listEvents(walked),
    actions,
    expressions: listExpressions(walked).map(checkExpression),
    variableSets: actionsByName(actions, 'setVariable', 'variableName'),
    timerSets: actionsByName(actions, 'setTimer', 'timerName'),
    inputs,
    minTimerSeconds,
  };
}

function checkExpression(site: ExpressionSite): CheckedExpression {
  return { site, ...compileForCheck(site.source) };
}

/** An expression compiled for the checks: the compiled form and what it reads, or why it does not compile. */
export type CompiledForCheck = Omit<CheckedExpression, 'site'>;

/** Compiles expression text for validation; never throws (the problem is returned with its span). */
export function compileForCheck(source: string): CompiledForCheck {
  try {
    const compiled = compileExpression(source);
    return { compiled, references: collectReferences(compiled.ast) };
  } catch (error) {
    // Only ExpressionError is expected here, but the validator must never throw on user input,
    // so anything else is reported against the whole expression rather than escaping.
    const span = isObject(error) && isObject(error.span) ? (error.span as unknown as Span) : { start: 0, end: source.length };
    return { error: { message: error instanceof Error ? error.message : String(error), span } };
  }
}

function actionsByName(actions: readonly ActionSite[], type: 'setVariable' | 'setTimer', field: string): Map<string, ActionSite[]> {
  const byName = new Map<string, ActionSite[]>();
  for (const site of actions) {
    const body = site.action[type];
    const name = isObject(body) ? body[field] : undefined;
    if (typeof name !== 'string') continue;
    byName.set(name, [...(byName.get(name) ?? []), site]);
  }
  return byName;
}

/**
 * The value of an expression that reads nothing (no input, variable, timer or trigger), or
 * `undefined` with `constant: false` when the result can change between cycles.
 */
export function constantValue(expression: CheckedExpression): { constant: true; value: Value } | { constant: false } {
  const { compiled, references } = expression;
  if (!compiled || !references) return { constant: false };
  if (references.inputs.length || references.variables.length || references.functions.some((name) => CONTEXT_FUNCTIONS.has(name))) {
    return { constant: false };
  }
  const value = compiled.evaluate({ inputs: {}, variables: {}, currentInput: undefined, trigger: 'Message', timeout: () => false });
  return { constant: true, value };
}
