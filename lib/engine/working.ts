import type { Value } from '../expression';
import type { DetectorSnapshot, TimerState } from './snapshot';

/** The mutable copy of a detector that one `step` works on; the input snapshot is never touched. */
export interface WorkingDetector {
  detectorModelName: string;
  detectorModelVersion: string;
  keyValue: string | undefined;
  stateName: string;
  variables: Record<string, Value>;
  inputs: Record<string, unknown>;
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
 * Copies a snapshot into a working detector. Variables and retained inputs change on almost every
 * message and are copied now; timers and the expiry latch are copied only when a timer action
 * touches them (`ownTimers`), since most messages leave them alone. Values are immutable.
 */
export function workOn(snapshot: DetectorSnapshot): WorkingDetector {
  return {
    detectorModelName: snapshot.detectorModelName,
    detectorModelVersion: snapshot.detectorModelVersion,
    keyValue: snapshot.keyValue,
    stateName: snapshot.stateName,
    variables: { ...snapshot.variables },
    inputs: { ...snapshot.inputs },
    timers: snapshot.timers as Record<string, TimerState>,
    expiredTimers: snapshot.expiredTimers as string[],
    timersOwned: false,
    timerSequence: snapshot.timerSequence,
    sequence: snapshot.sequence,
    creationTime: snapshot.creationTime,
    lastUpdateTime: snapshot.lastUpdateTime,
  };
}

/** Makes the timers and expiry latch of a working detector its own before they are changed. */
export function ownTimers(detector: WorkingDetector): void {
  if (detector.timersOwned) return;
  detector.timers = { ...detector.timers };
  detector.expiredTimers = [...detector.expiredTimers];
  detector.timersOwned = true;
}

/** A new detector in `stateName`, created at `now`. */
export function newDetector(modelName: string, version: string, keyValue: string | undefined, stateName: string, now: number): WorkingDetector {
  return {
    detectorModelName: modelName,
    detectorModelVersion: version,
    keyValue,
    stateName,
    variables: {},
    inputs: {},
    timers: {},
    expiredTimers: [],
    timersOwned: true,
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
