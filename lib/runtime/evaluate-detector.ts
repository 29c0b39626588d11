import {
  IdWindow,
  getOwn,
  skippedTrace,
  step,
  updateDetector,
  type DetectorUpdate,
  type ActionEffect,
  type DetectorSnapshot,
  type EngineOptions,
  type EvaluationTrace,
  type SpilledIds,
  type Trigger,
} from '../engine';
import type { AlarmEngineOptions } from '../engine/alarm';
import { AppError } from '../errors';
import { admitMessage, keptIds } from './message-window';
import type { CompiledModel } from '../model';
import type { DetectorKey, StoredDetector, Wakeup } from '../ports';

/** Decides whether a message may be applied, given the last applied payload of its input. */
export type InputGuard = (inputName: string, previous: unknown, next: Record<string, unknown>) => string | undefined;

/**
 * One unit of work for a detector: a message (with its parsed payload), a timer wake-up, or a
 * BatchUpdateDetector entry (state, variables and timers set directly, no lifecycle run).
 */
export type DetectorWork =
  | {
      readonly kind: 'message';
      readonly messageId: string;
      readonly inputName: string;
      readonly payload: Record<string, unknown>;
      readonly raw: string;
      readonly timestamp?: number;
      /** It may have been applied before: check it against the spilled ids too. */
      readonly possibleRepeat?: boolean;
    }
  | { readonly kind: 'wake' }
  | { readonly kind: 'update'; readonly update: DetectorUpdate };

/** A BatchUpdateDetector entry for a detector that does not exist (it is never created by one). */
export class DetectorNotFoundError extends AppError {
  constructor(readonly key: DetectorKey) {
    super(`detector ${key.keyValue === undefined ? `of ${key.model} (no key value)` : `'${key.keyValue}' of detector model ${key.model}`} does not exist`);
  }
}

/** Settings that shape an evaluation besides the engine's own. */
export interface EvaluationSettings {
  readonly engine: EngineOptions;
  /** A message id seen again by the same detector within this window is ignored. */
  readonly duplicateWindowMs: number;
  /** Message ids a detector item holds before the oldest are spilled to the message-ids table. */
  readonly maxRecentIds: number;
  /** False keeps every id of the window in the item (no message-ids table, or it failed). */
  readonly spillIds?: boolean;
  readonly guard?: InputGuard;
  /** How alarm instances behave (snooze bounds, notifications without the acknowledge flow); the defaults when absent. */
  readonly alarms?: AlarmEngineOptions;
}

/**
 * The message ids a detector remembers, as {@link evaluateDetector} reads and updates them: an
 * {@link IdWindow} decoded from the detector item, or the ids a caller that keeps its detectors
 * in memory holds between evaluations (the simulator).
 */
export interface RecentIds {
  /** When `id` was last seen, epoch ms (whole seconds), or undefined. */
  seenAt(id: string): number | undefined;
  /** Whether `id` was remembered during this evaluation. */
  isFresh(id: string): boolean;
  /** Records that `id` was applied (or seen again) at `now`. */
  remember(id: string, now: number): void;
}

/** What one detector became after its work, and what must be written for it. */
export interface DetectorEvaluation {
  readonly snapshot: DetectorSnapshot | undefined;
  readonly recentIds: Uint8Array;
  /** Ids to write to the message-ids table before the detector (they leave the item). */
  readonly spill: SpilledIds | undefined;
  readonly spilledUntil: number | undefined;
  readonly effects: readonly ActionEffect[];
  readonly traces: readonly EvaluationTrace[];
  /** Wake-up records to write before the detector (new or moved wake-ups). */
  readonly wakeups: readonly Wakeup[];
  /** False when nothing needs writing. */
  readonly changed: boolean;
  readonly duplicates: number;
  /**
   * Ids of the messages it found already applied by an earlier, committed write (not merely
   * earlier in this work): it holds them whether or not this evaluation gets written.
   */
  readonly repeats: readonly string[];
  readonly skipped: number;
}

/**
 * Whether evaluating `work` on `stored` needs the ids spilled to the message-ids table: a message
 * that may be a repeat, not among the item's own ids, of a detector that spilled ids within the
 * window. Only then is the table read.
 */
export function needsSpilledIds(
  stored: Pick<StoredDetector, 'spilledUntil' | 'recentIds'> | undefined,
  work: readonly { readonly kind: string; readonly messageId?: string; readonly possibleRepeat?: boolean }[],
  now: number,
  settings: Pick<EvaluationSettings, 'duplicateWindowMs'>,
): boolean {
  const since = now - settings.duplicateWindowMs;
  if (!stored || stored.spilledUntil === undefined || stored.spilledUntil <= since) return false;
  const own = IdWindow.decode(stored.recentIds);
  return work.some((item) => item.kind === 'message' && item.possibleRepeat === true && !((own.seenAt(item.messageId as string) ?? -Infinity) > since));
}

