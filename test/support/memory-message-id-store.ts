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
    for (const entry of entries) this.records.set(detectorId(entry.key), [...(this.records.get(detectorId(entry.key)) ?? []), entry]);
  }

  async read(key: DetectorKey, since: number): Promise<Uint8Array[]> {
    this.journal.push('messageIds.read');
    this.calls.read++;
    this.faults.check('read');
    return (this.records.get(detectorId(key)) ?? []).filter((entry) => entry.newest > since).map((entry) => entry.ids);
  }
}
