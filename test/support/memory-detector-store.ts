import type { ActionEffect } from '../../lib/engine';
import { InvalidTokenError, StaleDetectorError, UnreadableDetectorError, detectorId, type DetectorKey, type GetManyOptions, type DetectorStore, type DetectorSummary, type DetectorWrite, type Page, type StoredDetector } from '../../lib/ports';
import { Faults } from './faults';

/** The operations of {@link MemoryDetectorStore} a test can make fail. */
export type DetectorStoreOperation = 'getMany' | 'get' | 'put' | 'delete' | 'list';

/**
 * A {@link DetectorStore} in memory with the semantics of the DynamoDB one: versioned conditional
 * puts that fail with {@link StaleDetectorError} carrying the current detector (as `ALL_OLD` does).
 * It records every call, in the shared `journal` too, so tests can check order across stores.
 */
export class MemoryDetectorStore implements DetectorStore {
  readonly detectors = new Map<string, StoredDetector>();
  /** The actions of every successful write, in commit order (what the change stream would carry). */
  readonly outboxes: { key: DetectorKey; effects: readonly ActionEffect[] }[] = [];
  readonly calls = { getMany: [] as DetectorKey[][], get: [] as DetectorKey[], put: [] as DetectorWrite[] };
  readonly faults = new Faults<DetectorStoreOperation>();
  /** False makes a conflict carry no `current`, as when DynamoDB returns no old item. */
  returnCurrentOnConflict = true;
  /** Ids of detectors stored in a form that cannot be read back (a corrupt item). */
  readonly unreadable = new Set<string>();
  /** Runs before a put is checked: a test's "other writer" changes the detector here. */
  beforePut: ((write: DetectorWrite, store: MemoryDetectorStore) => void) | undefined;

  constructor(private readonly journal: string[] = []) {}

  /** The stored detectors by id: what a table scan would show. */
  get items(): ReadonlyMap<string, StoredDetector> {
    return this.detectors;
  }

  /** Stores a detector directly, as another container would have (version 1 unless given). */
  seed(detector: Omit<StoredDetector, 'version' | 'recentIds'> & Partial<StoredDetector>): StoredDetector {
    const stored: StoredDetector = { version: 1, recentIds: new Uint8Array(0), ...detector };
    this.detectors.set(detectorId(stored.key), stored);
    return stored;
  }

  async getMany(keys: readonly DetectorKey[], options: GetManyOptions = {}): Promise<Map<string, StoredDetector>> {
    this.journal.push(options.consistent ? 'detectors.getMany(consistent)' : 'detectors.getMany');
    this.calls.getMany.push([...keys]);
    this.faults.check('getMany');
    const found = new Map<string, StoredDetector>();
    for (const key of keys) {
      if (this.unreadable.has(detectorId(key))) {
        const error = new UnreadableDetectorError(key, { cause: new SyntaxError('corrupt snapshot') });
        if (!options.onUnreadable) throw error;
        options.onUnreadable(error);
        continue;
      }
      const detector = this.detectors.get(detectorId(key));
      if (detector) found.set(detectorId(key), detector);
    }
    return found;
  }

  async get(key: DetectorKey): Promise<StoredDetector | undefined> {
    this.journal.push('detectors.get');
    this.calls.get.push(key);
    this.faults.check('get');
    return this.detectors.get(detectorId(key));
  }

  async put(write: DetectorWrite): Promise<void> {
    this.journal.push('detectors.put');
    this.calls.put.push(write);
    this.faults.check('put');
    this.beforePut?.(write, this);
    const id = detectorId(write.key);
    const existing = this.detectors.get(id);
    const matches = write.expectedVersion === undefined ? existing === undefined : existing?.version === write.expectedVersion;
    if (!matches) throw new StaleDetectorError(write.key, this.returnCurrentOnConflict ? existing : undefined);
    this.detectors.set(id, { key: write.key, version: (write.expectedVersion ?? 0) + 1, snapshot: write.snapshot, recentIds: write.recentIds, ...(write.spilledUntil === undefined ? {} : { spilledUntil: write.spilledUntil }), ...(write.traceRef === undefined ? {} : { traceRef: write.traceRef }) });
    if (write.effects.length) this.outboxes.push({ key: write.key, effects: write.effects });
  }

  async delete(key: DetectorKey): Promise<boolean> {
    this.faults.check('delete');
    return this.detectors.delete(detectorId(key));
  }

  async list(model: string, options: { stateName?: string; limit: number; nextToken?: string }): Promise<Page<DetectorSummary>> {
    this.faults.check('list');
    // Tokens are positions here; anything else is refused as the DynamoDB store refuses a token it did not issue.
    const start = options.nextToken === undefined ? 0 : Number(options.nextToken);
    if (!Number.isInteger(start) || start < 0) throw new InvalidTokenError(options.nextToken as string);
    const all = [...this.detectors.values()]
      .filter((detector) => detector.key.model === model && (options.stateName === undefined || detector.snapshot.stateName === options.stateName))
      .sort((a, b) => detectorId(a.key).localeCompare(detectorId(b.key)));
    const items = all.slice(start, start + options.limit).map(({ key, snapshot }) => ({
      key,
      modelVersion: snapshot.detectorModelVersion,
      stateName: snapshot.stateName,
      creationTime: snapshot.creationTime,
      lastUpdateTime: snapshot.lastUpdateTime,
    }));
    return { items, nextToken: start + options.limit < all.length ? String(start + options.limit) : undefined };
  }
}
