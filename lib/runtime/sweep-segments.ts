import type { TimerState } from '../engine';
import { detectorId, type DetectorKey, type SweepCounts, type SweepRun } from '../ports';
import type { EvaluationSettings } from './evaluate-detector';
import type { TimerSweepDeps, TimerSweepOptions } from './timer-sweep';
import { wakeDetectors } from './wake-detectors';

/** Tries to wake a page's overdue detectors this many times before leaving them to the next sweep. */
const WAKE_ATTEMPTS = 3;
const RETRY_PAUSE_MS = 1000;

/** Whether a timer's wake-up (or due time) passed before `cutoff`, or it has none. */
function isOverdue(timer: TimerState, cutoff: number): boolean {
  return Math.min(timer.dueAt, timer.wakeAt ?? -Infinity) <= cutoff;
}

/** Works through the segments of one run within one invocation, adding up what they do. */
export class SegmentSweeper {
  /** What this invocation's pages found and did, all segments together. */
  readonly counts = { scanned: 0, overdue: 0, fired: 0, failed: 0, readUnits: 0 };
  /** Detectors whose stored state could not be read. */
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
