import type { CompiledEvent, CompiledModel, CompiledState } from '../model';
import type { ConditionResult } from './trace';

type LifeCycle = ConditionResult['lifeCycle'];

/**
 * One group of events a cycle tests together (a state's onEnter, onInput events, transitions or
 * onExit), with the trace entry of each outcome made once: a condition's entry depends only on
 * where the event sits and whether it fired, so every cycle shares these frozen objects instead
 * of building one per condition tested.
 */
export interface EventGroup<E extends CompiledEvent = CompiledEvent> {
  readonly events: readonly E[];
  readonly stateName: string;
  readonly lifeCycle: LifeCycle;
  readonly hasTransition: boolean;
  /** The entry of `events[i]` when its condition was true. */
  readonly passed: readonly ConditionResult[];
  /** The entry of `events[i]` when its condition was false (without details). */
  readonly failed: readonly ConditionResult[];
}

/** A state with its event groups. */
export interface StatePlan {
  readonly state: CompiledState;
  readonly onEnter: EventGroup;
  readonly onInput: EventGroup;
  readonly transitions: EventGroup<CompiledState['transitions'][number]>;
  readonly onExit: EventGroup;
}

/** What the engine derives once from a compiled model: its states' event groups, by state name. */
export interface ModelPlan {
  readonly states: ReadonlyMap<string, StatePlan>;
}

// Keyed by the compiled model, which never changes once built; dropped with it.
const plans = new WeakMap<CompiledModel, ModelPlan>();

// The model of the last call (held until another is stepped): a batch steps one model many times,
// and this spares the hash lookup.
let lastModel: CompiledModel | undefined;
let lastPlan: ModelPlan | undefined;

/** The plan of a compiled model, made on first use. */
export function planOf(model: CompiledModel): ModelPlan {
  if (model === lastModel) return lastPlan as ModelPlan;
  let plan = plans.get(model);
  if (!plan) plans.set(model, (plan = makePlan(model)));
  lastModel = model;
  lastPlan = plan;
  return plan;
}

function makePlan(model: CompiledModel): ModelPlan {
  const states = new Map<string, StatePlan>();
  for (const [name, state] of model.states) {
    states.set(name, {
      state,
      onEnter: group(state.onEnter, state.name, 'OnEnter', false),
      onInput: group(state.onInput, state.name, 'OnInput', false),
      transitions: group(state.transitions, state.name, 'OnInput', true),
      onExit: group(state.onExit, state.name, 'OnExit', false),
    });
  }
  return { states };
}

function group<E extends CompiledEvent>(events: readonly E[], stateName: string, lifeCycle: LifeCycle, hasTransition: boolean): EventGroup<E> {
  // Key order as the trace has always had it: result, eventName, state, lifeCycle, hasTransition.
  const entry = (event: CompiledEvent, result: 'True' | 'False'): ConditionResult =>
    Object.freeze({ result, eventName: event.name, state: stateName, lifeCycle, hasTransition });
  return {
    events,
    stateName,
    lifeCycle,
    hasTransition,
    passed: events.map((event) => entry(event, 'True')),
    failed: events.map((event) => entry(event, 'False')),
  };
}
