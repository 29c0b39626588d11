import { detectorId, type SchedulerState, type Wakeup, type WakeupStore } from '../ports';
import type { EvaluationSettings } from './evaluate-detector';
import { wakeDetectors, type WakeDeps } from './wake-detectors';

const MINUTE = 60_000;
const REREAD_OVERLAP_MS = 5_000;
/** The most of a backlog one read covers (40 queries with 4 shards). */
const BACKLOG_SLICE_MS = 10 * MINUTE;

/** What the scheduler needs. */
export interface SchedulerDeps extends WakeDeps {
  readonly wakeups: WakeupStore;
  readonly state: SchedulerState;
}

/** How a scheduler run behaves. */
export interface SchedulerOptions {
  /** When this run stops reading new work, epoch ms. */
  readonly until: number;
  /** How often the due-index is read. */
  readonly pollMs: number;
  /** How far ahead a read looks, so wake-ups fire at their due time rather than at the next read. */
  readonly lookaheadMs: number;
  /** How far back the very first run looks (there is no watermark yet). */
  readonly firstLookbackMs: number;
  /** How far back a run looks at most after an outage (the wake-up records' retention). */
  readonly maxLookbackMs: number;
  /** Detectors woken in parallel. */
  readonly concurrency: number;
}

/** What a run did: wake-ups handled, timers fired and how late each fired (ms after its due time). */
export interface SchedulerReport {
  handled: number;
  fired: number;
  readonly lateness: number[];
}

interface Pending {
  readonly wakeup: Wakeup;
  /** A wake-up whose detector could not be woken waits this long before the next try. */
  notBefore: number;
}

/**
 * Fires timers. Until `options.until`, reads the wake-ups due soon (and, on its first read, every
 * one a missed or crashed run left behind), waits for each one's due time, and wakes its detector
 * through the same load–step–conditional-write path as a message — so a timer fires at most once
 * however many schedulers run — then deletes the wake-up. An early wake-up (the timer was reset)
 * re-arms; a stale one (cleared) changes nothing. A failed read or wake is retried at the next
 * poll; past `until` the run only finishes the wake-ups it holds that are not failing.
 */
export async function runScheduler(deps: SchedulerDeps, settings: EvaluationSettings, options: SchedulerOptions): Promise<SchedulerReport> {
  const { clock } = deps;
  const pending = new Map<string, Pending>();
  const handled = new Set<string>();
  const report: SchedulerReport = { handled: 0, fired: 0, lateness: [] };
  const stored = await deps.state.watermark();
  const startedAt = clock.now();
  let since = stored === undefined ? startedAt - options.firstLookbackMs : Math.max(stored, startedAt - options.maxLookbackMs);
  let watermarkMinute = Math.floor(since / MINUTE);
  let nextRead = 0;
  // Wake-ups before `since` will never be read, and may have expired: only a sweep of the
  // detectors can find their timers. It is asked for before the watermark moves, so a failed
  // request is made again by the next run rather than forgotten.
  let sweepReason = sweepNeeded(stored, startedAt, options);
  const moveWatermark = async (to: number): Promise<void> => {
    if (sweepReason) {
      await deps.state.requestSweep(startedAt, sweepReason);
      deps.telemetry.log('warn', 'wake-ups may be missing: a sweep of the detectors is requested', { reason: sweepReason });
      sweepReason = undefined;
    }
    await deps.state.advance(to);
  };

  for (;;) {
    const now = clock.now();
    const ending = now >= options.until;
    if (ending) {
      // Past `until` nothing new is read and nothing that failed is retried, or a busy fleet or one
      // failing detector would keep the run going until Lambda kills it. What is left stays stored,
      // and the watermark never passed it, so the next run picks it up.
      for (const [key, entry] of pending) if (entry.notBefore > 0) pending.delete(key);
      if (!pending.size) break;
    } else if (now >= nextRead) {
      // A backlog (after an outage) is read a slice at a time, each slice's wake-ups handled and
      // the watermark moved before the next, so no single read can outlast the invocation.
      const until = Math.min(now + options.lookaheadMs, since + BACKLOG_SLICE_MS);
      const catchingUp = until < now + options.lookaheadMs;
      nextRead = catchingUp ? now : now + options.pollMs;
      let safe: number | undefined;
      try {
        for (const wakeup of await deps.wakeups.due(since, until)) {
          const key = wakeupKey(wakeup);
          if (!handled.has(key) && !pending.has(key)) pending.set(key, { wakeup, notBefore: 0 });
        }
        // Everything due before the end of what was read is handled or pending: the watermark may
        // pass it, not them.
        safe = Math.min(now, until, ...[...pending.values()].map((entry) => entry.wakeup.dueAt));
        // Later reads only need what was written since the last one (wake-ups are written before they
        // are due); a few seconds of overlap cover writes racing the read.
        since = Math.max(since, Math.min(now, until) - REREAD_OVERLAP_MS);
      } catch (error) {
        // A throttled read costs one poll, not the run: the same range is read again then.
        deps.telemetry.log('error', 'could not read due wake-ups; will retry', { error: (error as Error).message });
        nextRead = now + options.pollMs;
      }
      if (safe !== undefined && Math.floor(safe / MINUTE) > watermarkMinute) {
        try {
          await moveWatermark(Math.floor(safe / MINUTE) * MINUTE);
          watermarkMinute = Math.floor(safe / MINUTE);
        } catch (error) {
          // Firing goes on; the watermark (with the sweep request before it) moves at a later read.
          deps.telemetry.log('error', 'could not move the watermark; will retry', { error: (error as Error).message });
        }
      }
    }
    const ready = [...pending.values()].filter((entry) => entry.wakeup.dueAt <= clock.now() && entry.notBefore <= clock.now());
    if (ready.length) {
      const failed = await wake(ready.map((entry) => entry.wakeup), deps, settings, options, report);
      for (const entry of ready) {
        const key = wakeupKey(entry.wakeup);
        if (failed.has(key)) entry.notBefore = clock.now() + options.pollMs;
        else {
          pending.delete(key);
          handled.add(key);
        }
      }
      continue;
    }
    const next = Math.min(ending ? Infinity : nextRead, ...[...pending.values()].map((entry) => Math.max(entry.wakeup.dueAt, entry.notBefore)));
    await clock.sleep(Math.max(0, next - clock.now()));
  }
  return report;
}

