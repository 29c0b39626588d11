import type { KeptIds } from './kept-ids';

const NO_IDS = new Uint8Array(0);

/**
 * One detector or alarm instance of a replay, kept in memory: what its store holds (so it is
 * handed to `evaluateDetector` or `evaluateAlarm` as it is, and updated in place), and the
 * simulator's bookkeeping.
 */
export class KeptInstance<M, K, S> {
  version = 1;
  /** Unused: its ids are {@link ids}, kept between evaluations. */
  readonly recentIds = NO_IDS;

  constructor(
    /** Creation order: timers and snoozes due at the same time fire in this order. */
    readonly rank: number,
    readonly model: M,
    readonly key: K,
    public snapshot: S,
    readonly ids: KeptIds,
  ) {}
}
