/** Where the scheduler keeps how far it has handled every wake-up. */
export interface SchedulerState {
  /** Every wake-up due before this time (epoch ms) has been handled; undefined before the first run. */
  watermark(): Promise<number | undefined>;
  /** Moves the watermark forward (never back). */
  advance(to: number): Promise<void>;
  /**
   * Asks for a sweep of the detectors that starts at or after `at` (epoch ms): wake-ups the
   * scheduler will not read (older than it looks back, or expired) may be gone, and the detectors
   * are the only record of their timers.
   */
  requestSweep(at: number, reason: string): Promise<void>;
}
