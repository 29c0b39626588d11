import { detectorId, type DetectorKey, type MessageIdStore, type SpilledIdsWrite } from '../../lib/ports';
import { Faults } from './faults';

/** A {@link MessageIdStore} in memory: spilled records by detector, read by their newest time as DynamoDB's query does. */
export class MemoryMessageIdStore implements MessageIdStore {
  readonly records = new Map<string, SpilledIdsWrite[]>();
  readonly calls = { spill: 0, read: 0 };
  readonly faults = new Faults<'spill' | 'read'>();

  constructor(private readonly journal: string[] = []) {}

  async spill(entries: readonly SpilledIdsWrite[]): Promise<void> {
    this.journal.push('messageIds.spill');
    this.calls.spill++;
    this.faults.check('spill');
    // One record per detector, time and ids, as the DynamoDB store keys them: a repeat replaces itself.
    for (const entry of entries) {
      const kept = (this.records.get(detectorId(entry.key)) ?? []).filter((other) => other.newest !== entry.newest || !sameBytes(other.ids, entry.ids));
      this.records.set(detectorId(entry.key), [...kept, entry]);
    }
  }

  async read(key: DetectorKey, since: number): Promise<Uint8Array[]> {
    this.journal.push('messageIds.read');
    this.calls.read++;
    this.faults.check('read');
    return (this.records.get(detectorId(key)) ?? []).filter((entry) => entry.newest > since).map((entry) => entry.ids);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