/** Wakes the detectors of due wake-ups (one evaluation each), deletes the wake-ups it handled, returns those it could not. */
async function wake(ready: Wakeup[], deps: SchedulerDeps, settings: EvaluationSettings, options: SchedulerOptions, report: SchedulerReport): Promise<Set<string>> {
  const byDetector = new Map<string, Wakeup[]>();
  for (const wakeup of ready) {
    const id = detectorId(wakeup.detector);
    byDetector.set(id, [...(byDetector.get(id) ?? []), wakeup]);
  }
  const outcome = await wakeDetectors([...byDetector.values()].map((wakeups) => wakeups[0].detector), deps, settings, options.concurrency);
  const failed = new Set<string>();
  const done: Wakeup[] = [];
  for (const [id, wakeups] of byDetector) {
    if (outcome.failed.has(id)) for (const wakeup of wakeups) failed.add(wakeupKey(wakeup));
    else done.push(...wakeups);
  }
  report.handled += done.length;
  report.fired += outcome.lateness.length;
  report.lateness.push(...outcome.lateness);
  if (done.length) {
    try {
      await deps.wakeups.remove(done);
    } catch (error) {
      // Harmless to leave them: a later read finds their timers no longer due, and removes them.
      deps.telemetry.log('warn', 'could not remove fired wake-ups; a later run will', { count: done.length, error: (error as Error).message });
    }
  }
  deps.telemetry.count('TimerWakeups', done.length);
  return failed;
}

/** Why the wake-ups cannot be trusted to hold every timer, or undefined when they can. */
function sweepNeeded(watermark: number | undefined, now: number, options: SchedulerOptions): string | undefined {
  if (watermark === undefined) return 'the scheduler has no watermark (its first run, or its state was lost)';
  if (watermark >= now - options.maxLookbackMs) return undefined;
  return `the scheduler's watermark (${new Date(watermark).toISOString()}) is older than the ${options.maxLookbackMs / 3_600_000} h it reads back`;
}

function wakeupKey(wakeup: Wakeup): string {
  return `${detectorId(wakeup.detector)}#${wakeup.timerName}#${wakeup.generation}#${wakeup.dueAt}`;
}
