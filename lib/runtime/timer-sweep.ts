import type { TimerState } from '../engine';
import { detectorId, type DetectorKey, type DetectorScan, type SweepCounts, type SweepRun, type SweepStatus, type TimerSweepState } from '../ports';
import type { EvaluationSettings } from './evaluate-detector';
import { wakeDetectors, type WakeDeps } from './wake-detectors';

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

/** Tries to wake a page's overdue detectors this many times before leaving them to the next sweep. */
const WAKE_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 1000;

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
    if (totals) deps.telemetry.log(totals.overdue ? 'warn' : 'info', 'timer sweep finished', { ...about, ...totals, tookMs: clock.now() - run.startedAt });
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

/** Whether a timer's wake-up (or due time) passed before `cutoff`, or it has none. */
export function isOverdue(timer: TimerState, cutoff: number): boolean {
  return Math.min(timer.dueAt, timer.wakeAt ?? -Infinity) <= cutoff;
}

function report(outcome: 'idle' | 'busy'): TimerSweepReport {
  return { outcome, scanned: 0, overdue: 0, fired: 0, failed: 0, readUnits: 0, unreadable: 0 };
}

/** Works through the segments of one run within one invocation, adding up what they do. */
class SegmentSweeper {
  readonly counts = { scanned: 0, overdue: 0, fired: 0, failed: 0, readUnits: 0 };
  unreadable = 0;

  constructor(
    private readonly deps: TimerSweepDeps,
    private readonly settings: EvaluationSettings,
    private readonly options: TimerSweepOptions,
    private readonly run: SweepRun,
  ) {}

  /** Sweeps one segment from `position` until it ends (true) or the invocation's time is up (false). */
  async segment(segment: number, position: string | undefined): Promise<boolean> {
    const { deps, options, run } = this;
    const { clock } = deps;
    let pause = RETRY_PAUSE_MS;
    while (clock.now() < options.until) {
      const began = clock.now();
      let page;
      try {
        page = await deps.scan.timers(segment, run.segments, position, options.pageSize);
      } catch (error) {
        // A throttled read costs a pause, not the sweep: the same page is read again.
        deps.telemetry.log('warn', 'could not read detectors for the timer sweep; will retry', { segment, error: (error as Error).message });
        await clock.sleep(Math.min(pause, Math.max(0, options.until - clock.now())));
        pause = Math.min(pause * 2, 30_000);
        continue;
      }
      pause = RETRY_PAUSE_MS;
      for (const { key, error } of page.unreadable) {
        deps.telemetry.log('error', 'detector cannot be read; the timer sweep cannot check its timers', { detector: detectorId(key), error });
      }
      this.unreadable += page.unreadable.length;
      if (page.unreadable.length) deps.telemetry.count('TimerSweepUnreadable', page.unreadable.length);
      const cutoff = clock.now() - options.graceMs;
      const overdue = page.detectors.filter((detector) => Object.values(detector.timers).some((timer) => isOverdue(timer, cutoff))).map((detector) => detector.key);
      const { fired, failed } = await this.wake(overdue);
      const next = page.next ?? 'done';
      const counts = { scanned: page.scanned, overdue: overdue.length, fired, failed, readUnits: page.readUnits };
      for (const name of Object.keys(counts) as (keyof SweepCounts)[]) this.counts[name] += counts[name];
      let saved: boolean;
      try {
        saved = await deps.sweeps.progress(run.startedAt, segment, next, counts);
      } catch (error) {
        // The next invocation resumes from the last saved position and reads this page again.
        deps.telemetry.log('error', 'could not save the timer sweep position; the segment stops here', { segment, error: (error as Error).message });
        return false;
      }
      if (!saved) {
        deps.telemetry.log('warn', 'the timer sweep was ended by another invocation', { segment, startedAt: run.startedAt });
        return false;
      }
      if (next === 'done') return true;
      position = next;
      await this.pace(page.readUnits, began);
    }
    return false;
  }

  /** Wakes the overdue detectors, retrying those that fail a few times. */
  private async wake(keys: readonly DetectorKey[]): Promise<{ fired: number; failed: number }> {
    const { deps, settings, options } = this;
    let pending = keys;
    let fired = 0;
    for (let attempt = 1; pending.length; attempt++) {
      const outcome = await wakeDetectors(pending, deps, settings, options.concurrency);
      fired += outcome.lateness.length;
      pending = pending.filter((key) => outcome.failed.has(detectorId(key)));
      if (!pending.length || attempt >= WAKE_ATTEMPTS) break;
      await deps.clock.sleep(RETRY_PAUSE_MS * attempt);
    }
    if (pending.length) {
      deps.telemetry.log('error', 'overdue timers could not be fired; the next sweep tries again', { detectors: pending.map(detectorId) });
    }
    return { fired, failed: pending.length };
  }

  /** Keeps the scan under `readUnitsPerSecond` (shared by the segments), so it never starves the live traffic. */
  private async pace(readUnits: number, began: number): Promise<void> {
    const { options, deps, run } = this;
    if (!Number.isFinite(options.readUnitsPerSecond) || readUnits <= 0) return;
    const minimumMs = (readUnits * run.segments * 1000) / options.readUnitsPerSecond;
    const wait = Math.min(minimumMs - (deps.clock.now() - began), options.until - deps.clock.now());
    if (wait > 0) await deps.clock.sleep(wait);
  }
}
