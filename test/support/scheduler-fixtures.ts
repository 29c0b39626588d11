import { processBatch } from '../../lib/runtime/process-batch';
import type { SchedulerDeps, SchedulerOptions } from '../../lib/runtime/scheduler';
import { MemorySchedulerState } from './memory-scheduler-state';
import { T0, armMessage, batchSettings, compiled, memoryRuntime, timerRequest, type MemoryRuntime } from './runtime-fixtures';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** Scheduler options for tests: polls every second, looks 2 s ahead, runs until T0 + 5 min. */
export function schedulerOptions(overrides: Partial<SchedulerOptions> = {}): SchedulerOptions {
  return { until: T0 + 5 * MINUTE, pollMs: 1000, lookaheadMs: 2000, firstLookbackMs: HOUR, maxLookbackMs: 24 * HOUR, concurrency: 4, ...overrides };
}

/** The snapshot of the timer model's detector `key`. */
export function timerDetector(runtime: MemoryRuntime, key: string) {
  return runtime.detectors.detectors.get(`timer|${key}`)?.snapshot;
}

/** Arms timers of the timer model through the message path, at the clock's current time. */
export async function armTimers(runtime: MemoryRuntime, ...timers: [key: string, seconds: number][]): Promise<void> {
  const outcomes = await processBatch(timers.map(([key, seconds]) => armMessage(`arm-${key}-${runtime.clock.now()}`, key, seconds)), runtime, batchSettings());
  const failed = outcomes.filter((outcome) => outcome.status !== 'processed');
  if (failed.length) throw new Error(`could not arm the timers: ${JSON.stringify(failed)}`);
}

/** Fails the test quickly, instead of at jest's timeout, if a scheduler would never stop reading. */
export function guardAgainstRunaway(runtime: MemoryRuntime): void {
  const due = runtime.wakeups.due.bind(runtime.wakeups);
  let reads = 0;
  runtime.wakeups.due = async (since, until) => {
    if (++reads > 1000) throw new Error('the scheduler kept reading long after `until`');
    return due(since, until);
  };
}

/** A scheduler over a fresh memory runtime running the timer model, with its watermark state. */
export function schedulerHarness(): { runtime: MemoryRuntime; state: MemorySchedulerState; deps: SchedulerDeps } {
  const runtime = memoryRuntime([compiled(timerRequest())]);
  const state = new MemorySchedulerState();
  return { runtime, state, deps: { ...runtime, state } };
}
