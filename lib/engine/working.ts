import type { Value } from '../expression';
import { setOwn } from './own';
import type { DetectorSnapshot, TimerState } from './snapshot';

/** The mutable copy of a detector that one `step` works on; the input snapshot is never touched. */
export interface WorkingDetector {
  detectorModelName: string;
  detectorModelVersion: string;
  keyValue: string | undefined;
  stateName: string;
  /** Copied on the first assignment while {@link variablesShared}: see `setVariable`. */
  variables: Record<string, Value>;
  /** True while the variables object is also held elsewhere (the input snapshot, a trace). */
  variablesShared: boolean;
  /** Shared with the input snapshot until a message replaces them with a copy. */
  inputs: Readonly<Record<string, unknown>>;
  /** Shared with the input snapshot until `ownTimers` copies them. */
  timers: Record<string, TimerState>;
  /** Shared with the input snapshot until `ownTimers` copies them. */
  expiredTimers: string[];
  timersOwned: boolean;
  timerSequence: number;
  sequence: number;
  creationTime: number;
  lastUpdateTime: number;
}

/**
 * A working detector over a snapshot. Nothing is copied yet: the variables are copied on the first
 * assignment (`setVariable`), the retained inputs when a message arrives, timers and the expiry
 * latch when a timer action touches them (`ownTimers`). Many messages change none of them, and
 * values are immutable, so the new snapshot shares what did not change with the old one.
 *
 * The object returned is the same on every call, refilled, and valid until the next call: `step`
 * works on one detector at a time, synchronously (expressions call no outside code), and keeps
 * nothing of it but the snapshot `toSnapshot` makes — one object fewer per message.
 */
export function workOn(snapshot: DetectorSnapshot): WorkingDetector {
  const working = reused;
  working.detectorModelName = snapshot.detectorModelName;
  working.detectorModelVersion = snapshot.detectorModelVersion;
  working.keyValue = snapshot.keyValue;
  working.stateName = snapshot.stateName;
  working.variables = snapshot.variables as Record<string, Value>;
  working.variablesShared = true;
  working.inputs = snapshot.inputs;
  working.timers = snapshot.timers as Record<string, TimerState>;
  working.expiredTimers = snapshot.expiredTimers as string[];
  working.timersOwned = false;
  working.timerSequence = snapshot.timerSequence;
  working.sequence = snapshot.sequence;
  working.creationTime = snapshot.creationTime;
  working.lastUpdateTime = snapshot.lastUpdateTime;
  return working;
}

/** Sets variable `name` (any name, `__proto__` too), copying the variables first if they are shared. */
export function setVariable(detector: WorkingDetector, name: string, value: Value): void {
  if (detector.variablesShared) {
    detector.variables = { ...detector.variables };
    detector.variablesShared = false;
  }
  setOwn(detector.variables, name, value);
}

/**
 * The variables as they are now, for a record that keeps them (a trace, the snapshot): from here
 * on they are shared, so the next assignment works on a copy and the record never changes.
 */
export function shareVariables(detector: WorkingDetector): Readonly<Record<string, Value>> {
  detector.variablesShared = true;
  return detector.variables;
}

/** Replaces the retained payload of one input (the inputs are copied: the old ones may be shared). */
export function retainInput(detector: WorkingDetector, inputName: string, payload: unknown): void {
  const inputs = { ...detector.inputs };
  setOwn(inputs, inputName, payload);
  detector.inputs = inputs;
}

/** The one input a `currentOnly` cycle sees, as an own member whatever its name. */
export function onlyInput(name: string, payload: unknown): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  setOwn(inputs, name, payload);
  return inputs;
}

/** Makes the timers and expiry latch of a working detector its own before they are changed. */
export function ownTimers(detector: WorkingDetector): void {
  if (detector.timersOwned) return;
  detector.timers = { ...detector.timers };
  detector.expiredTimers = [...detector.expiredTimers];
  detector.timersOwned = true;
}

/**
 * The timers and expiry latch of a detector that never had any, shared by every new detector and
 * frozen (a timer action copies them first: `ownTimers`). Most detectors keep them all their life,
 * so "no timers" is one comparison (see `hasTimers`).
 */
export const NO_TIMERS: Readonly<Record<string, TimerState>> = Object.freeze({});
const NO_EXPIRED_TIMERS: readonly string[] = Object.freeze([]);

/** A new detector in `stateName`, created at `now`. */
export function newDetector(modelName: string, version: string, keyValue: string | undefined, stateName: string, now: number): WorkingDetector {
  return {
    detectorModelName: modelName,
    detectorModelVersion: version,
    keyValue,
    stateName,
    variables: {},
    variablesShared: false,
    inputs: {},
    timers: NO_TIMERS as Record<string, TimerState>,
    expiredTimers: NO_EXPIRED_TIMERS as string[],
    timersOwned: false,
    timerSequence: 0,
    sequence: 0,
    creationTime: now,
    lastUpdateTime: now,
  };
}

/** The snapshot a working detector has become (its bookkeeping flags left behind). */
export function toSnapshot(detector: WorkingDetector): DetectorSnapshot {
  return {
    detectorModelName: detector.detectorModelName,
    detectorModelVersion: detector.detectorModelVersion,
    keyValue: detector.keyValue,
    stateName: detector.stateName,
    variables: detector.variables,
    inputs: detector.inputs,
    timers: detector.timers,
    expiredTimers: detector.expiredTimers,
    timerSequence: detector.timerSequence,
    sequence: detector.sequence,
    creationTime: detector.creationTime,
    lastUpdateTime: detector.lastUpdateTime,
  };
}

const reused: WorkingDetector = newDetector('', '', undefined, '', 0);
