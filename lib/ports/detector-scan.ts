import type { TimerState } from '../engine';
import type { DetectorKey } from './detector-store';

/** A detector's running timers, as a scan of the detector store found them. */
export interface DetectorTimers {
  readonly key: DetectorKey;
  readonly timers: Readonly<Record<string, TimerState>>;
}

/** One page of a scan over the detectors that hold timers. */
export interface DetectorScanPage {
  /** Detectors of this page that hold at least one running timer. */
  readonly detectors: readonly DetectorTimers[];
  /** Detectors whose stored state cannot be read: reported, never allowed to stop the scan. */
  readonly unreadable: readonly { readonly key: DetectorKey; readonly error: string }[];
  /** Where the next page of this segment starts; undefined when the segment is finished. */
  readonly next: string | undefined;
  /** Detectors the store read for this page, timers or not. */
  readonly scanned: number;
  /** Read capacity the page consumed (0 when the store does not report it). */
  readonly readUnits: number;
}

/**
 * A full read of the detector store, split into segments that can be read in parallel and
 * resumed from an opaque position — the timers' recovery path when their wake-up records are gone.
 */
export interface DetectorScan {
  /**
   * One page of segment `segment` (0-based) of `segments`, starting at `position` (undefined: the
   * segment's start), at most `limit` detectors read.
   */
  timers(segment: number, segments: number, position: string | undefined, limit: number): Promise<DetectorScanPage>;
}
