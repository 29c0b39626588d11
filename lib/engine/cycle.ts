import { Fault, typeName, type EvalContext, type TriggerType, type Value } from '../expression';
import type { CompiledEvent, CompiledModel, CompiledTransition } from '../model';
import type { EventGroup, ModelPlan, StatePlan } from './plan';
import { runActions } from './run-actions';
import type { EngineOptions } from './options';
import type { ActionEffect } from './effects';
import { consume } from './timers';
import type { ConditionResult, Diagnostic, TracedAction } from './trace';
import { setVariable, type WorkingDetector } from './working';

/** The shared "nothing yet" array, frozen: replaced on first use (see `addEffect` and `diagnose`), never pushed to. */
const NONE: never[] = Object.freeze([]) as never[];

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
  /**
   * The trace entries of the conditions tested, in order. Made once at the most entries the
   * cycle can record and cut to length by `finish` (growing an empty array reserves 16 slots).
   */
  readonly results: ConditionResult[];
  private resultCount = 0;
  /** Created on first use: most cycles produce no effect, diagnostic or action. */
  effects: ActionEffect[] = NONE;
  diagnostics: Diagnostic[] = NONE;
  actions: TracedAction[] = NONE;
  // The evaluation context of every expression of this cycle is the cycle itself.
  /** The detector's variables; follows them when an assignment copies them (see {@link assign}). */
  variables: Readonly<Record<string, Value>>;
  /** Timers whose `timeout()` a condition of this cycle read (created on first use). */
  private checked: Set<string> | undefined;
  private actionCount = 0;

  readonly currentInput: string | undefined;
  readonly trigger: TriggerType;

  /** `created` when the cycle starts by creating the detector (its onEnter results are recorded too). */
  constructor(
    readonly model: CompiledModel,
    readonly plan: ModelPlan,
    readonly detector: WorkingDetector,
    readonly cause: CycleTrigger,
    readonly options: EngineOptions,
    readonly now: number,
    readonly inputs: Readonly<Record<string, unknown>>,
    created = false,
  ) {
    this.currentInput = cause.inputName;
    this.trigger = cause.triggerType;
    this.variables = detector.variables;
    const state = plan.states.get(detector.stateName) as StatePlan;
    this.results = new Array<ConditionResult>(state.inputResults + (created ? state.onEnter.events.length : 0));
  }

  /** `timeout(name)` of the expression language: the latch, with the check recorded. */
  timeout(name: string): boolean {
    (this.checked ??= new Set()).add(name);
    return this.detector.expiredTimers.includes(name);
  }

  /** Sets a variable of the detector (an action's assignment). */
  assign(name: string, value: Value): void {
    setVariable(this.detector, name, value);
    this.variables = this.detector.variables;
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
  enter(state: StatePlan): void {
    this.runGroup(state.onEnter);
  }

  /** Runs onInput of the current state: events, then the first true transition (spec §4.2). */
  input(): void {
    const state = this.plan.states.get(this.detector.stateName) as StatePlan;
    let transition: CompiledTransition | undefined;
    if (this.model.evaluationMethod === 'SERIAL') {
      const group = state.onInput;
      for (let i = 0; i < group.events.length; i++) if (this.test(group, i)) this.run(group.events[i]);
      transition = this.firstTransition(state.transitions);
    } else {
      // BATCH: every condition sees the variables as they were before any action of the group.
      const fired = this.testAll(state.onInput);
      transition = this.firstTransition(state.transitions);
      this.runFired(state.onInput.events, fired);
    }
    if (!transition) return;
    this.run(transition);
    this.runGroup(state.onExit);
    const next = this.plan.states.get(transition.nextState) as StatePlan;
    this.detector.stateName = next.state.name;
    this.runGroup(next.onEnter);
  }

  /** Ends the cycle: the timers whose expiry a condition read are no longer latched. */
  finish(): void {
    this.results.length = this.resultCount;
    if (this.checked) consume(this.detector, this.checked);
  }

  private firstTransition(group: EventGroup<CompiledTransition>): CompiledTransition | undefined {
    let found: CompiledTransition | undefined;
    for (let i = 0; i < group.events.length; i++) {
      const transition = group.events[i];
      if (found) {
        this.record({
          result: 'Skipped',
          eventName: transition.name,
          state: group.stateName,
          lifeCycle: 'OnInput',
          hasTransition: true,
          resultDetails: `Skipped due to transition from ${found.name} event`,
        });
      } else if (this.test(group, i)) {
        found = transition;
      }
    }
    return found;
  }

  private runGroup(group: EventGroup): void {
    if (this.model.evaluationMethod === 'SERIAL') {
      for (let i = 0; i < group.events.length; i++) if (this.test(group, i)) this.run(group.events[i]);
      return;
    }
    this.runFired(group.events, this.testAll(group));
  }

  /**
   * Tests every condition of a group, returning which fired: a bit mask (a validated model has at
   * most 20 events per group), or an array of indexes beyond 31 events.
   */
  private testAll(group: EventGroup): number | number[] {
    const count = group.events.length;
    if (count > 31) {
      const fired: number[] = [];
      for (let i = 0; i < count; i++) if (this.test(group, i)) fired.push(i);
      return fired;
    }
    let fired = 0;
    for (let i = 0; i < count; i++) if (this.test(group, i)) fired |= 1 << i;
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

  /** Evaluates condition `i` of a group; only Boolean true fires. Invalid results are recorded, never thrown. */
  private test(group: EventGroup, i: number): boolean {
    const event = group.events[i];
    const value = event.condition === undefined ? true : event.condition.evaluate(this);
    if (value === true) {
      this.record(group.passed[i]);
      return true;
    }
    if (value === false || value === undefined) {
      this.record(group.failed[i]);
      return false;
    }
    let resultDetails: string;
    if (value instanceof Fault) {
      resultDetails = `invalid: ${value.message} at ${value.span.start}`;
      this.diagnose('ERROR', 'condition.invalid', `condition is invalid: ${value.message} at ${value.span.start}`, `${event.path}.condition`, value);
    } else {
      resultDetails = `not a Boolean: ${typeName(value)}`;
      this.diagnose('WARNING', 'condition.notBoolean', `condition gave ${typeName(value)}, not a Boolean`, `${event.path}.condition`);
    }
    this.record({ ...group.failed[i], resultDetails });
    return false;
  }

  private record(result: ConditionResult): void {
    this.results[this.resultCount++] = result;
  }

  /** Records a runtime problem in the trace. */
  diagnose(level: Diagnostic['level'], code: string, message: string, path: string, fault?: Fault): void {
    if (this.diagnostics === NONE) this.diagnostics = [];
    this.diagnostics.push(fault ? { level, code, message, path, span: fault.span } : { level, code, message, path });
  }
}
