import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { AnalysisRecord, AnalysisResult, AnalysisStore } from '../../ports';

/**
 * Detector model analyses in the models table, one item each (`analysis#<id>`/`analysis`), with a
 * `ttl` attribute so DynamoDB removes them once expired. TTL deletion is lazy (and DynamoDB Local
 * never does it), so reads also check the expiry themselves.
 */
export class DynamoAnalysisStore implements AnalysisStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  async put(record: AnalysisRecord): Promise<void> {
    await this.client.send(
      new PutItemCommand({
        TableName: this.table,
        Item: {
          ...key(record.analysisId),
          status: { S: record.status },
          results: { S: JSON.stringify(record.results) },
          created: { N: String(record.createdAt) },
          expires: { N: String(record.expiresAt) },
          // DynamoDB TTL is in epoch seconds.
          ttl: { N: String(Math.ceil(record.expiresAt / 1000)) },
        },
      }),
    );
  }

  async get(analysisId: string, now: number): Promise<AnalysisRecord | undefined> {
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: key(analysisId), ConsistentRead: true }));
    const item = response.Item;
    if (!item || Number(item.expires.N) <= now) return undefined;
    return {
      analysisId,
      status: item.status.S as AnalysisRecord['status'],
      results: JSON.parse(item.results.S as string) as AnalysisResult[],
      createdAt: Number(item.created.N),
      expiresAt: Number(item.expires.N),
    };
  }
}

function key(analysisId: string) {
  return { pk: { S: `analysis#${analysisId}` }, sk: { S: 'analysis' } };
}
