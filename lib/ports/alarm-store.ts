import type { AlarmEffect, AlarmSnapshot } from '../engine/alarm';
import { AppError } from '../errors';
import { detectorId, type DetectorKey, type Page } from './detector-store';

/** Which alarm instance: an alarm model and a key value (undefined for a model without `key`). */
export interface AlarmKey {
  readonly model: string;
  readonly keyValue: string | undefined;
}

/**
 * The prefix that puts alarm instances in a key space of their own in the detectors table, the
 * wake-ups and the message ids. Model names match `^[a-zA-Z0-9_-]+$` (detector and alarm models
 * alike), so `alarm:<model>` can never be a detector model's name: an alarm instance's storage id
 * `alarm:<model>|<key>` never meets a detector's `<model>|<key>`, even when an alarm model and a
 * detector model share a name.
 */
export const ALARM_PREFIX = 'alarm:';

/** The alarm instance as the stores keyed by detector see it (wake-ups, message ids, the table's `pk`). */
export function alarmStorageKey(key: AlarmKey): DetectorKey {
  return { model: `${ALARM_PREFIX}${key.model}`, keyValue: key.keyValue };
}

/** The one string that identifies an alarm instance in maps and in storage: `alarm:<model>|<keyValue>`. */
export function alarmId(key: AlarmKey): string {
  return detectorId(alarmStorageKey(key));
}

/** The alarm instance a storage key names, or undefined when it names a detector. */
export function alarmKeyOf(key: DetectorKey): AlarmKey | undefined {
  return key.model.startsWith(ALARM_PREFIX) ? { model: key.model.slice(ALARM_PREFIX.length), keyValue: key.keyValue } : undefined;
}

/** An alarm instance as stored: its snapshot, the ids of the messages it applied lately, and a version. */
export interface StoredAlarm {
  readonly key: AlarmKey;
  /** Incremented by every write; a write must name the version it read. */
  readonly version: number;
  readonly snapshot: AlarmSnapshot;
  /** The newest message ids it applied (`IdWindow` binary form), to ignore redeliveries. */
  readonly recentIds: Uint8Array;
  /** Until when (epoch ms) the message-ids table holds ids spilled from this instance. */
  readonly spilledUntil?: number;
}

/** One alarm write: the new state and the actions it produced (the outbox), committed together. */
export interface AlarmWrite {
  readonly key: AlarmKey;
  /** The version read, or undefined when the instance must not exist yet. */
  readonly expectedVersion: number | undefined;
  readonly snapshot: AlarmSnapshot;
  readonly recentIds: Uint8Array;
  readonly spilledUntil?: number;
  /** Actions and notifications to perform after this commit (dispatched from the table's stream). */
  readonly effects: readonly AlarmEffect[];
  /** The role of the model version that produced `effects` (they run with it); stored only with them. */
  readonly roleArn?: string;
}

/** An alarm summary, as ListAlarms returns it (times epoch ms). */
export interface AlarmSummary {
  readonly key: AlarmKey;
  readonly modelVersion: string;
  readonly stateName: string;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

/** Another writer changed the instance since it was read (or created it first); `current` is it now, when known. */
export class StaleAlarmError extends AppError {
  constructor(
    readonly key: AlarmKey,
    readonly current: StoredAlarm | undefined,
    options?: ErrorOptions,
  ) {
    super(`alarm ${alarmId(key)} was changed by another writer`, options);
  }
}

/** A stored alarm instance that cannot be read back: no retry can help, and it must not be overwritten. */
export class UnreadableAlarmError extends AppError {
  constructor(
    readonly key: AlarmKey,
    options?: ErrorOptions,
  ) {
    super(`alarm ${alarmId(key)} is stored in a form that cannot be read (${(options?.cause as Error | undefined)?.message ?? 'unknown'}); it is left as it is`, options);
  }
}

/**
 * Where alarm instances live: the detectors table, its stream and its list index, in the
 * {@link ALARM_PREFIX} key space. Every write is conditional on the version read: no lost update.
 */
export interface AlarmStore {
  /**
   * Loads many instances (missing ones are absent), keyed by {@link alarmId}. An item that cannot be
   * read goes to `onUnreadable` and is left out (without it, it fails the call).
   */
  getMany(keys: readonly AlarmKey[], options?: { readonly consistent?: boolean; readonly onUnreadable?: (error: UnreadableAlarmError) => void }): Promise<Map<string, StoredAlarm>>;
  /** Loads one instance with a strongly consistent read. @throws UnreadableAlarmError */
  get(key: AlarmKey): Promise<StoredAlarm | undefined>;
  /** Writes an instance if it is still at `expectedVersion`. @throws StaleAlarmError otherwise. */
  put(write: AlarmWrite): Promise<void>;
  /** Lists a model's instances (AWS's ListAlarms: no state filter). */
  list(model: string, options: { readonly limit: number; readonly nextToken?: string }): Promise<Page<AlarmSummary>>;
  /**
   * Deletes every instance of a model; returns the snooze due times (epoch ms) the deleted
   * instances were waiting for, by key, so their wake-ups can go too. Idempotent.
   */
  deleteModel(model: string): Promise<{ readonly key: AlarmKey; readonly snoozeDueAt: number | undefined }[]>;
}
