import type { Context, ScheduledEvent } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { scheduledRunOptions } from '../lib/runtime/scheduled-run';
import { runScheduler, type SchedulerReport } from '../lib/runtime/scheduler';
import { createSchedulerRuntime, type SchedulerRuntime } from '../lib/wiring/timers';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The timer scheduler, started every minute by EventBridge: fires the timers due until just after
 * the next start (each at its due time), plus any a missed run left behind (see
 * `scheduledRunOptions`). Two runs overlapping is harmless: a timer can only fire through one conditional write.
 */
export function createHandler(runtime: SchedulerRuntime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (_event: ScheduledEvent, context: Context): Promise<Omit<SchedulerReport, 'lateness'> & { maxLatenessMs: number }> => {
    const now = runtime.clock.now();
    const options = scheduledRunOptions(now, context.getRemainingTimeInMillis(), runtime.config.concurrency);
    const report = await runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, options);
    const maxLatenessMs = report.lateness.length ? Math.max(...report.lateness) : 0;
    runtime.telemetry.log('info', 'scheduler run finished', { handled: report.handled, fired: report.fired, maxLatenessMs });
    return { handled: report.handled, fired: report.fired, maxLatenessMs };
  });
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createSchedulerRuntime(config, telemetry), telemetry);
});
