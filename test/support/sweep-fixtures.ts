import type { TimerSweepDeps, TimerSweepOptions } from '../../lib/runtime/timer-sweep';
import { MemoryDetectorScan } from './memory-detector-scan';
import { MemorySweepState } from './memory-sweep-state';
import { compiled, memoryRuntime, timerRequest, type MemoryRuntime } from './runtime-fixtures';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Sweep options for tests: 200 s of work from the clock's time, small pages, no read limit. */
export function sweepOptions(runtime: MemoryRuntime, overrides: Partial<TimerSweepOptions> = {}): TimerSweepOptions {
  const now = runtime.clock.now();
  return { until: now + 200_000, leaseUntil: now + 240_000, periodMs: DAY, retryMs: HOUR, segments: 3, pageSize: 2, graceMs: 5 * MINUTE, readUnitsPerSecond: Infinity, concurrency: 4, ...overrides };
}

/** A timer sweep over a fresh memory runtime running the timer model. */
export function sweepHarness(): { runtime: MemoryRuntime; scan: MemoryDetectorScan; sweeps: MemorySweepState; deps: TimerSweepDeps } {
  const runtime = memoryRuntime([compiled(timerRequest())]);
  const scan = new MemoryDetectorScan(runtime.detectors);
  const sweeps = new MemorySweepState();
  return { runtime, scan, sweeps, deps: { ...runtime, scan, sweeps } };
}

/** How many times timer `t` of the timer model's detector `key` fired (its Timer cycles). */
export function timerCycles(runtime: MemoryRuntime, key: string): number {
  return runtime.traces.appended.filter((entry) => entry.detector === `timer|${key}`).flatMap((entry) => entry.traces).filter((trace) => trace.timerName === 't').length;
}
