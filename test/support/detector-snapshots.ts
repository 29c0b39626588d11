import type { DetectorSnapshot } from '../../lib/engine';
import { T0 } from './runtime-fixtures';

/** A counter detector's snapshot, as the engine would store it, with `overrides` applied. */
export function detectorSnapshot(overrides: Partial<DetectorSnapshot> = {}): DetectorSnapshot {
  return {
    detectorModelName: 'counter',
    detectorModelVersion: '1',
    keyValue: 'a',
    stateName: 'Counting',
    variables: { count: 1n, ratio: 20.0 },
    inputs: { Count: { id: 'a', n: 1n } },
    timers: {},
    expiredTimers: [],
    timerSequence: 0,
    sequence: 1,
    creationTime: T0,
    lastUpdateTime: T0 + 1000,
    ...overrides,
  };
}
