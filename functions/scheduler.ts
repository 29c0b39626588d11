import type { Context, ScheduledEvent } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/adapters/telemetry';
import { runScheduler, type SchedulerReport } from '../lib/runtime/scheduler';
import type { Runtime } from '../lib/wiring';
import { containerRuntime, lazyHandler, withTelemetry } from './shared/runtime';

/** Runs past the next minute's start, so back-to-back runs overlap instead of leaving a gap. */
const OVERLAP_MS = 10_000;

/**
 * The timer scheduler, started every minute by EventBridge: fires the timers due until just after
 * the next start (each at its due time), plus any a missed run left behind. Two runs overlapping is
 * harmless: a timer can only fire through one conditional write.
 */
export function createHandler(runtime: Runtime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (_event: ScheduledEvent, context: Context): Promise<Omit<SchedulerReport, 'lateness'> & { maxLatenessMs: number }> => {
    const now = runtime.clock.now();
    const nextMinute = Math.floor(now / 60_000) * 60_000 + 60_000;
    // Never past the Lambda timeout (keep 5 s to finish the work in hand).
    const until = Math.min(nextMinute + OVERLAP_MS, now + context.getRemainingTimeInMillis() - 5_000);
    const report = await runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, {
      until,
      pollMs: 1000,
      lookaheadMs: 2000,
      firstLookbackMs: 3_600_000,
      maxLookbackMs: 7 * 24 * 3_600_000,
      concurrency: runtime.config.concurrency,
    });
    const maxLatenessMs = report.lateness.length ? Math.max(...report.lateness) : 0;
    runtime.telemetry.log('info', 'scheduler run finished', { handled: report.handled, fired: report.fired, maxLatenessMs });
    return { handled: report.handled, fired: report.fired, maxLatenessMs };
  });
}

export const handler = lazyHandler(() => {
  const { runtime, telemetry } = containerRuntime();
  return createHandler(runtime, telemetry);
});
