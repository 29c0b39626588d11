import { getOwn, type DetectorSnapshot } from '../engine';
import { DetectorTooLargeError, alarmKeyOf, detectorId, type AlarmKey, type AlarmStore, type DetectorKey, type ModelSource, type StoredDetector, type UnreadableDetectorError } from '../ports';
import { commitDetector, type CommitDeps } from './commit-detector';
import { mapConcurrent } from './concurrency';
import type { EvaluationSettings } from './evaluate-detector';
import { wakeAlarms } from './wake-alarms';

/** What waking detectors needs. */
export interface WakeDeps extends CommitDeps {
  readonly models: ModelSource;
  /** Alarm instances, whose snoozes end through the same wake-ups (`alarm:<model>` keys). */
  readonly alarms?: AlarmStore;
}

/** What waking a set of detectors did. */
export interface WakeOutcome {
  /** Ids ({@link detectorId}) of the detectors that could not be woken now: try them again later. */
  readonly failed: ReadonlySet<string>;
  /** One entry per timer fired: how late it fired, ms after its due time. */
  readonly lateness: readonly number[];
}

/**
 * Wakes detectors (one evaluation each) through the same load–step–conditional-write path as a
 * message: their due timers fire — at most once, however many schedulers or sweeps wake them at
 * the same time, since only one conditional write can consume a timer — and timers whose wake-up
 * has passed get a new one. A detector or model that no longer exists has nothing to do. Keys of
 * alarm instances (snooze wake-ups) go to {@link wakeAlarms}. Never throws: what could not be done
 * is in `failed`.
 */
export async function wakeDetectors(keys: readonly DetectorKey[], deps: WakeDeps, settings: EvaluationSettings, concurrency: number): Promise<WakeOutcome> {
  const alarmKeys: AlarmKey[] = [];
  const detectorKeys = keys.filter((key) => {
    const alarm = alarmKeyOf(key);
    if (alarm) alarmKeys.push(alarm);
    return !alarm;
  });
  const unique = [...new Map(detectorKeys.map((key) => [detectorId(key), key])).values()];
  const failed = new Set<string>();
  const lateness: number[] = [];
  let catalog;
  let stored: Map<string, StoredDetector>;
  try {
    catalog = await deps.models.catalog();
    // A stale read could show the timer not yet due: nothing would be written, and the wake-up
    // deleted, losing the timer. Strongly consistent reads cost twice the read capacity.
    // An item that cannot be read must not hold every other timer back: it is skipped, loudly. Its
    // repair (BatchUpdateDetector writes wake-ups for every timer it sets) or the next sweep brings
    // its timers back.
    const onUnreadable = (error: UnreadableDetectorError) => {
      deps.telemetry.log('error', 'timers skipped: the detector cannot be read', { detector: detectorId(error.key), error: error.message });
      deps.telemetry.count('TimersDropped');
    };
    stored = unique.length ? await deps.detectors.getMany(unique, { consistent: true, onUnreadable }) : new Map();
  } catch (error) {
    deps.telemetry.log('error', 'could not read the detectors to wake; will retry', { error: (error as Error).message });
    return { failed: new Set(keys.map(detectorId)), lateness };
  }
  const snoozes = wakeAlarms([...new Map(alarmKeys.map((key) => [detectorId(key), key])).values()], catalog, deps, settings, concurrency);
  const models = new Map(catalog.models.map((model) => [model.name, model]));
  await mapConcurrent(unique, concurrency, async (key) => {
    const id = detectorId(key);
    const model = models.get(key.model);
    const detector = stored.get(id);
    if (!model && catalog.unavailable?.has(key.model)) {
      deps.telemetry.log('error', 'detector model cannot be loaded; its timers wait for it', { detector: id, detectorModelName: key.model });
      failed.add(id);
      return;
    }
    if (!model || !detector) return;
    const result = await commitDetector({ model, key, stored: detector, work: [{ kind: 'wake' }] }, { settings, deps });
    if (!result.ok && result.error instanceof DetectorTooLargeError) {
      // It can never be written again (only BatchUpdateDetector or a delete can fix it): retrying
      // would hold the scheduler back for ever. Said loudly, then dropped (R12).
      const timers = waiting(detector.snapshot, deps.clock.now());
      deps.telemetry.log('error', 'timers dropped: the detector cannot be stored', { detector: id, timers, error: result.error.message });
      deps.telemetry.count('TimersDropped', timers.length);
      return;
    }
    if (!result.ok) {
      deps.telemetry.log('error', 'could not wake detector; will retry', { detector: id, error: result.error.message });
      failed.add(id);
      return;
    }
    for (const trace of result.evaluation.traces) {
      const due = trace.timerName === undefined ? undefined : getOwn(detector.snapshot.timers, trace.timerName)?.dueAt;
      if (due !== undefined) lateness.push(trace.time - due);
    }
  });
  if (lateness.length) deps.telemetry.count('TimersFired', lateness.length);
  const ended = await snoozes;
  return { failed: new Set([...failed, ...ended.failed]), lateness: [...lateness, ...ended.lateness] };
}

/** The timers a wake at `now` would have acted on: due, or with a wake-up that has passed. */
function waiting(snapshot: DetectorSnapshot, now: number): string[] {
  return Object.keys(snapshot.timers).filter((name) => {
    const timer = getOwn(snapshot.timers, name);
    return timer !== undefined && Math.min(timer.dueAt, timer.wakeAt ?? -Infinity) <= now;
  });
}
