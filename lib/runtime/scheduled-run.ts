import type { SchedulerOptions } from './scheduler';

/** EventBridge starts the scheduler about every minute. */
export const RUN_PERIOD_MS = 60_000;
/** A run goes on past the next run's start, so back-to-back runs overlap instead of leaving a gap. */
export const RUN_OVERLAP_MS = 10_000;
/** Time kept at the end of an invocation to finish the work in hand. */
export const RUN_FINISH_MS = 5_000;

/**
 * The options of one scheduled run that started at `startedAt` with `remainingMs` left before the
 * Lambda timeout. The end counts from the run's own start, never from a minute boundary: a
 * `rate(1 minute)` rule ticks at the second the rule was created (say :40 of every minute), and a
 * boundary-based end would leave most of each minute to nobody.
 */
export function scheduledRunOptions(startedAt: number, remainingMs: number, concurrency: number): SchedulerOptions {
  return {
    until: startedAt + Math.min(RUN_PERIOD_MS + RUN_OVERLAP_MS, remainingMs - RUN_FINISH_MS),
    pollMs: 1000,
    lookaheadMs: 2000,
    firstLookbackMs: 3_600_000,
    maxLookbackMs: 7 * 24 * 3_600_000,
    concurrency,
  };
}
