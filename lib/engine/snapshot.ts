import type { Value } from '../expression';

/**
 * A timer as data. The detector snapshot is the source of truth; wake-up records kept by the
 * runtime only say when to look.
 */
export interface TimerState {
  /** When the timer expires, epoch ms. */
  readonly dueAt: number;
  /** The duration first computed, reused by `resetTimer` (AWS does not re-evaluate it). */
  readonly durationSeconds: number;
  /** Changes on every set and reset, so a stale wake-up can be recognised. */
  readonly generation: number;
  /**
   * When the runtime's wake-up record for this timer fires, epoch ms; undefined when none exists.
   * A reset that moves `dueAt` later keeps the existing wake-up, which then re-arms: resetting a
   * heartbeat timer on every message costs no extra write.
   */
  readonly wakeAt: number | undefined;
}


/**
 * Everything a detector instance is, as plain data: serialisable as typed JSON, safe to store.
 * Never mutated by the engine; `step` returns a new one.
 */
export interface DetectorSnapshot {
  readonly detectorModelName: string;
  readonly detectorModelVersion: string;
  /** The key value, undefined for a singleton model. */
  readonly keyValue: string | undefined;
  readonly stateName: string;
  /** Variable values; never undefined or invalid (such assignments fail). */
  readonly variables: Readonly<Record<string, Value>>;
  /** The latest payload of each input, read by `$input` references (spec §3.2). */
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly timers: Readonly<Record<string, TimerState>>;
  /** Timers that expired and whose `timeout()` no condition has read yet (spec §4.6). */
  readonly expiredTimers: readonly string[];
  /** Source of timer generations; increases on every timer change. */
  readonly timerSequence: number;
  /** Evaluation cycles run so far; part of every action execution id. */
  readonly sequence: number;
  /** Epoch ms. */
  readonly creationTime: number;
  /** Epoch ms of the last evaluation that changed anything. */
  readonly lastUpdateTime: number;
}
