import { Fault, typeName, type EvalContext, type TriggerType, type Value } from '../expression';
import type { CompiledEvent, CompiledModel, CompiledTransition, ExternalActionType } from '../model';
import type { EventGroup, ModelPlan, StatePlan } from './plan';
import { runAction } from './run-actions';
import type { EngineOptions } from './options';
import type { ActionEffect } from './effects';
import { consume } from './timers';
import type { ConditionResult, Diagnostic, TracedAction } from './trace';
import type { MessageTrigger } from './trigger';
import { onlyInput, setVariable, shareVariables, type WorkingDetector } from './working';

/** The shared "nothing yet" array, frozen: replaced on first use (see `addEffect` and `diagnose`), never pushed to. */
const NONE: never[] = Object.freeze([]) as never[];
/** The variables of a detector before its first cycle, as its trace shows them. */
const NO_VARIABLES = Object.freeze({});

/** What started a cycle. */
export interface CycleTrigger {
  readonly triggerType: TriggerType;
  readonly inputName?: string;
  readonly messageId?: string;
  readonly timerName?: string;
  /** Event time of the cycle (payload `eventTime`), epoch ms. */
  readonly time: number;
}

/** What one step shares across its cycles: the model (and its plan), the detector, the time, the options. */
export interface StepScope {
  readonly model: CompiledModel;
  readonly plan: ModelPlan;
  readonly detector: WorkingDetector;
  readonly now: number;
  readonly options: EngineOptions;
}

/**
 * The evaluation cycles of one step (spec §4.2), one after another: the conditions each
 * evaluated, the actions it produced and what went wrong. Mutates the working detector; knows
 * nothing about storage.
 *
 * One object serves every step: `step` refills it (see {@link Cycle.refill}), and `beginMessage` or
 * `beginTimer` each cycle.
 * `step` is synchronous and expressions call no outside code, so no two steps overlap; what a
 * cycle hands on (its results, effects, actions and diagnostics) are arrays made for that cycle,
 * never reused. That spares the objects a step used to make for its scope, each cycle and each
 * cycle's trigger.
 */
export class Cycle implements EvalContext {
  model!: CompiledModel;
  plan!: ModelPlan;
  detector!: WorkingDetector;
  now!: number;
  options!: EngineOptions;

  // The cycle being run, set when it begins; its evaluation context is the cycle itself.
  inputs: Readonly<Record<string, unknown>> = {};
  /** The detector's variables; follows them when an assignment copies them (see {@link assign}). */
  variables: Readonly<Record<string, Value>> = {};
  currentInput: string | undefined = undefined;
  trigger: TriggerType = 'Message';
  /** The cycle's event time, epoch ms (`vigil_timestamp()`): the same as its `cause.time`. */
  timestamp = 0;
  /**
   * What started the cycle being run: one object, refilled as each cycle begins. What a cycle
   * hands on copies what it needs of it (the trace, each effect), so nothing keeps it.
   */
  readonly cause: { -readonly [K in keyof CycleTrigger]: CycleTrigger[K] } = { triggerType: 'Message', inputName: undefined, messageId: undefined, timerName: undefined, time: 0 };
  /** The message payload as received; undefined for a timer cycle. */
  raw: string | undefined = undefined;
  /** The state before the cycle; undefined when the cycle creates the detector. */
  initialState: string | undefined = undefined;
  initialVariables: Readonly<Record<string, Value>> = NO_VARIABLES;
  /** The trace entries of the conditions tested, in order: made by `finish`, of exactly their number. */
  results: ConditionResult[] = NONE;
  /** Where the entries are recorded while the cycle runs (never handed on: `finish` copies them). */
  private readonly recorded: ConditionResult[] = [];
  private resultCount = 0;
  /** The plan of the state the cycle started in. */
  private state: StatePlan | undefined = undefined;
  /** Created on first use: most cycles produce no effect, diagnostic or action. */
  effects: ActionEffect[] = NONE;
  diagnostics: Diagnostic[] = NONE;
  actions: TracedAction[] = NONE;
  /** Timers whose `timeout()` a condition of this cycle read (emptied by `finish`). */
  private readonly checked = new Set<string>();
  /** Whether the step records traces (its options say): off, no result or traced action is kept. */
  tracing = true;
  /** Numbers the step's action executions: it goes on across the step's cycles. */
  private actionCount = 0;

  constructor(scope: StepScope) {
    this.refill(scope);
  }

