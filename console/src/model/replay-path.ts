import type { TraceRecord } from '../api/types';
import { explainTrace } from './explain-trace';

/** The path one detector took through a replay, for the diagram. */
export interface ReplayPath {
  /** States in the order the detector was in them (a state repeats when it was entered again). */
  readonly visited: readonly string[];
  /** Transitions taken (diagram edge ids), with how many times each. */
  readonly taken: ReadonlyMap<string, number>;
}

/** The key values the trace records name, in order of first appearance (`''` for a model without a key). */
export function replayKeys(traces: readonly (TraceRecord & { keyValue?: string })[]): string[] {
  return [...new Set(traces.map((trace) => trace.keyValue ?? ''))];
}

/** The path of the detector `keyValue` through the traces of a replay, explained against the model. */
export function replayPath(traces: readonly (TraceRecord & { keyValue?: string })[], keyValue: string, definition: unknown): ReplayPath {
  const visited: string[] = [];
  const taken = new Map<string, number>();
  for (const trace of traces) {
    if ((trace.keyValue ?? '') !== keyValue || trace.status === 'Skipped') continue;
    const explained = explainTrace(trace, definition);
    // A detector created by this evaluation was first in the state its transition left.
    const first = trace.initialState ?? explained.transition?.from;
    if (!visited.length && first !== undefined) visited.push(first);
    if (explained.transition?.edgeId) taken.set(explained.transition.edgeId, (taken.get(explained.transition.edgeId) ?? 0) + 1);
    if (trace.finalState !== undefined && visited[visited.length - 1] !== trace.finalState) visited.push(trace.finalState);
  }
  return { visited, taken };
}
