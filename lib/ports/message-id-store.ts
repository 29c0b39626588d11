import type { DetectorKey } from './detector-store';

/** Message ids spilled from a detector item (`IdWindow` binary form), and the latest time among them. */
export interface SpilledIdsWrite {
  readonly key: DetectorKey;
  readonly ids: Uint8Array;
  /** Epoch ms. */
  readonly newest: number;
}

/**
 * Where message ids a detector applied stay for the duplicate window once its item no longer has
 * room for them. Written before the detector item that drops them, read only for messages that
 * may be repeats.
 */
export interface MessageIdStore {
  /** Keeps each detector's spilled ids (idempotent: writing one again changes nothing). */
  spill(entries: readonly SpilledIdsWrite[]): Promise<void>;
  /** The spilled records of a detector whose newest id is later than `since` (epoch ms). */
  read(key: DetectorKey, since: number): Promise<Uint8Array[]>;
}
