import type { DetectorKey } from '../../lib/ports';
import { commitDetector, type ConflictPolicy } from '../../lib/runtime/commit-detector';
import { batchSettings, compiled, countWork, counterRequest, type MemoryRuntime } from './runtime-fixtures';

/** The counter model the commit tests drive. */
export const counter = compiled(counterRequest());
/** Detector `a` of the counter model. */
export const A: DetectorKey = { model: 'counter', keyValue: 'a' };
/** Short back-offs so conflict tests stay fast. */
export const POLICY: ConflictPolicy = { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 25 };

/** Stores detector `a` as it is after `ids`, through the real commit path. */
export async function committed(runtime: MemoryRuntime, ...ids: string[]) {
  const result = await commitDetector({ model: counter, key: A, stored: runtime.detectors.detectors.get('counter|a'), work: ids.map((id) => countWork(id)) }, { settings: batchSettings(), deps: runtime, policy: POLICY });
  if (!result.ok) throw result.error;
  return runtime.detectors.detectors.get('counter|a')!;
}
