import { IdWindow, type SpilledIds } from '../engine';
import {
  DEFAULT_ALARM_OPTIONS, transitionAlarm, type AlarmEffect, type AlarmRefusal, type AlarmSnapshot, type AlarmStateChange, type AlarmTrigger, type OperatorAction,
} from '../engine/alarm';
import type { CompiledAlarmModel } from '../model';
import { alarmStorageKey, type AlarmKey, type StoredAlarm, type Wakeup } from '../ports';
import type { DetectorWork, EvaluationContext } from './evaluate-detector';
import { admitMessage, keptIds } from './message-window';

/** The timer name of a snooze's wake-up (an alarm has no other timer). */
export const SNOOZE_TIMER = 'snooze';

/**
 * One unit of work for an alarm instance: a message (the same work a detector gets from it), an
 * operator request of the data API, or a wake-up from the scheduler.
 */
export type AlarmWork = Extract<DetectorWork, { kind: 'message' }> | { readonly kind: 'operator'; readonly action: OperatorAction } | { readonly kind: 'wake' };

/** One alarm instance's share of work: which instance, the item as read (none yet: undefined), what to apply. */
export interface AlarmJob {
  readonly model: CompiledAlarmModel;
  readonly key: AlarmKey;
  readonly stored: StoredAlarm | undefined;
  readonly work: readonly AlarmWork[];
}

/** What one alarm instance became after its work, and what must be written for it. */
export interface AlarmEvaluation {
  readonly snapshot: AlarmSnapshot | undefined;
  readonly recentIds: Uint8Array;
  /** Ids to write to the message-ids table before the instance (they leave the item). */
  readonly spill: SpilledIds | undefined;
  readonly spilledUntil: number | undefined;
  readonly effects: readonly AlarmEffect[];
  /** The snooze wake-up to write before the instance, when this work started or moved a snooze. */
  readonly wakeups: readonly Wakeup[];
  /** False when nothing needs writing. */
  readonly changed: boolean;
  /** State changes made (each performs the model's actions). */
  readonly stateChanges: number;
  /** Those changes, in order. */
  readonly changes: readonly AlarmStateChange[];
  readonly duplicates: number;
  /** Ids of messages an earlier, committed write already applied (see `DetectorEvaluation.repeats`). */
  readonly repeats: readonly string[];
  /** Operator requests refused (wrong state, no such instance, bad duration), by request id. */
  readonly refusals: ReadonlyMap<string, AlarmRefusal>;
  /** Why a rule could not be evaluated or an action not resolved. */
  readonly diagnostics: readonly string[];
}

/**
 * Applies an alarm instance's work in order (pure), through the alarm engine's `transitionAlarm`
 * (which also adopts an instance of an older model version): messages recently applied are
 * skipped as detectors skip them (the instance's ids, and the spilled ids passed in), operator
 * requests the state does not accept are refused one by one while the others apply, and a
 * wake-up ends a snooze that is due. Run again on a fresh instance after a write conflict. A caller
 * that keeps its instances in memory (the simulator) passes their ids as `ids`, as it does to
 * `evaluateDetector`.
 */
export function evaluateAlarm({ model, key, stored, work }: AlarmJob, { now, settings, spilled, ids }: EvaluationContext): AlarmEvaluation {
  const options = settings.alarms ?? DEFAULT_ALARM_OPTIONS;
  const window = ids ? undefined : IdWindow.decode(stored?.recentIds);
  const recent = ids ?? (window as IdWindow);
  let snapshot = stored?.snapshot;
  let changed = false;
  const changes: AlarmStateChange[] = [];
  let duplicates = 0;
  let wakeAt: number | undefined;
  const effects: AlarmEffect[] = [];
  const repeats: string[] = [];
  const refusals = new Map<string, AlarmRefusal>();
  const diagnostics: string[] = [];
  for (const item of work) {
    let trigger: AlarmTrigger;
    if (item.kind === 'message') {
      const seen = admitMessage(item, snapshot !== undefined, { recent, spilled, now, windowMs: settings.duplicateWindowMs });
      changed ||= seen.rewritten;
      if (seen.repeat) {
        duplicates++;
        if (seen.committed) repeats.push(item.messageId);
        continue;
      }
      trigger = { type: 'message', inputName: item.inputName, messageId: item.messageId, payload: item.payload, timestamp: item.timestamp };
    } else if (item.kind === 'operator') {
      trigger = item.action;
    } else {
      trigger = { type: 'wake' };
    }
    const result = transitionAlarm(model, snapshot, trigger, now, options);
    if (result.refused) {
      if (item.kind === 'operator') refusals.set(item.action.requestId, result);
      else diagnostics.push(result.message);
      continue;
    }
    snapshot = result.snapshot;
    changed ||= result.changed;
    changes.push(...result.stateChanges);
    effects.push(...result.effects);
    diagnostics.push(...result.diagnostics.map((diagnostic) => `${diagnostic.path}: ${diagnostic.message}`));
    if (result.wakeAt !== undefined) wakeAt = result.wakeAt;
  }
  // Only the snooze still pending needs a wake-up: one started and then ended by this work needs none.
  const pending = wakeAt !== undefined && snapshot?.snoozeDueAt === wakeAt;
  return {
    snapshot,
    ...keptIds(changed ? window : undefined, stored, now, settings),
    effects,
    wakeups: pending ? [snoozeWakeup(key, wakeAt as number)] : [],
    changed: changed && snapshot !== undefined,
    stateChanges: changes.length,
    changes,
    duplicates,
    repeats,
    refusals,
    diagnostics,
  };
}

/**
 * The wake-up that ends an instance's snooze at `dueAt`. Its generation is always 0: the instance
 * holds the due time, so a wake-up left by an earlier snooze finds nothing due and changes nothing,
 * and the pending one is known from the instance alone (DeleteAlarmModel removes it).
 */
export function snoozeWakeup(key: AlarmKey, dueAt: number): Wakeup {
  return { detector: alarmStorageKey(key), timerName: SNOOZE_TIMER, generation: 0, dueAt };
}
