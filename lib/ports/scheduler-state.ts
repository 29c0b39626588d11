/** Where the scheduler keeps how far it has handled every wake-up. */
export interface SchedulerState {
  /** Every wake-up due before this time (epoch ms) has been handled; undefined before the first run. */
  watermark(): Promise<number | undefined>;
  /** Moves the watermark forward (never back). */
  advance(to: number): Promise<void>;
}
