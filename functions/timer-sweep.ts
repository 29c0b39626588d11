import type { Context, ScheduledEvent } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { sweepRunOptions } from '../lib/runtime/scheduled-run';
import { runTimerSweep, type TimerSweepReport } from '../lib/runtime/timer-sweep';
import { createTimerSweepRuntime, type TimerSweepRuntime } from '../lib/wiring/timers';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The timer sweep, started every few minutes by EventBridge: when the scheduler asked for one
 * (its wake-ups did not cover an outage), or once a period, it reads the detectors and fires or
 * re-arms every timer whose wake-up may be gone, continuing a sweep the last invocation left
 * unfinished. Most invocations find nothing to do and cost one read.
 */
export function createHandler(runtime: TimerSweepRuntime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (_event: ScheduledEvent, context: Context): Promise<TimerSweepReport> => {
    const { config, clock } = runtime;
    const options = sweepRunOptions(clock.now(), context.getRemainingTimeInMillis(), {
      periodMs: config.sweepPeriodMs,
      segments: config.sweepSegments,
      readUnitsPerSecond: config.sweepReadUnitsPerSecond,
      concurrency: config.concurrency,
    });
    const report = await runTimerSweep({ ...runtime, scan: runtime.detectorScan, sweeps: runtime.sweepState }, runtime.settings, options);
    if (report.outcome !== 'idle') runtime.telemetry.log('info', 'timer sweep invocation finished', { ...report });
    return report;
  });
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createTimerSweepRuntime(config, telemetry), telemetry);
});