/** One detector's share of work: which detector, the item as read (none yet: undefined), and what to apply. */
export interface DetectorJob {
  readonly model: CompiledModel;
  readonly key: DetectorKey;
  readonly stored: StoredDetector | undefined;
  readonly work: readonly DetectorWork[];
}

/** When and how a {@link DetectorJob} is evaluated. */
export interface EvaluationContext {
  /** Processing time, epoch ms. */
  readonly now: number;
  readonly settings: EvaluationSettings;
  /** The ids read from the message-ids table, when {@link needsSpilledIds} said so. */
  readonly spilled?: IdWindow;
  /**
   * The detector's ids from a caller that keeps them in memory between evaluations (the
   * simulator), updated in place, instead of decoding `stored.recentIds` and encoding them back:
   * `recentIds` then comes back as stored and nothing spills. Spares a decode and an encode of
   * every id of the window per evaluation (300 of them for a detector sent a message a second).
   */
  readonly ids?: RecentIds;
}

/**
 * Applies a detector's work in order (pure): duplicates of recently processed message ids are
 * skipped (against the item's ids, and the spilled ids the context carries), then messages the
 * input guard rejects (out-of-order lifecycle events), and everything else goes through `step`.
 * Run again on a fresh detector after a write conflict.
 */
export function evaluateDetector({ model, key, stored, work }: DetectorJob, { now, settings, spilled, ids }: EvaluationContext): DetectorEvaluation {
  let snapshot = stored?.snapshot;
  const window = ids ? undefined : IdWindow.decode(stored?.recentIds);
  const recent = ids ?? (window as IdWindow);
  const effects: ActionEffect[] = [];
  const traces: EvaluationTrace[] = [];
  let changed = false;
  let duplicates = 0;
  const repeats: string[] = [];
  let skipped = 0;
  for (const item of work) {
    if (item.kind === 'update') {
      // No trace, no actions: the state is set, not reached (decision A4).
      if (!snapshot) throw new DetectorNotFoundError(key);
      snapshot = updateDetector(model, snapshot, item.update, now, settings.engine);
      changed = true;
      continue;
    }
    let trigger: Trigger;
    if (item.kind === 'message') {
      trigger = { type: 'message', inputName: item.inputName, messageId: item.messageId, payload: item.payload, raw: item.raw, timestamp: item.timestamp };
      const seen = admitMessage(item, snapshot !== undefined, { recent, spilled, now, windowMs: settings.duplicateWindowMs });
      changed ||= seen.rewritten;
      if (snapshot && seen.repeat) {
        duplicates++;
        if (seen.committed) repeats.push(item.messageId);
        traces.push(skippedTrace(model, snapshot, trigger, now, `message ${item.messageId} was already processed by this detector within ${settings.duplicateWindowMs / 1000} s`));
        continue;
      }
      const reason = snapshot && settings.guard?.(item.inputName, getOwn(snapshot.inputs, item.inputName), item.payload);
      if (snapshot && reason) {
        skipped++;
        traces.push(skippedTrace(model, snapshot, trigger, now, reason));
        continue;
      }
    } else {
      trigger = { type: 'wake' };
    }
    const result = step(model, snapshot, trigger, now, settings.engine);
    snapshot = result.snapshot;
    changed ||= result.changed;
    effects.push(...result.effects);
    traces.push(...result.traces);
  }
  return {
    snapshot,
    ...keptIds(changed ? window : undefined, stored, now, settings),
    effects,
    traces,
    wakeups: snapshot ? newWakeups(key, stored?.snapshot, snapshot) : [],
    changed,
    duplicates,
    repeats,
    skipped,
  };
}

/** Wake-ups the new snapshot needs that the stored one did not have (new timers, earlier due times). */
function newWakeups(key: DetectorKey, before: DetectorSnapshot | undefined, after: DetectorSnapshot): Wakeup[] {
  const wakeups: Wakeup[] = [];
  for (const [timerName, timer] of Object.entries(after.timers)) {
    if (timer.wakeAt === undefined || (before && getOwn(before.timers, timerName)?.wakeAt === timer.wakeAt)) continue;
    wakeups.push({ detector: key, timerName, generation: timer.generation, dueAt: timer.wakeAt });
  }
  return wakeups;
}
