import type { ConditionResult, TraceRecord } from '../api/types';
import { eventCondition } from './model-graph';

/** A condition of a trace with its text from the model. */
export interface ExplainedCondition extends ConditionResult {
  readonly condition?: string;
}

/** The transition an evaluation took. */
export interface TakenTransition {
  readonly from: string;
  readonly to: string;
  readonly eventName: string;
  readonly condition?: string;
  /** The diagram's id of the edge (`<from>#<index in transitionEvents>`), when the model has it. */
  readonly edgeId?: string;
}

/** One evaluation, said for a reader: what started it, where it went, and why. */
export interface Explanation {
  readonly trigger: string;
  readonly change: string;
  readonly transition?: TakenTransition;
  /** One sentence: the transition and the condition that caused it, or why nothing moved. */
  readonly why: string;
  readonly conditions: readonly ExplainedCondition[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function edgeId(definition: unknown, from: string, eventName: string): string | undefined {
  if (!isObject(definition) || !Array.isArray(definition.states)) return undefined;
  const state = definition.states.find((candidate) => isObject(candidate) && candidate.stateName === from);
  const events = isObject(state) && isObject(state.onInput) && Array.isArray(state.onInput.transitionEvents) ? state.onInput.transitionEvents : [];
  const index = events.findIndex((event) => isObject(event) && event.eventName === eventName);
  return index < 0 ? undefined : `${from}#${index}`;
}

/**
 * Explains one evaluation trace against the model version that ran it (traces carry event names;
 * the conditions' text comes from the model). The transition taken is the transition event whose
 * condition was True in the state the detector was in; AWS takes the first such one.
 */
export function explainTrace(trace: TraceRecord, definition: unknown): Explanation {
  const trigger = trace.triggerType === 'Timer'
    ? `timer ${trace.timerName ?? ''}`.trim()
    : `message ${trace.messageId ?? ''} on ${trace.inputName ?? 'an input'}`.replace('  ', ' ');
  // A new detector starts in the initial state and may leave it in the same evaluation.
  const created = trace.initialState === undefined;
  const from = trace.initialState ?? initialStateName(definition);
  const to = trace.finalState ?? '';
  const conditions = (trace.conditionEvaluationResults ?? []).map((result): ExplainedCondition => {
    const condition = eventCondition(definition, result.state, result.lifeCycle, result.eventName, result.hasTransition);
    return condition === undefined ? result : { ...result, condition };
  });
  const fired = conditions.find((result) => result.hasTransition && result.result === 'True' && result.state === from);
  let transition: TakenTransition | undefined;
  if (fired && from !== undefined) {
    const id = edgeId(definition, from, fired.eventName);
    transition = { from, to, eventName: fired.eventName, ...(fired.condition === undefined ? {} : { condition: fired.condition }), ...(id ? { edgeId: id } : {}) };
  }
  let change: string;
  if (created) change = transition && from !== to ? `created in ${from} → ${to}` : `created in ${to}`;
  else change = from === to ? `stayed in ${to}` : `${from} → ${to}`;
  let why: string;
  if (trace.status === 'Skipped' || trace.skipReason) why = `Skipped: ${trace.skipReason ?? 'not applied'}.`;
  else if (transition) {
    why = `${created ? `A new detector started in the initial state ${transition.from} and took` : 'Took'} the transition ${transition.eventName} from ${transition.from} to ${transition.to} because its condition ${transition.condition === undefined ? '' : `${transition.condition} `}was true.`;
  } else if (created) why = `A new detector started in the initial state ${to}.`;
  else {
    const checked = conditions.filter((result) => result.hasTransition && result.state === from);
    why = checked.length
      ? `No transition: ${checked.map((result) => `${result.eventName} was ${result.result.toLowerCase()}`).join(', ')}.`
      : `No transition: ${from} has no transition event for this input.`;
  }
  return { trigger, change, why, conditions, ...(transition ? { transition } : {}) };
}

function initialStateName(definition: unknown): string | undefined {
  return isObject(definition) && typeof definition.initialStateName === 'string' ? definition.initialStateName : undefined;
}
