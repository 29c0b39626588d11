import type { DetectorScan, SweepCounts, SweepRun, SweepStatus, TimerSweepState } from '../ports';
import type { EvaluationSettings } from './evaluate-detector';
import { SegmentSweeper } from './sweep-segments';
import type { WakeDeps } from './wake-detectors';

/** What a timer sweep needs. */
export interface TimerSweepDeps extends WakeDeps {
  readonly scan: DetectorScan;
  readonly sweeps: TimerSweepState;
}

/** How one invocation of the sweep behaves. */
export interface TimerSweepOptions {
  /** When this invocation stops reading new pages, epoch ms. */
  readonly until: number;
  /** When this invocation's hold on the sweep ends (its hard deadline), epoch ms. */
  readonly leaseUntil: number;
  /** A sweep starts at least this long after the previous one started, even unrequested. */
  readonly periodMs: number;
  /** After a sweep that could not wake every overdue detector, the next starts this soon. */
  readonly retryMs: number;
  /** Segments a new sweep reads in parallel. */
  readonly segments: number;
  /** Detectors read per page (each page's position is saved). */
  readonly pageSize: number;
  /** A timer is overdue once its wake-up is this far past: the scheduler fires it well before. */
  readonly graceMs: number;
  /** The most read capacity per second the scan may consume (Infinity: no limit). */
  readonly readUnitsPerSecond: number;
  /** Detectors woken in parallel. */
  readonly concurrency: number;
}

/** What one invocation did. */
export interface TimerSweepReport extends SweepCounts {
  /** `idle`: no sweep due; `busy`: another invocation holds it; `continued`: the next one goes on. */
  readonly outcome: 'idle' | 'busy' | 'continued' | 'finished';
  /** Detectors whose stored state could not be read (logged with the reason). */
  readonly unreadable: number;
  /** The run worked on. */
  readonly run?: Pick<SweepRun, 'startedAt' | 'reason'>;
  /** The whole run's counts, when this invocation finished it. */
  readonly totals?: SweepCounts;
}

/**
 * Finds, in the detectors themselves, every timer whose wake-up record may be gone — overdue by
 * more than `graceMs`, or with no wake-up at all — and wakes its detector through the normal
 * conditional-write path, so the timer fires (once, whoever else wakes it) or gets a new wake-up.
 *
 * A sweep starts when the scheduler asked for one (its wake-ups did not cover an outage), when the
 * last one could not wake everything (after `retryMs`), or every `periodMs` as insurance. It reads
 * the detectors in parallel segments, page by page, and saves each segment's position after each
 * page, so a sweep longer than one invocation continues in the next; a lease keeps two invocations
 * off one sweep. An interrupted page is read again: waking a detector twice fires nothing twice.
 */
export async function runTimerSweep(deps: TimerSweepDeps, settings: EvaluationSettings, options: TimerSweepOptions): Promise<TimerSweepReport> {
  const { clock, sweeps } = deps;
  const now = clock.now();
  const status = await sweeps.status();
  let run = status.run;
  if (run) {
    if (!(await sweeps.claim(run.startedAt, now, options.leaseUntil))) return report('busy');
  } else {
    const reason = sweepReason(status, now, options);
    if (!reason) return report('idle');
    const started = { startedAt: now, reason, segments: options.segments };
    if (!(await sweeps.start(started, options.leaseUntil))) return report('busy');
    run = { ...started, positions: Array.from({ length: options.segments }, () => undefined), leaseUntil: options.leaseUntil };
    deps.telemetry.log('info', 'timer sweep started', { reason });
  }
  const sweep = new SegmentSweeper(deps, settings, options, run);
  const done = await Promise.all(run.positions.map((position, segment) => (position === 'done' ? true : sweep.segment(segment, position))));
  const counts = sweep.counts;
  if (counts.overdue) deps.telemetry.count('TimerSweepOverdue', counts.overdue);
  if (counts.failed) deps.telemetry.count('TimerSweepFailed', counts.failed);
  if (counts.fired) deps.telemetry.count('TimersRecovered', counts.fired);
  const about = { startedAt: run.startedAt, reason: run.reason };
  if (done.every(Boolean)) {
    const totals = await sweeps.finish(run.startedAt, clock.now());
    // A healthy stack's sweep fires nothing: a timer it had to fire had lost its wake-up.
    if (totals) deps.telemetry.log(totals.fired || totals.failed ? 'warn' : 'info', 'timer sweep finished', { ...about, ...totals, tookMs: clock.now() - run.startedAt });
    return { ...counts, outcome: 'finished', unreadable: sweep.unreadable, run: about, totals };
  }
  await sweeps.release(run.startedAt, options.leaseUntil, clock.now()).catch((error: Error) => {
    // The lease then simply runs out: the next invocation waits for it.
    deps.telemetry.log('warn', 'could not release the timer sweep', { error: error.message });
  });
  return { ...counts, outcome: 'continued', unreadable: sweep.unreadable, run: about };
}

/** Why a sweep should start now, or undefined. */
function sweepReason(status: SweepStatus, now: number, options: TimerSweepOptions): string | undefined {
  const { requestedAt, lastStartedAt, lastCompletedAt, lastFailed = 0 } = status;
  if (requestedAt !== undefined && (lastStartedAt === undefined || requestedAt > lastStartedAt)) return `requested: ${status.requestReason ?? 'no reason given'}`;
  if (lastStartedAt === undefined || lastCompletedAt === undefined) return 'no sweep has completed yet';
  if (lastFailed > 0 && now >= lastCompletedAt + options.retryMs) return `the last sweep could not wake ${lastFailed} detector(s)`;
  if (now >= lastStartedAt + options.periodMs) return 'periodic';
  return undefined;
}

function report(outcome: 'idle' | 'busy'): TimerSweepReport {
  return { outcome, scanned: 0, overdue: 0, fired: 0, failed: 0, readUnits: 0, unreadable: 0 };
}
