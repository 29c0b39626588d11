import type { ActionEffect, DetectorSnapshot } from '../engine';
import { AppError } from '../errors';

/** Which detector: a model and a key value (undefined for a singleton model). */
export interface DetectorKey {
  readonly model: string;
  readonly keyValue: string | undefined;
}

/** The one string that identifies a detector in maps and in storage: `<model>|<keyValue>`. */
export function detectorId(key: DetectorKey): string {
  // Model names and key values can never contain '|' (AWS name and key patterns).
  return `${key.model}|${key.keyValue ?? ''}`;
}

/** A detector as stored: its snapshot, the ids of the messages it processed lately, and a version. */
export interface StoredDetector {
  readonly key: DetectorKey;
  /** Incremented by every write; a write must name the version it read. */
  readonly version: number;
  readonly snapshot: DetectorSnapshot;
  /** The newest message ids it applied (`IdWindow` binary form), to ignore redeliveries. */
  readonly recentIds: Uint8Array;
  /** Until when (epoch ms) the message-ids table holds ids spilled from this detector; absent: never spilled. */
  readonly spilledUntil?: number;
  /** The trace page holding its latest traces (absent: none, or written by an earlier release). */
  readonly traceRef?: string;
}

/** One detector write: the new state and the actions it produced (the outbox), committed together. */
export interface DetectorWrite {
  readonly key: DetectorKey;
  /** The version read, or undefined when the detector must not exist yet. */
  readonly expectedVersion: number | undefined;
  readonly snapshot: DetectorSnapshot;
  readonly recentIds: Uint8Array;
  readonly spilledUntil?: number;
  readonly traceRef?: string;
  /** Actions to perform after this commit (dispatched from the store's change stream). */
  readonly effects: readonly ActionEffect[];
}

/** A detector summary, as ListDetectors returns it. */
export interface DetectorSummary {
  readonly key: DetectorKey;
  readonly modelVersion: string;
  readonly stateName: string;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
}

/** A page of results and the token for the next one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken: string | undefined;
}

/**
 * Another writer changed the detector since it was read (or created it first). `current` is the
 * detector as it is now, when the store returned it with the failure, so the caller can re-step
 * without another read.
 */
export class StaleDetectorError extends AppError {
  constructor(
    readonly key: DetectorKey,
    readonly current: StoredDetector | undefined,
    options?: ErrorOptions,
  ) {
    super(`detector ${detectorId(key)} was changed by another writer`, options);
  }
}

/**
 * The detector's new record is larger than the store can hold (DynamoDB: 400 KB per item): its
 * retained inputs, variables and pending actions together. Retrying cannot help, so the messages
 * are rejected (dead-lettered with this reason) rather than retried.
 */
export class DetectorTooLargeError extends AppError {
  constructor(
    readonly key: DetectorKey,
    options?: ErrorOptions,
  ) {
    super(`detector ${detectorId(key)} would exceed the 400 KB a stored detector may hold (its retained inputs, variables and pending actions together)`, options);
  }
}

/** A paging `nextToken` that the store did not issue (a bad request, not a failure). */
export class InvalidTokenError extends AppError {
  constructor(token: string, options?: ErrorOptions) {
    super(`nextToken '${token.slice(0, 40)}' is not valid`, options);
  }
}

/** How {@link DetectorStore.getMany} reads. */
export interface GetManyOptions {
  readonly consistent?: boolean;
  /**
   * Receives each detector whose item exists but cannot be read (a corrupt or foreign record),
   * which is then left out of the result; without it, such an item fails the whole call.
   */
  readonly onUnreadable?: (error: UnreadableDetectorError) => void;
}

/** A stored detector that cannot be read back: no retry can help, and it must not be overwritten. */
export class UnreadableDetectorError extends AppError {
  constructor(
    readonly key: DetectorKey,
    options?: ErrorOptions,
  ) {
    super(`detector ${detectorId(key)} is stored in a form that cannot be read (${(options?.cause as Error | undefined)?.message ?? 'unknown'}); it is left as it is`, options);
  }
}

/** Where detectors live. Every write is conditional: no lost update, ever. */
export interface DetectorStore {
  /**
   * Loads many detectors (missing ones are absent from the map), keyed by {@link detectorId}.
   * Eventually consistent unless `consistent`: a stale read costs a write conflict, never a lost
   * update — except where no write follows (a timer found not yet due), hence the option.
   */
  getMany(keys: readonly DetectorKey[], options?: GetManyOptions): Promise<Map<string, StoredDetector>>;
  /** Loads one detector with a strongly consistent read. */
  get(key: DetectorKey): Promise<StoredDetector | undefined>;
  /** Writes a detector if it is still at `expectedVersion`. @throws StaleDetectorError otherwise. */
  put(write: DetectorWrite): Promise<void>;
  /** Deletes a detector; false when it did not exist. */
  delete(key: DetectorKey): Promise<boolean>;
  /** Lists a model's detectors, optionally only those in `stateName`. */
  list(model: string, options: { stateName?: string; limit: number; nextToken?: string }): Promise<Page<DetectorSummary>>;
}
