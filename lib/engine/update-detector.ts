import { parseJsonNumber, type Value } from '../expression';
import { hasOwnName, setOwn } from './own';
import { AppError } from '../errors';
import type { CompiledModel } from '../model';
import type { EngineOptions } from './options';
import type { DetectorSnapshot, TimerState } from './snapshot';

/** What BatchUpdateDetector asks of one detector (iotevents-data `DetectorStateDefinition`). */
export interface DetectorUpdate {
  readonly stateName: string;
  /** Every variable the detector keeps; values as IoT Events literal text (`"22"`, `"1.0"`, `"\"abc\""`). */
  readonly variables: readonly { readonly name: string; readonly value: string }[];
  /** Every timer the detector keeps, each restarted to expire `seconds` from now. */
  readonly timers: readonly { readonly name: string; readonly seconds: number }[];
}

/** An update that cannot be applied; `field` names the part of the request at fault. */
export class DetectorUpdateError extends AppError {
  constructor(
    readonly field: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const INTEGER = /^-?\d+$/;
const DECIMAL = /^-?\d+\.\d+$/;

/**
 * Reads a variable value written as IoT Events literal text, the inverse of DescribeDetector's
 * formatting: `10` Integer, `15.0` Decimal, `true`/`false` (any case) Boolean, `"text"` (JSON
 * escapes) or `'text'` String, `null`. Undefined when the text is none of these.
 */
export function parseVariableLiteral(text: string): Value {
  const trimmed = text.trim();
  if (INTEGER.test(trimmed) || DECIMAL.test(trimmed)) return parseJsonNumber(trimmed);
  const lower = trimmed.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower === 'true';
  if (trimmed === 'null') return null;
  if (trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'")) return trimmed.slice(1, -1);
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    try {
      return JSON.parse(trimmed) as string;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * Applies a BatchUpdateDetector entry to a stored detector (spec §4.1, §6). **Pure.** Nothing is
 * evaluated: no onExit, no onEnter, no actions (the HVAC example re-enters `start` this way and
 * relies on its onEnter not running). Variables and timers not listed are cleared, and so is every
 * latched timeout. The detector moves to the model version given, whose states the new state must
 * belong to; its retained inputs, creation time and evaluation count stay.
 *
 * @throws DetectorUpdateError when the state is unknown, a value is not a literal, a name repeats,
 *   or a timer breaks the engine's limits.
 */
export function updateDetector(model: CompiledModel, snapshot: DetectorSnapshot, update: DetectorUpdate, now: number, options: EngineOptions): DetectorSnapshot {
  if (!model.states.has(update.stateName)) {
    throw new DetectorUpdateError('state.stateName', `state '${update.stateName}' does not exist in detector model ${model.name} version ${model.version}; known states: ${[...model.states.keys()].join(', ')}`);
  }
  const variables: Record<string, Value> = {};
  update.variables.forEach(({ name, value }, i) => {
    const field = `state.variables[${i}]`;
    if (hasOwnName(variables, name)) throw new DetectorUpdateError(field, `variable '${name}' is listed twice`);
    const parsed = parseVariableLiteral(value);
    if (parsed === undefined) {
      throw new DetectorUpdateError(`${field}.value`, `value ${JSON.stringify(value)} of variable '${name}' is not a literal: write 10, 2.5, true or "text" (a string in double quotes)`);
    }
    setOwn(variables, name, parsed);
  });
  if (update.timers.length > options.maxTimers) {
    throw new DetectorUpdateError('state.timers', `${update.timers.length} timers listed; a detector may hold at most ${options.maxTimers}`);
  }
  const timers: Record<string, TimerState> = {};
  let timerSequence = snapshot.timerSequence;
  update.timers.forEach(({ name, seconds }, i) => {
    const field = `state.timers[${i}]`;
    if (hasOwnName(timers, name)) throw new DetectorUpdateError(field, `timer '${name}' is listed twice`);
    if (!Number.isInteger(seconds) || seconds < options.minTimerSeconds || seconds > options.maxTimerSeconds) {
      throw new DetectorUpdateError(`${field}.seconds`, `timer '${name}': seconds must be a whole number from ${options.minTimerSeconds} to ${options.maxTimerSeconds}, not ${seconds}`);
    }
    const dueAt = now + seconds * 1000;
    // A fresh generation, so wake-ups written for the timer's previous life are recognised as stale.
    setOwn(timers, name, { dueAt, durationSeconds: seconds, generation: ++timerSequence, wakeAt: dueAt });
  });
  return {
    ...snapshot,
    detectorModelVersion: model.version,
    stateName: update.stateName,
    variables,
    timers,
    expiredTimers: [],
    timerSequence,
    lastUpdateTime: now,
  };
}
