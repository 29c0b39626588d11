import { DetectorUpdateError, type DetectorSnapshot, type DetectorUpdate } from '../../engine';
import type { CompiledModel } from '../../model';
import type { DetectorKey } from '../../ports';
import { commitDetector, type ConflictPolicy } from '../../runtime/commit-detector';
import { DetectorNotFoundError } from '../../runtime/evaluate-detector';
import type { DataApiDeps } from './deps';

/** The outcome of one detector update: done, or why not (never thrown, so a batch goes on). */
export type UpdateOutcome =
  | { readonly ok: true; readonly snapshot: DetectorSnapshot }
  | { readonly ok: false; readonly code: 'ResourceNotFoundException' | 'InvalidRequestException'; readonly message: string };

/**
 * Writes a BatchUpdateDetector entry exactly the way messages are written (`commitDetector`): read,
 * apply (pure), write the timers' wake-ups, then a conditional put on the version read, starting
 * again from the current detector when another writer got there first.
 *
 * @throws the store's errors, and StaleDetectorError after `policy.maxAttempts`.
 */
export async function commitUpdate(
  model: CompiledModel,
  key: DetectorKey,
  update: DetectorUpdate,
  deps: Pick<DataApiDeps, 'detectors' | 'wakeups' | 'clock' | 'telemetry' | 'settings' | 'random'>,
  policy: ConflictPolicy | undefined = deps.settings.conflicts,
): Promise<UpdateOutcome> {
  const current = await deps.detectors.get(key);
  const result = await commitDetector({ model, key, stored: current, work: [{ kind: 'update', update }] }, { settings: deps.settings, deps, policy });
  if (result.ok) return { ok: true, snapshot: result.evaluation.snapshot as DetectorSnapshot };
  const { error } = result;
  if (error instanceof DetectorNotFoundError) return { ok: false, code: 'ResourceNotFoundException', message: error.message };
  if (error instanceof DetectorUpdateError) return { ok: false, code: 'InvalidRequestException', message: `${error.field}: ${error.message}` };
  throw error;
}
