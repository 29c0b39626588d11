import { DetectorUpdateError, updateDetector, type DetectorSnapshot, type DetectorUpdate } from '../../engine';
import type { CompiledModel } from '../../model';
import { StaleDetectorError, type DetectorKey, type Wakeup } from '../../ports';
import { DEFAULT_CONFLICT_POLICY, type ConflictPolicy } from '../../runtime/commit-detector';
import type { DataApiDeps } from './deps';

/** The outcome of one detector update: done, or why not (never thrown, so a batch goes on). */
export type UpdateOutcome =
  | { readonly ok: true; readonly snapshot: DetectorSnapshot }
  | { readonly ok: false; readonly code: 'ResourceNotFoundException' | 'InvalidRequestException'; readonly message: string };

/**
 * Writes a BatchUpdateDetector entry the way messages are written: read, apply (pure), write the
 * timers' wake-ups, then a conditional put on the version read, starting again from the current
 * detector when another writer got there first. Wake-ups go first for the reason
 * `commitDetector` gives: an orphan wake-up is harmless, a missing one loses a timer.
 *
 * @throws the store's errors (other than conflicts), and StaleDetectorError after `policy.maxAttempts`.
 */
export async function commitUpdate(
  model: CompiledModel,
  key: DetectorKey,
  update: DetectorUpdate,
  deps: Pick<DataApiDeps, 'detectors' | 'wakeups' | 'clock' | 'telemetry' | 'settings' | 'random'>,
  policy: ConflictPolicy = deps.settings.conflicts ?? DEFAULT_CONFLICT_POLICY,
): Promise<UpdateOutcome> {
  let current = await deps.detectors.get(key);
  for (let attempt = 1; ; attempt++) {
    if (!current) return { ok: false, code: 'ResourceNotFoundException', message: `detector ${describeKey(key)} does not exist` };
    const now = deps.clock.now();
    let snapshot: DetectorSnapshot;
    try {
      snapshot = updateDetector(model, current.snapshot, update, now, deps.settings.engine);
    } catch (error) {
      if (error instanceof DetectorUpdateError) return { ok: false, code: 'InvalidRequestException', message: `${error.field}: ${error.message}` };
      throw error;
    }
    try {
      const wakeups = timerWakeups(key, snapshot);
      if (wakeups.length) await deps.wakeups.schedule(wakeups);
      // No actions run, so no outbox; the recent message ids and trace numbering carry over.
      await deps.detectors.put({ key, expectedVersion: current.version, snapshot, recentIds: current.recentIds, traceCount: current.traceCount, effects: [] });
      return { ok: true, snapshot };
    } catch (error) {
      if (!(error instanceof StaleDetectorError) || attempt >= policy.maxAttempts) throw error;
      deps.telemetry.count('WriteConflicts');
      current = error.current ?? (await deps.detectors.get(key));
      const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      await deps.clock.sleep(Math.floor((deps.random ?? Math.random)() * ceiling));
    }
  }
}

/** Every timer of an updated detector is new, so every one needs a wake-up at its due time. */
function timerWakeups(key: DetectorKey, snapshot: DetectorSnapshot): Wakeup[] {
  return Object.entries(snapshot.timers).map(([timerName, timer]) => ({ detector: key, timerName, generation: timer.generation, dueAt: timer.dueAt }));
}

function describeKey(key: DetectorKey): string {
  return key.keyValue === undefined ? `${key.model} (no key value)` : `'${key.keyValue}' of detector model ${key.model}`;
}
