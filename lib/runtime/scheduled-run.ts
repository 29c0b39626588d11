import type { SchedulerOptions } from './scheduler';
import type { TimerSweepOptions } from './timer-sweep';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** EventBridge starts the scheduler about every minute. */
const RUN_PERIOD_MS = 60_000;
/** A run goes on past the next run's start, so back-to-back runs overlap instead of leaving a gap. */
const RUN_OVERLAP_MS = 10_000;
/** Time kept at the end of an invocation to finish the work in hand. */
const RUN_FINISH_MS = 5_000;
/**
 * How far back the scheduler reads wake-ups after an outage (a week: 40,320 minute partitions,
 * read in about a minute). Timers older than that are found by a sweep of the detectors instead.
 */
const MAX_LOOKBACK_MS = 7 * DAY;
/**
 * How long a wake-up record is kept after its due time before DynamoDB's TTL may delete it: a day
 * longer than the scheduler reads back, so every record the scheduler may still read exists for the
 * whole of a catch-up. A record the TTL deletes before the scheduler passed it implies a watermark
 * older than {@link MAX_LOOKBACK_MS}, and that makes the scheduler ask for a sweep, which finds the
 * timer in its detector (docs/decisions.md T6).
 */
export const WAKEUP_RETENTION_MS = MAX_LOOKBACK_MS + DAY;
/** The sweep function's end of work, before the Lambda timeout: a page in hand is finished in it. */
const SWEEP_FINISH_MS = 30_000;

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
    firstLookbackMs: HOUR,
    maxLookbackMs: MAX_LOOKBACK_MS,
    concurrency,
  };
}

/** The deployment's settings of the timer sweep. */
export interface SweepSettings {
  readonly periodMs: number;
  readonly segments: number;
  readonly readUnitsPerSecond: number;
  readonly concurrency: number;
}

/**
 * The options of one invocation of the timer sweep, started at `startedAt` with `remainingMs` left:
 * it holds the sweep until its own deadline, so a killed invocation's hold runs out by itself.
 */
export function sweepRunOptions(startedAt: number, remainingMs: number, settings: SweepSettings): TimerSweepOptions {
  return {
    until: startedAt + Math.max(0, remainingMs - SWEEP_FINISH_MS),
    leaseUntil: startedAt + remainingMs,
    periodMs: settings.periodMs,
    retryMs: HOUR,
    segments: settings.segments,
    pageSize: 500,
    // Five scheduler runs: a timer whose wake-up exists has fired long before.
    graceMs: 5 * MINUTE,
    readUnitsPerSecond: settings.readUnitsPerSecond,
    concurrency: settings.concurrency,
  };
}
