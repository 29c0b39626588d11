import type { CompiledModel } from '../model';
import { Cycle, type StepScope } from './cycle';
import type { ActionEffect } from './effects';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options';
import { planOf, type StatePlan } from './plan';
import type { DetectorSnapshot } from './snapshot';
import { dueTimers, expire, isRunning, rearm } from './timers';
import { buildTrace } from './build-trace';
import type { EvaluationTrace } from './trace';
import type { MessageTrigger, Trigger } from './trigger';
import { detectorKey } from './routing';
import { newDetector, retainInput, toSnapshot, workOn, type WorkingDetector } from './working';

/** What one `step` produced. */
export interface StepResult {
  /** The detector after the step; undefined only when a wake-up found no detector. */
  readonly snapshot: DetectorSnapshot | undefined;
  /** External actions to perform, in execution order, after the snapshot is stored. */
  readonly effects: readonly ActionEffect[];
  /** One record per evaluation cycle (timer cycles first, then the message's). */
  readonly traces: readonly EvaluationTrace[];
  /** False when nothing needs storing (a wake-up with nothing due). */
  readonly changed: boolean;
}

/** The traces of a step that records none (`options.traces` off). */
const NO_TRACES: readonly EvaluationTrace[] = Object.freeze([]);

/**
 * Processes one message, or one timer wake-up, for one detector. **Pure**: it reads only its
 * arguments, never throws for any payload, and returns actions as data without performing them.
 *
 * Order (spec §4): timers already due fire first, each in its own Timer cycle; then the message
 * cycle runs —
 * creating the detector (initial state's onEnter) when there is none, then onInput: events, the
 * first true transition, its actions, onExit, onEnter.
 *
 * @param snapshot the stored detector, or undefined when this key has none yet.
 * @param now processing time, epoch ms: timers are measured from it and fire when it passes them.
 */
export function step(
  model: CompiledModel,
  snapshot: DetectorSnapshot | undefined,
  trigger: Trigger,
  now: number,
  options: EngineOptions = DEFAULT_ENGINE_OPTIONS,
): StepResult {
  const detector = snapshot === undefined ? undefined : adopt(model, snapshot);
  if (trigger.type === 'wake') return wake({ snapshot, detector, cycle: detector && startStep({ model, plan: planOf(model), detector, now, options }) });

  const working = detector ?? create(model, trigger, now);
  const cycle = startStep({ model, plan: planOf(model), detector: working, now, options });
  const fired = detector ? fireDue(cycle) : undefined;
  runMessage(cycle, trigger, !detector);
  const trace = options.traces ? buildTrace(cycle) : undefined;
  rearm(working, now);
  working.lastUpdateTime = now;
  const after = toSnapshot(working);
  // Most steps run one cycle: its effects are the step's (a frozen empty array when there are none).
  if (!fired) return { snapshot: after, effects: cycle.effects, traces: trace ? [trace] : NO_TRACES, changed: true };
  if (trace) fired.traces.push(trace);
  for (const effect of cycle.effects) fired.effects.push(effect);
  return { snapshot: after, effects: fired.effects, traces: fired.traces, changed: true };
}

/** A wake-up: the timers due fire; a snapshot with nothing due and nothing to re-arm is left as it is. */
function wake({ snapshot, detector, cycle }: { snapshot: DetectorSnapshot | undefined; detector: WorkingDetector | undefined; cycle: Cycle | undefined }): StepResult {
  if (!snapshot || !detector || !cycle) return { snapshot, effects: [], traces: [], changed: false };
  const fired = fireDue(cycle);
  const rearmed = rearm(detector, cycle.now);
  if (!fired && !rearmed) return { snapshot, effects: [], traces: [], changed: false };
  if (fired) detector.lastUpdateTime = cycle.now;
  return { snapshot: toSnapshot(detector), effects: fired ? fired.effects : [], traces: fired ? fired.traces : [], changed: true };
}

/**
 * Brings a stored detector to the model version being run. A detector whose state still exists
 * keeps its state, variables and timers (AWS deleted them all on update); one whose state is gone
 * is replaced by a new detector on its next message.
 */
function adopt(model: CompiledModel, snapshot: DetectorSnapshot): WorkingDetector | undefined {
  if (!model.states.has(snapshot.stateName)) return undefined;
  const working = workOn(snapshot);
  working.detectorModelVersion = model.version;
  return working;
}

/** A new detector for the key the message carries (the router has already checked it is there). */
function create(model: CompiledModel, trigger: MessageTrigger, now: number): WorkingDetector {
  const key = detectorKey(model, trigger.payload);
  return newDetector(model.name, model.version, key.error === undefined ? key.keyValue : undefined, model.initialState, now);
}

let stepCycle: Cycle | undefined;

/**
 * The cycle object of a step, its action numbering at 0: the one object every step refills (see
 * {@link Cycle}), made anew only for the first step.
 */
function startStep(scope: StepScope): Cycle {
  if (stepCycle) stepCycle.refill(scope);
  else stepCycle = new Cycle(scope);
  return stepCycle;
}

/** What the timer cycles of a step produced, in order. */
interface Fired {
  readonly traces: EvaluationTrace[];
  readonly effects: ActionEffect[];
}

/**
 * Fires every timer due at the step's time, earliest first, each in its own Timer cycle.
 * Undefined when none was due (most steps): nothing is allocated for them.
 */
function fireDue(cycle: Cycle): Fired | undefined {
  const { detector, now, options } = cycle;
  let fired: Fired | undefined;
  for (const timerName of dueTimers(detector, now)) {
    if (!isRunning(detector, timerName)) continue; // cleared by an earlier timer cycle of this step
    expire(detector, timerName);
    detector.sequence++;
    cycle.beginTimer(timerName);
    cycle.input();
    cycle.finish();
    fired ??= { traces: [], effects: [] };
    for (const effect of cycle.effects) fired.effects.push(effect);
    if (options.traces) fired.traces.push(buildTrace(cycle));
  }
  return fired;
}

/** Runs the message's cycle, creating the detector first when `created`. */
function runMessage(cycle: Cycle, trigger: MessageTrigger, created: boolean): void {
  const { detector, plan, model } = cycle;
  retainInput(detector, trigger.inputName, trigger.payload);
  detector.sequence++;
  cycle.beginMessage(trigger, created);
  if (created) cycle.enter(plan.states.get(model.initialState) as StatePlan);
  cycle.input();
  cycle.finish();
}
