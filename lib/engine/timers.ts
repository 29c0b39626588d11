import type { EngineOptions } from './options';
import { getOwn, hasOwnName, setOwn } from './own';
import type { TimerState } from './snapshot';
import { NO_TIMERS, ownTimers, type WorkingDetector } from './working';

/**
 * Timers as data (spec §4.6). Every change bumps the generation; `wakeAt` tracks the runtime's
 * wake-up record so resets that move a timer later need no new record.
 */

/** Why a timer could not be set; undefined when it was. */
export type TimerRefusal = string | undefined;

/** Starts (or restarts) timer `name` for `seconds`, rounded down. Clears its expired latch. */
export function setTimer(detector: WorkingDetector, name: string, seconds: number, now: number, options: EngineOptions): TimerRefusal {
  const whole = Math.floor(seconds);
  if (!(whole >= options.minTimerSeconds)) return `duration ${seconds} s is less than ${options.minTimerSeconds} s`;
  if (whole > options.maxTimerSeconds) return `duration ${seconds} s is greater than ${options.maxTimerSeconds} s`;
  if (!hasOwnName(detector.timers, name) && Object.keys(detector.timers).length >= options.maxTimers) {
    return `the detector already has ${options.maxTimers} timers, the most allowed`;
  }
  arm(detector, name, whole, now);
  return undefined;
}

/** Restarts timer `name` with the duration it was first set with. False when it is not running. */
export function resetTimer(detector: WorkingDetector, name: string, now: number): boolean {
  const timer = getOwn(detector.timers, name);
  if (!timer) return false;
  arm(detector, name, timer.durationSeconds, now);
  return true;
}

/** Deletes timer `name`; its timeout will not occur. True when it existed or was latched. */
export function clearTimer(detector: WorkingDetector, name: string): boolean {
  const existed = hasOwnName(detector.timers, name) || detector.expiredTimers.includes(name);
  if (!existed) return false;
  ownTimers(detector);
  delete detector.timers[name];
  unlatch(detector, name);
  return existed;
}

/** Names of the timers due at `now`, earliest first (ties by name, for determinism). */
export function dueTimers(detector: WorkingDetector, now: number): string[] {
  if (!hasTimers(detector)) return NONE;
  const { timers } = detector;
  // Object.keys lists own names only, so these reads never reach the prototype.
  return Object.keys(timers)
    .filter((name) => timers[name].dueAt <= now)
    .sort((a, b) => timers[a].dueAt - timers[b].dueAt || (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether timer `name` runs (an own timer: `constructor` or `toString` are not timers until set). */
export function isRunning(detector: WorkingDetector, name: string): boolean {
  return hasOwnName(detector.timers, name);
}

/** Expires timer `name`: removes it and latches `timeout(name)` until a condition reads it. */
export function expire(detector: WorkingDetector, name: string): void {
  ownTimers(detector);
  delete detector.timers[name];
  if (!detector.expiredTimers.includes(name)) detector.expiredTimers.push(name);
}

/** Forgets the latched expiry of the timers a cycle's conditions have read. */
export function consume(detector: WorkingDetector, checked: ReadonlySet<string>): void {
  if (checked.size && detector.expiredTimers.some((name) => checked.has(name))) {
    ownTimers(detector);
    detector.expiredTimers = detector.expiredTimers.filter((name) => !checked.has(name));
  }
}

/**
 * Gives every running timer whose wake-up has passed (or never existed) a wake-up at its due
 * time. True when any changed: the runtime then writes the new wake-up records.
 */
export function rearm(detector: WorkingDetector, now: number): boolean {
  if (!hasTimers(detector)) return false;
  let changed = false;
  for (const name of Object.keys(detector.timers)) {
    const timer = getOwn(detector.timers, name) as TimerState;
    if (timer.dueAt > now && (timer.wakeAt === undefined || timer.wakeAt <= now)) {
      ownTimers(detector);
      setOwn(detector.timers, name, { ...timer, wakeAt: timer.dueAt });
      changed = true;
    }
  }
  return changed;
}

const NONE: string[] = [];

/** Whether any timer runs, without allocating (most messages reach detectors with none, most of them never had one). */
function hasTimers(detector: WorkingDetector): boolean {
  const { timers } = detector;
  if (timers === NO_TIMERS) return false;
  for (const name in timers) if (Object.prototype.hasOwnProperty.call(timers, name)) return true;
  return false;
}

function arm(detector: WorkingDetector, name: string, seconds: number, now: number): void {
  const dueAt = now + seconds * 1000;
  ownTimers(detector);
  const previous = getOwn(detector.timers, name);
  // A pending wake-up at or before the new due time still serves: it fires, sees the timer is not
  // due yet and re-arms. Only an earlier due time (or no wake-up) needs a new record.
  const keep = previous?.wakeAt !== undefined && previous.wakeAt > now && previous.wakeAt <= dueAt;
  setOwn(detector.timers, name, {
    dueAt,
    durationSeconds: seconds,
    generation: ++detector.timerSequence,
    wakeAt: keep ? previous.wakeAt : dueAt,
  });
  unlatch(detector, name);
}

function unlatch(detector: WorkingDetector, name: string): void {
  const at = detector.expiredTimers.indexOf(name);
  if (at >= 0) detector.expiredTimers.splice(at, 1);
}
