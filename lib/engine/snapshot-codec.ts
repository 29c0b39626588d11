import { MAX_STORED_JSON_DEPTH, parseTypedJson, stringifyTypedJson, type Value } from '../expression';
import { setOwn } from './own';
import type { DetectorSnapshot, TimerState } from './snapshot';

/** Format version of the serialised snapshot; bump when the layout changes. */
const FORMAT = 1n;

/**
 * Text that every serialised snapshot holding a running timer contains: the timers member
 * followed by the first timer's name. A store can thus skip, server-side, the detectors that hold
 * no timer (`contains(snapshot, …)`). Others may contain it too (a retained payload with a
 * non-empty member `t`), so a match must still be read; a detector with timers never lacks it.
 */
export const TIMERS_MARKER = '"t":{"';

/**
 * Serialises a snapshot to compact typed JSON for storage: variables and retained payloads keep
 * their Integer/Decimal types, timers are tuples. The inverse of {@link deserializeSnapshot}.
 */
export function serializeSnapshot(snapshot: DetectorSnapshot): string {
  const timers: Record<string, bigint[]> = {};
  for (const [name, t] of Object.entries(snapshot.timers)) {
    setOwn(timers, name, [BigInt(t.dueAt), BigInt(t.durationSeconds), BigInt(t.generation), ...(t.wakeAt === undefined ? [] : [BigInt(t.wakeAt)])]);
  }
  return stringifyTypedJson({
    f: FORMAT,
    m: snapshot.detectorModelName,
    v: snapshot.detectorModelVersion,
    k: snapshot.keyValue,
    s: snapshot.stateName,
    vars: snapshot.variables,
    in: snapshot.inputs,
    t: timers,
    x: snapshot.expiredTimers,
    ts: BigInt(snapshot.timerSequence),
    n: BigInt(snapshot.sequence),
    c: BigInt(snapshot.creationTime),
    u: BigInt(snapshot.lastUpdateTime),
  });
}

/** Reads a snapshot written by {@link serializeSnapshot}. @throws SyntaxError on corrupt data. */
export function deserializeSnapshot(text: string): DetectorSnapshot {
  // Retained payloads nest up to MAX_JSON_DEPTH levels inside the snapshot's own.
  const raw = parseTypedJson(text, MAX_STORED_JSON_DEPTH) as Record<string, unknown>;
  if (raw.f !== FORMAT) throw new SyntaxError(`unknown detector snapshot format ${String(raw.f)}`);
  const timers: Record<string, TimerState> = {};
  for (const [name, tuple] of Object.entries(raw.t as Record<string, bigint[]>)) {
    const [dueAt, durationSeconds, generation, wakeAt] = tuple.map(Number);
    setOwn(timers, name, { dueAt, durationSeconds, generation, wakeAt });
  }
  return {
    detectorModelName: raw.m as string,
    detectorModelVersion: raw.v as string,
    keyValue: raw.k as string | undefined,
    stateName: raw.s as string,
    variables: raw.vars as Record<string, Value>,
    inputs: raw.in as Record<string, unknown>,
    timers,
    expiredTimers: raw.x as string[],
    timerSequence: Number(raw.ts),
    sequence: Number(raw.n),
    creationTime: Number(raw.c),
    lastUpdateTime: Number(raw.u),
  };
}
