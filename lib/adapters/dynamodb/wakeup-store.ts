import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fnv1a32 } from '../../hash';
import { detectorId, type Wakeup, type WakeupStore } from '../../ports';
import type { Item } from './detector-item';
import { batchWrite } from './batch';

const MINUTE = 60_000;
/** Due-index partitions read at once. */
const PARALLEL_QUERIES = 8;

/** Options of {@link DynamoWakeupStore}. */
export interface DynamoWakeupStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Partitions per due minute; more spreads a burst of timers due in one minute wider. */
  readonly shards?: number;
  /**
   * How long a record is kept after its due time before DynamoDB's TTL may delete it: longer than
   * the scheduler reads back, so it never finds a record gone that it still expects to read
   * (`WAKEUP_RETENTION_MS`, decision T6).
   */
  readonly retentionMs: number;
  /** Current time, to ignore records whose TTL passed but which DynamoDB has not deleted yet. */
  readonly now?: () => number;
}

/**
 * Timer wake-ups in DynamoDB. Partition `due#<minute>#<shard>`, sort key `<dueAt>#<detector>#<timer>#<generation>`,
 * so "what is due up to now" is one Query per shard of each minute. Each record carries a TTL;
 * DynamoDB deletes expired records within days, and reads ignore the ones it has not deleted yet.
 */
export class DynamoWakeupStore implements WakeupStore {
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly shards: number;
  private readonly retentionMs: number;
  private readonly now: () => number;

  constructor(options: DynamoWakeupStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.shards = options.shards ?? 4;
    this.retentionMs = options.retentionMs;
    this.now = options.now ?? Date.now;
  }

  async schedule(wakeups: readonly Wakeup[]): Promise<void> {
    await batchWrite(this.client, this.table, wakeups.map((wakeup) => ({ PutRequest: { Item: this.toItem(wakeup) } })));
  }

  async remove(wakeups: readonly Wakeup[]): Promise<void> {
    await batchWrite(this.client, this.table, wakeups.map((wakeup) => ({ DeleteRequest: { Key: this.keyOf(wakeup) } })));
  }

  async due(since: number, until: number): Promise<Wakeup[]> {
    const expiredBefore = Math.floor(this.now() / 1000);
    const partitions: string[] = [];
    for (let minute = Math.floor(since / MINUTE); minute <= Math.floor(until / MINUTE); minute++) {
      for (let shard = 0; shard < this.shards; shard++) partitions.push(`due#${minute}#${shard}`);
    }
    const found: Wakeup[] = [];
    // A few partitions at a time: a 10-minute read is 40 queries, which in series would cost seconds.
    for (let i = 0; i < partitions.length; i += PARALLEL_QUERIES) {
      const pages = await Promise.all(partitions.slice(i, i + PARALLEL_QUERIES).map((pk) => this.query(pk, since, until)));
      for (const items of pages) {
        for (const item of items) if (Number(item.ttl?.N ?? Infinity) >= expiredBefore) found.push(fromItem(item));
      }
    }
    return found.sort((a, b) => a.dueAt - b.dueAt);
  }

  /** Every record of one partition due in [since, until]. */
  private async query(pk: string, since: number, until: number): Promise<Item[]> {
    const items: Item[] = [];
    let after: Item | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
          ExpressionAttributeValues: { ':pk': { S: pk }, ':from': { S: pad(since) }, ':to': { S: `${pad(until)}~` } },
          ExclusiveStartKey: after,
        }),
      );
      items.push(...(response.Items ?? []));
      after = response.LastEvaluatedKey;
    } while (after);
    return items;
  }

  private keyOf(wakeup: Wakeup): Item {
    const id = detectorId(wakeup.detector);
    return {
      pk: { S: `due#${Math.floor(wakeup.dueAt / MINUTE)}#${fnv1a32(`${id}#${wakeup.timerName}`) % this.shards}` },
      sk: { S: `${pad(wakeup.dueAt)}#${id}#${wakeup.timerName}#${wakeup.generation}` },
    };
  }

  private toItem(wakeup: Wakeup): Item {
    const item: Item = {
      ...this.keyOf(wakeup),
      model: { S: wakeup.detector.model },
      timerName: { S: wakeup.timerName },
      generation: { N: String(wakeup.generation) },
      dueAt: { N: String(wakeup.dueAt) },
      ttl: { N: String(Math.floor((wakeup.dueAt + this.retentionMs) / 1000)) },
    };
    if (wakeup.detector.keyValue !== undefined) item.keyValue = { S: wakeup.detector.keyValue };
    return item;
  }
}

function fromItem(item: Item): Wakeup {
  return {
    detector: { model: item.model.S as string, keyValue: item.keyValue?.S },
    timerName: item.timerName.S as string,
    generation: Number(item.generation.N),
    dueAt: Number(item.dueAt.N),
  };
}

/** Epoch ms as fixed-width text, so sort keys order by time. */
function pad(ms: number): string {
  return String(Math.max(0, Math.floor(ms))).padStart(15, '0');
}
