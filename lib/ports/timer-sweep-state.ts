/** A sweep of the detectors that is under way: where each of its segments has got to. */
export interface SweepRun {
  /** When it started (epoch ms); names the run in every update. */
  readonly startedAt: number;
  readonly reason: string;
  readonly segments: number;
  /** Per segment: undefined (not started), a resume position, or `'done'`. */
  readonly positions: readonly (string | undefined)[];
  /** Until when (epoch ms) an invocation holds the run; another may take it over after. */
  readonly leaseUntil: number;
}

/** What a sweep, or an invocation's share of it, found and did. */
export interface SweepCounts {
  /** Detectors read. */
  readonly scanned: number;
  /** Detectors holding an overdue timer, or one whose wake-up may be gone. */
  readonly overdue: number;
  /** Timers fired. */
  readonly fired: number;
  /** Overdue detectors that could not be woken (retried by the next sweep). */
  readonly failed: number;
  /** Read capacity consumed by the scan. */
  readonly readUnits: number;
}

/** Everything known about timer sweeps. */
export interface SweepStatus {
  /** The latest request for a recovery sweep (epoch ms), and why. */
  readonly requestedAt?: number;
  readonly requestReason?: string;
  /** When the last completed sweep started and ended, and how many detectors it could not wake. */
  readonly lastStartedAt?: number;
  readonly lastCompletedAt?: number;
  readonly lastFailed?: number;
  readonly run?: SweepRun;
}

/**
 * Where sweeps keep their progress, so a sweep longer than one invocation resumes where the last
 * one stopped, and two invocations never work on one sweep at once.
 */
export interface TimerSweepState {
  status(): Promise<SweepStatus>;
  /** Starts a run, held until `leaseUntil`. False when a run already exists (another started it). */
  start(run: { readonly startedAt: number; readonly reason: string; readonly segments: number }, leaseUntil: number): Promise<boolean>;
  /** Takes over run `startedAt` until `leaseUntil`. False unless its lease had expired at `now`. */
  claim(startedAt: number, now: number, leaseUntil: number): Promise<boolean>;
  /** Saves a segment's position (or `'done'`) and adds a page's counts. False when run `startedAt` is gone. */
  progress(startedAt: number, segment: number, position: string, counts: SweepCounts): Promise<boolean>;
  /** Gives up the lease held until `heldUntil` at `now`, so the next invocation continues at once. */
  release(startedAt: number, heldUntil: number, now: number): Promise<void>;
  /** Ends run `startedAt` at `now`; returns its totals, or undefined when it was already ended. */
  finish(startedAt: number, now: number): Promise<SweepCounts | undefined>;
}
