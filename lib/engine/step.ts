import type { CompiledModel } from '../model';
import { Cycle, type CycleTrigger } from './cycle';
import type { ActionEffect } from './effects';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions } from './options';
import { planOf, type ModelPlan, type StatePlan } from './plan';
import type { DetectorSnapshot } from './snapshot';
import { dueTimers, expire, isRunning, rearm } from './timers';
import { buildTrace } from './build-trace';
import type { EvaluationTrace } from './trace';
import type { MessageTrigger, Trigger } from './trigger';
import { setOwn } from './own';
import { detectorKey } from './routing';
import { newDetector, retainInput, shareVariables, toSnapshot, workOn, type WorkingDetector } from './working';

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
  const plan = planOf(model);
  if (trigger.type === 'wake') return wake(model, plan, snapshot, detector, now, options);

  const traces: EvaluationTrace[] = [];
  let effects: ActionEffect[] = [];
  const run: StepRun = { model, plan, detector: detector ?? create(model, trigger, now), now, options };
  const working = run.detector;
  let numbering = 0;
  if (detector) numbering = fireDue(run, traces, effects, numbering);
  const initialState = detector ? working.stateName : undefined;
  const initialVariables = detector ? shareVariables(working) : {};
  const cycle = message(run, !detector, trigger, numbering);
  traces.push(buildTrace(cycle, initialState, initialVariables, trigger.raw, shareVariables(working)));
  // Most steps run one cycle: its effects are the step's (a frozen empty array when there are none).
  if (effects.length) for (const effect of cycle.effects) effects.push(effect);
  else effects = cycle.effects;
  rearm(working, now);
  working.lastUpdateTime = now;
  return { snapshot: toSnapshot(working), effects, traces, changed: true };
}

function wake(
  model: CompiledModel,
  plan: ModelPlan,
  snapshot: DetectorSnapshot | undefined,
  detector: WorkingDetector | undefined,
  now: number,
  options: EngineOptions,
): StepResult {
  if (!snapshot || !detector) return { snapshot, effects: [], traces: [], changed: false };
  const traces: EvaluationTrace[] = [];
  const effects: ActionEffect[] = [];
  fireDue({ model, plan, detector, now, options }, traces, effects, 0);
  const rearmed = rearm(detector, now);
  if (!traces.length && !rearmed) return { snapshot, effects, traces, changed: false };
  if (traces.length) detector.lastUpdateTime = now;
  return { snapshot: toSnapshot(detector), effects, traces, changed: true };
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

/** What every cycle of one step shares: the model (and its plan), the detector, the time, the options. */
interface StepRun {
  readonly model: CompiledModel;
  readonly plan: ModelPlan;
  readonly detector: WorkingDetector;
  readonly now: number;
  readonly options: EngineOptions;
}

/**
 * Fires every timer due at `now`, earliest first, each in its own Timer cycle, adding to `traces`
 * and `effects`; returns the next action number (`numbering` continues across a step's cycles).
 */
function fireDue({ model, plan, detector, now, options }: StepRun, traces: EvaluationTrace[], effects: ActionEffect[], numbering: number): number {
  for (const timerName of dueTimers(detector, now)) {
    if (!isRunning(detector, timerName)) continue; // cleared by an earlier timer cycle of this step
    const initialState = detector.stateName;
    const initialVariables = shareVariables(detector);
    expire(detector, timerName);
    detector.sequence++;
    const inputs = options.inputScope === 'retained' ? detector.inputs : {};
    const cycle = new Cycle(model, plan, detector, { triggerType: 'Timer', timerName, time: now }, options, now, inputs);
    cycle.continueNumbering(numbering);
    cycle.input();
    cycle.finish();
    numbering = cycle.nextActionNumber();
    for (const effect of cycle.effects) effects.push(effect);
    traces.push(buildTrace(cycle, initialState, initialVariables, undefined, shareVariables(detector)));
  }
  return numbering;
}

/** Runs the message's cycle, creating the detector first when `created`. */
function message({ model, plan, detector, now, options }: StepRun, created: boolean, trigger: MessageTrigger, numbering: number): Cycle {
  retainInput(detector, trigger.inputName, trigger.payload);
  detector.sequence++;
  const inputs = options.inputScope === 'retained' ? detector.inputs : onlyInput(trigger.inputName, trigger.payload);
  const cycleTrigger: CycleTrigger = {
    triggerType: 'Message',
    inputName: trigger.inputName,
    messageId: trigger.messageId,
    time: trigger.timestamp ?? now,
  };
  const cycle = new Cycle(model, plan, detector, cycleTrigger, options, now, inputs, created);
  cycle.continueNumbering(numbering);
  if (created) cycle.enter(plan.states.get(model.initialState) as StatePlan);
  cycle.input();
  cycle.finish();
  return cycle;
}

/** The one input a `currentOnly` cycle sees, as an own member whatever its name. */
function onlyInput(name: string, payload: unknown): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  setOwn(inputs, name, payload);
  return inputs;
}
