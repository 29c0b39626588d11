/**
 * The shape of a detector model as a graph: its states (with the timers they set) and its
 * transitions (event name and condition). Pure: it reads the detectorModelDefinition the API
 * returns and tolerates a broken one (a pasted model), since the console shows models that are
 * still being written.
 */

/** A timer a state sets (setTimer in any of its events). */
export interface StateTimer {
  readonly name: string;
  /** `300 s`, or the duration expression when the duration is computed. */
  readonly duration: string;
}

/** A state of the model. */
export interface StateNode {
  readonly name: string;
  readonly initial: boolean;
  readonly timers: readonly StateTimer[];
}

/** A transition event: from a state to `nextState` when its condition holds. */
export interface TransitionEdge {
  /** Unique within the graph: `<from>#<index>`. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly eventName: string;
  readonly condition: string;
}

/** The states and transitions of one model. */
export interface ModelGraph {
  readonly states: readonly StateNode[];
  readonly transitions: readonly TransitionEdge[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

/** The lifecycles of a state, in the order a state runs them. */
export const LIFECYCLES = ['onEnter', 'onInput', 'onExit'] as const;

/** Every event of a state (events and transitionEvents of each lifecycle). */
function stateEvents(state: Json): Json[] {
  return LIFECYCLES.flatMap((lifecycle) => {
    const block = state[lifecycle];
    if (!isObject(block)) return [];
    return [...list(block.events), ...list(block.transitionEvents)].filter(isObject);
  });
}

function timersOf(state: Json): StateTimer[] {
  const timers = new Map<string, StateTimer>();
  for (const event of stateEvents(state)) {
    for (const action of list(event.actions)) {
      if (!isObject(action) || !isObject(action.setTimer)) continue;
      const { timerName, seconds, durationExpression } = action.setTimer;
      if (typeof timerName !== 'string' || timers.has(timerName)) continue;
      timers.set(timerName, { name: timerName, duration: typeof seconds === 'number' ? `${seconds} s` : text(durationExpression) });
    }
  }
  return [...timers.values()];
}

/**
 * The graph of a detectorModelDefinition. States without a name are left out; a transition to a
 * state that does not exist is kept only when that name is declared, so a broken model still
 * draws what is sound.
 */
export function modelGraph(definition: unknown): ModelGraph {
  if (!isObject(definition)) return { states: [], transitions: [] };
  const initial = definition.initialStateName;
  const rawStates = list(definition.states).filter(isObject).filter((state) => typeof state.stateName === 'string' && state.stateName !== '');
  const seen = new Set<string>();
  const states: StateNode[] = [];
  for (const state of rawStates) {
    const name = state.stateName as string;
    if (seen.has(name)) continue;
    seen.add(name);
    states.push({ name, initial: name === initial, timers: timersOf(state) });
  }
  const transitions: TransitionEdge[] = [];
  for (const state of rawStates) {
    const from = state.stateName as string;
    const onInput = isObject(state.onInput) ? state.onInput : {};
    list(onInput.transitionEvents).forEach((event, index) => {
      if (!isObject(event) || typeof event.nextState !== 'string' || !seen.has(event.nextState)) return;
      transitions.push({ id: `${from}#${index}`, from, to: event.nextState, eventName: text(event.eventName), condition: text(event.condition) });
    });
  }
  return { states, transitions };
}

/**
 * The condition of the event a trace names, looked up in the definition (traces carry only names).
 * `lifeCycle` is the trace's `OnEnter`/`OnInput`/`OnExit`; `hasTransition` picks transitionEvents.
 */
export function eventCondition(definition: unknown, stateName: string, lifeCycle: string, eventName: string, hasTransition = false): string | undefined {
  if (!isObject(definition)) return undefined;
  const state = list(definition.states).find((candidate) => isObject(candidate) && candidate.stateName === stateName);
  if (!isObject(state)) return undefined;
  const block = state[`on${lifeCycle.slice(2)}`];
  if (!isObject(block)) return undefined;
  const events = hasTransition ? list(block.transitionEvents) : list(block.events);
  const event = events.find((candidate) => isObject(candidate) && candidate.eventName === eventName);
  return isObject(event) ? text(event.condition) : undefined;
}
