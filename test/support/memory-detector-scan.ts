import { fnv1a32 } from '../../lib/hash';
import { detectorId, type DetectorScan, type DetectorScanPage } from '../../lib/ports';
import { Faults } from './faults';
import type { MemoryDetectorStore } from './memory-detector-store';

/**
 * A {@link DetectorScan} over a {@link MemoryDetectorStore}, as DynamoDB's parallel Scan behaves:
 * each detector belongs to one segment (by hash), a segment is read in key order from the position
 * after its last page, and a page costs `readUnitsPerDetector` for every detector read.
 */
export class MemoryDetectorScan implements DetectorScan {
  readonly calls: { segment: number; position: string | undefined }[] = [];
  readonly faults = new Faults<'timers'>();
  /** Runs after each page is read: a test's clock moves here, as a real page takes time. */
  afterPage: (() => void) | undefined;
  /** Detectors whose stored state a test declares corrupt. */
  readonly corrupt = new Set<string>();

  constructor(
    private readonly store: MemoryDetectorStore,
    private readonly readUnitsPerDetector = 0.5,
  ) {}

  async timers(segment: number, segments: number, position: string | undefined, limit: number): Promise<DetectorScanPage> {
    this.calls.push({ segment, position });
    this.faults.check('timers');
    const ids = [...this.store.items.keys()].filter((id) => fnv1a32(id) % segments === segment && (position === undefined || id > position)).sort();
    const read = ids.slice(0, limit);
    const found = read.map((id) => this.store.items.get(id)!);
    this.afterPage?.();
    return {
      detectors: found.filter((detector) => !this.corrupt.has(detectorId(detector.key)) && Object.keys(detector.snapshot.timers).length).map(({ key, snapshot }) => ({ key, timers: snapshot.timers })),
      unreadable: found.filter((detector) => this.corrupt.has(detectorId(detector.key))).map(({ key }) => ({ key, error: 'Unexpected end of JSON input' })),
      next: read.length === limit && ids.length > limit ? read[read.length - 1] : undefined,
      scanned: read.length,
      readUnits: read.length * this.readUnitsPerDetector,
    };
  }
}