  /** Starts a step: its scope, and action numbers from 0. */
  refill(scope: StepScope): void {
    this.model = scope.model;
    this.plan = scope.plan;
    this.detector = scope.detector;
    this.now = scope.now;
    this.options = scope.options;
    this.tracing = scope.options.traces;
    this.actionCount = 0;
  }

  /**
   * Starts the cycle of a message (whose payload the detector has already retained). `created`:
   * the cycle creates the detector, and records its initial state's onEnter results too.
   */
  beginMessage(trigger: MessageTrigger, created: boolean): void {
    const { detector, options } = this;
    const { cause } = this;
    this.currentInput = cause.inputName = trigger.inputName;
    this.trigger = cause.triggerType = 'Message';
    cause.messageId = trigger.messageId;
    cause.timerName = undefined;
    this.timestamp = cause.time = trigger.timestamp ?? this.now;
    this.raw = trigger.raw;
    this.inputs = options.inputScope === 'retained' ? detector.inputs : onlyInput(trigger.inputName, trigger.payload);
    this.begin(created);
  }

  /** Starts the Timer cycle of timer `timerName` (already expired). */
  beginTimer(timerName: string): void {
    const { cause } = this;
    this.currentInput = cause.inputName = undefined;
    this.trigger = cause.triggerType = 'Timer';
    cause.messageId = undefined;
    cause.timerName = timerName;
    this.timestamp = cause.time = this.now;
    this.raw = undefined;
    this.inputs = this.options.inputScope === 'retained' ? this.detector.inputs : {};
    this.begin(false);
  }

  private begin(created: boolean): void {
    const { detector } = this;
    this.initialState = created ? undefined : detector.stateName;
    // Shared from here on: an assignment of this cycle copies them, and the trace keeps these.
    this.initialVariables = created ? NO_VARIABLES : shareVariables(detector);
    this.variables = detector.variables;
    this.state = this.plan.states.get(detector.stateName) as StatePlan;
    this.results = NONE;
    this.resultCount = 0;
    this.effects = NONE;
    this.diagnostics = NONE;
    this.actions = NONE;
    // Empty unless an earlier cycle was cut short by an exception (clearing allocates a new table).
    if (this.checked.size) this.checked.clear();
  }

  /** `timeout(name)` of the expression language: the latch, with the check recorded. */
  timeout(name: string): boolean {
    this.checked.add(name);
    return this.detector.expiredTimers.includes(name);
  }

  /** Sets a variable of the detector (an action's assignment). */
  assign(name: string, value: Value): void {
    setVariable(this.detector, name, value);
    this.variables = this.detector.variables;
  }

  /** Adds an effect the cycle produced by an action of `eventName`, and its trace entry. */
  addEffect(effect: ActionEffect, eventName: string, action: ExternalActionType): void {
    // A literal of one reserves one slot, where pushing to an empty array reserves 17.
    if (this.effects === NONE) this.effects = [effect];
    else this.effects.push(effect);
    if (!this.tracing) return;
    const traced: TracedAction = { eventName, action, actionExecutionId: effect.actionExecutionId };
    if (this.actions === NONE) this.actions = [traced];
    else this.actions.push(traced);
  }

  /** A new, unique suffix for the next action execution id of this step. */
  nextActionNumber(): number {
    return this.actionCount++;
  }

  /** Runs a state's onEnter events (used when a detector is created). */
  enter(state: StatePlan): void {
    this.runGroup(state.onEnter);
  }

  /** Runs onInput of the current state: events, then the first true transition (spec §4.2). */
  input(): void {
    const state = this.state as StatePlan;
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
    // A copy of exactly the entries recorded, where an array made at the most entries the cycle
    // could record had to be cut to length (a call into the runtime on every cycle).
    if (this.resultCount) this.results = this.recorded.slice(0, this.resultCount);
    if (this.checked.size) {
      consume(this.detector, this.checked);
      this.checked.clear();
    }
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

  /** Runs an event's actions in list order (spec §4.3): each sees the variables the ones before it set. */
  private run(event: CompiledEvent): void {
    const actions = event.actions;
    for (let i = 0; i < actions.length; i++) runAction(this, event, actions[i]);
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
    if (this.tracing) this.recorded[this.resultCount++] = result;
  }

  /** Records a runtime problem in the trace. */
  diagnose(level: Diagnostic['level'], code: string, message: string, path: string, fault?: Fault): void {
    if (!this.tracing) return;
    const diagnostic: Diagnostic = fault ? { level, code, message, path, span: fault.span } : { level, code, message, path };
    if (this.diagnostics === NONE) this.diagnostics = [diagnostic];
    else this.diagnostics.push(diagnostic);
  }
}
