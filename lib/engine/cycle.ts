import { Fault, typeName, type EvalContext, type TriggerType, type Value } from '../expression';
import type { CompiledEvent, CompiledModel, CompiledState, CompiledTransition } from '../model';
import { runActions } from './run-actions';
import type { EngineOptions } from './options';
import type { ActionEffect } from './effects';
import { consume } from './timers';
import type { ConditionResult, Diagnostic, TracedAction } from './trace';
import type { WorkingDetector } from './working';

type LifeCycle = ConditionResult['lifeCycle'];

/** The shared "nothing yet" array; never pushed to (see `addEffect` and `diagnose`). */
const NONE: never[] = [];

/** What started a cycle. */
export interface CycleTrigger {
  readonly triggerType: TriggerType;
  readonly inputName?: string;
  readonly messageId?: string;
  readonly timerName?: string;
  /** Event time of the cycle (payload `eventTime`), epoch ms. */
  readonly time: number;
}

/**
 * One evaluation cycle of one detector (spec §4.2): the conditions it evaluated, the actions it
 * produced and what went wrong. Mutates the working detector; knows nothing about storage.
 */
export class Cycle implements EvalContext {
  readonly results: ConditionResult[] = [];
  /** Created on first use: most cycles produce no effect, diagnostic or action. */
  effects: ActionEffect[] = NONE;
  diagnostics: Diagnostic[] = NONE;
  actions: TracedAction[] = NONE;
  // The evaluation context of every expression of this cycle is the cycle itself.
  readonly variables: Record<string, Value>;
  readonly currentInput: string | undefined;
  readonly trigger: TriggerType;
  /** Timers whose `timeout()` a condition of this cycle read (created on first use). */
  private checked: Set<string> | undefined;
  private actionCount = 0;

  constructor(
    readonly model: CompiledModel,
    readonly detector: WorkingDetector,
    readonly cause: CycleTrigger,
    readonly options: EngineOptions,
    readonly now: number,
    readonly inputs: Readonly<Record<string, unknown>>,
  ) {
    this.variables = detector.variables;
    this.currentInput = cause.inputName;
    this.trigger = cause.triggerType;
  }

  /** `timeout(name)` of the expression language: the latch, with the check recorded. */
  timeout(name: string): boolean {
    (this.checked ??= new Set()).add(name);
    return this.detector.expiredTimers.includes(name);
  }

  /** Adds an effect the cycle produced, and its trace entry. */
  addEffect(effect: ActionEffect, traced: TracedAction): void {
    if (this.effects === NONE) this.effects = [];
    if (this.actions === NONE) this.actions = [];
    this.effects.push(effect);
    this.actions.push(traced);
  }

  /** A new, unique suffix for the next action execution id of this step. */
  nextActionNumber(): number {
    return this.actionCount++;
  }

  /** Starts numbering actions where an earlier cycle of the same step stopped. */
  continueNumbering(from: number): void {
    this.actionCount = from;
  }

  /** Runs a state's onEnter events (used when a detector is created). */
  enter(state: CompiledState): void {
    this.runGroup(state.onEnter, 'OnEnter', state.name);
  }

  /** Runs onInput of the current state: events, then the first true transition (spec §4.2). */
  input(): void {
    const state = this.model.states.get(this.detector.stateName) as CompiledState;
    let transition: CompiledTransition | undefined;
    if (this.model.evaluationMethod === 'SERIAL') {
      for (const event of state.onInput) if (this.test(event, 'OnInput', state.name, false)) this.run(event);
      transition = this.firstTransition(state);
    } else {
      // BATCH: every condition sees the variables as they were before any action of the group.
      const fired = this.testAll(state.onInput, 'OnInput', state.name);
      transition = this.firstTransition(state);
      this.runFired(state.onInput, fired);
    }
    if (!transition) return;
    this.run(transition);
    this.runGroup(state.onExit, 'OnExit', state.name);
    const next = this.model.states.get(transition.nextState) as CompiledState;
    this.detector.stateName = next.name;
    this.runGroup(next.onEnter, 'OnEnter', next.name);
  }

  /** Ends the cycle: the timers whose expiry a condition read are no longer latched. */
  finish(): void {
    if (this.checked) consume(this.detector, this.checked);
  }

  private firstTransition(state: CompiledState): CompiledTransition | undefined {
    let found: CompiledTransition | undefined;
    for (const transition of state.transitions) {
      if (found) {
        this.results.push({
          result: 'Skipped',
          eventName: transition.name,
          state: state.name,
          lifeCycle: 'OnInput',
          hasTransition: true,
          resultDetails: `Skipped due to transition from ${found.name} event`,
        });
      } else if (this.test(transition, 'OnInput', state.name, true)) {
        found = transition;
      }
    }
    return found;
  }

  private runGroup(events: readonly CompiledEvent[], lifeCycle: LifeCycle, stateName: string): void {
    if (this.model.evaluationMethod === 'SERIAL') {
      for (const event of events) if (this.test(event, lifeCycle, stateName, false)) this.run(event);
      return;
    }
    this.runFired(events, this.testAll(events, lifeCycle, stateName));
  }

  /**
   * Tests every condition of a group, returning which fired: a bit mask (a validated model has at
   * most 20 events per group), or an array of indexes beyond 31 events.
   */
  private testAll(events: readonly CompiledEvent[], lifeCycle: LifeCycle, stateName: string): number | number[] {
    if (events.length > 31) return events.flatMap((event, i) => (this.test(event, lifeCycle, stateName, false) ? [i] : []));
    let fired = 0;
    for (let i = 0; i < events.length; i++) if (this.test(events[i], lifeCycle, stateName, false)) fired |= 1 << i;
    return fired;
  }

  private runFired(events: readonly CompiledEvent[], fired: number | number[]): void {
    if (typeof fired !== 'number') {
      for (const i of fired) this.run(events[i]);
      return;
    }
    for (let i = 0; fired !== 0; i++, fired >>>= 1) if (fired & 1) this.run(events[i]);
  }

  private run(event: CompiledEvent): void {
    runActions(this, event);
  }

  /** Evaluates a condition; only Boolean true fires. Invalid results are recorded, never thrown. */
  private test(event: CompiledEvent, lifeCycle: LifeCycle, stateName: string, hasTransition: boolean): boolean {
    const value = event.condition === undefined ? true : event.condition.evaluate(this);
    let resultDetails: string | undefined;
    if (value instanceof Fault) {
      resultDetails = `invalid: ${value.message} at ${value.span.start}`;
      this.diagnose('ERROR', 'condition.invalid', `condition is invalid: ${value.message} at ${value.span.start}`, `${event.path}.condition`, value);
    } else if (value !== true && value !== false && value !== undefined) {
      resultDetails = `not a Boolean: ${typeName(value)}`;
      this.diagnose('WARNING', 'condition.notBoolean', `condition gave ${typeName(value)}, not a Boolean`, `${event.path}.condition`);
    }
    const fired = value === true;
    const result: ConditionResult = { result: fired ? 'True' : 'False', eventName: event.name, state: stateName, lifeCycle, hasTransition };
    this.results.push(resultDetails ? { ...result, resultDetails } : result);
    return fired;
  }

  /** Records a runtime problem in the trace. */
  diagnose(level: Diagnostic['level'], code: string, message: string, path: string, fault?: Fault): void {
    if (this.diagnostics === NONE) this.diagnostics = [];
    this.diagnostics.push(fault ? { level, code, message, path, span: fault.span } : { level, code, message, path });
  }
}
