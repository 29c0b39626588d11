import type { DetectorKey } from './detector-store';

/** "Look at this detector at `dueAt`": the record that makes a timer fire. */
export interface Wakeup {
  readonly detector: DetectorKey;
  readonly timerName: string;
  /** The timer generation the record was written for (for tracing stale wake-ups). */
  readonly generation: number;
  /** Epoch ms. */
  readonly dueAt: number;
}

/**
 * The due-index of timers. The detector is the source of truth; a wake-up only says when to look,
 * so a stale or duplicate wake-up is harmless.
 */
export interface WakeupStore {
  /** Records wake-ups (idempotent). */
  schedule(wakeups: readonly Wakeup[]): Promise<void>;
  /** Wake-ups due at or before `until`, from `since` on, earliest first. */
  due(since: number, until: number): Promise<Wakeup[]>;
  /** Forgets wake-ups that were handled. */
  remove(wakeups: readonly Wakeup[]): Promise<void>;
}
