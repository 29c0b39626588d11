import { QueryCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { fnv1a32 } from '../../hash';
import { detectorId, type DetectorKey, type MessageIdStore, type SpilledIdsWrite } from '../../ports';
import { batchWrite } from './batch';

/** Options of {@link DynamoMessageIdStore}. */
export interface DynamoMessageIdStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** How long a record must stay readable after its newest id: the duplicate window. */
  readonly windowMs: number;
}

/** Width of the time in sort keys, so they order as numbers do. */
const TIME_DIGITS = 15;

/**
 * Message ids spilled from detector items, one item per spill: `pk` the detector, `sk` the newest
 * id's time and a hash of the ids (two spills never overwrite each other; writing one again is a
 * no-op), `ids` the binary record. TTL removes a record a day after its window has passed; reads
 * select by time, so they never depend on TTL having run.
 */
export class DynamoMessageIdStore implements MessageIdStore {
  constructor(private readonly options: DynamoMessageIdStoreOptions) {}

  async spill(entries: readonly SpilledIdsWrite[]): Promise<void> {
    const requests: WriteRequest[] = entries.map(({ key, ids, newest }) => ({
      PutRequest: {
        Item: {
          pk: { S: detectorId(key) },
          sk: { S: `${sortTime(newest)}#${fnv1a32(ids).toString(36)}` },
          ids: { B: ids },
          ttl: { N: String(Math.floor((newest + this.options.windowMs) / 1000) + 86_400) },
        },
      },
    }));
    await batchWrite(this.options.client, this.options.tableName, requests);
  }

  async read(key: DetectorKey, since: number): Promise<Uint8Array[]> {
    const records: Uint8Array[] = [];
    let after: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.options.client.send(
        new QueryCommand({
          TableName: this.options.tableName,
          KeyConditionExpression: '#pk = :pk AND #sk > :since',
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', '#ids': 'ids' },
          ExpressionAttributeValues: { ':pk': { S: detectorId(key) }, ':since': { S: sortTime(Math.max(0, since)) } },
          ProjectionExpression: '#ids',
          // A record spilled a moment ago must be seen: a repeat it holds would otherwise apply again.
          ConsistentRead: true,
          ExclusiveStartKey: after,
        }),
      );
      for (const item of response.Items ?? []) if (item.ids?.B) records.push(item.ids.B);
      after = response.LastEvaluatedKey;
    } while (after);
    return records;
  }
}

function sortTime(ms: number): string {
  return String(Math.floor(ms)).padStart(TIME_DIGITS, '0');
}
