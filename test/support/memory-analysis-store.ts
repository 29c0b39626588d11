import type { AnalysisRecord, AnalysisStore } from '../../lib/ports';

/** An {@link AnalysisStore} in memory: records expire at `expiresAt`, as the DynamoDB store's TTL filter has them. */
export class MemoryAnalysisStore implements AnalysisStore {
  readonly records = new Map<string, AnalysisRecord>();

  async put(record: AnalysisRecord): Promise<void> {
    this.records.set(record.analysisId, record);
  }

  async get(id: string, now: number): Promise<AnalysisRecord | undefined> {
    const record = this.records.get(id);
    return record && record.expiresAt > now ? record : undefined;
  }
}
