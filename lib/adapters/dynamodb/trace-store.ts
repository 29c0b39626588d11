import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { QueryCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { MAX_STORED_JSON_DEPTH, parseTypedJson, stringifyTypedJson } from '../../expression';
import { traceRecord } from '../../engine';
import { SYSTEM_CLOCK, detectorId, type Clock, type DetectorKey, type TraceEntry, type TraceStore } from '../../ports';
import { batchWrite } from './batch';

/** Options of {@link DynamoTraceStore}. */
export interface DynamoTraceStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Traces kept per detector (a ring: trace n goes to slot n mod depth). */
  readonly depth?: number;
  /** How long a trace is kept at most, via DynamoDB TTL. */
  readonly retentionMs?: number;
  /** Reads the time, to leave out expired traces that TTL has not removed yet. */
  readonly clock?: Clock;
}

/**
 * The last `depth` evaluation traces of each detector, in AWS's DEBUG log shape. Slots are reused
 * in a ring, so a detector never holds more than `depth` items, however busy it is.
 */
export class DynamoTraceStore implements TraceStore {
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly depth: number;
  private readonly retentionMs: number;
  private readonly clock: Clock;

  constructor(options: DynamoTraceStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.depth = options.depth ?? 20;
    this.retentionMs = options.retentionMs ?? 30 * 24 * 3_600_000;
    this.clock = options.clock ?? SYSTEM_CLOCK;
  }

  async append(entries: readonly TraceEntry[]): Promise<void> {
    const requests: WriteRequest[] = [];
    for (const { key, traces, first } of entries) {
      // Only the newest `depth` of these can survive the ring; writing the rest is waste.
      const kept = traces.slice(-this.depth);
      const offset = first + traces.length - kept.length;
      kept.forEach((trace, i) =>
        requests.push({
          PutRequest: {
            Item: {
              pk: { S: detectorId(key) },
              slot: { N: String((offset + i) % this.depth) },
              n: { N: String(offset + i) },
              at: { N: String(trace.time) },
              // Compressed: a trace repeats field names and state names, and DynamoDB charges a
              // write unit per kilobyte; most traces fit in one unit this way.
              trace: { B: deflateRawSync(stringifyTypedJson(traceRecord(trace)), { level: 1 }) },
              ttl: { N: String(Math.floor((trace.time + this.retentionMs) / 1000)) },
            },
          },
        }),
      );
    }
    await batchWrite(this.client, this.table, requests);
  }

  async recent(key: DetectorKey): Promise<Record<string, unknown>[]> {
    // A Query answer stops at 1 MB, and `depth` traces carrying large payloads can exceed it.
    const items: Record<string, AttributeValue>[] = [];
    let after: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':pk': { S: detectorId(key) } },
          ExclusiveStartKey: after,
        }),
      );
      items.push(...(response.Items ?? []));
      after = response.LastEvaluatedKey;
    } while (after);
    // DynamoDB deletes expired items within days, not at once: expired ones are left out here.
    // Ordered by time, then number: a detector deleted and created again numbers from 0 anew, and
    // the older traces of its earlier life, left in the slots not yet reused, must not look newest.
    const now = Math.floor(this.clock.now() / 1000);
    return items
      .filter((item) => item.ttl === undefined || Number(item.ttl.N) > now)
      .sort((a, b) => Number(a.at?.N ?? 0) - Number(b.at?.N ?? 0) || Number(a.n.N) - Number(b.n.N))
      .map((item) => parseTypedJson(inflateRawSync(item.trace.B as Uint8Array).toString('utf8'), MAX_STORED_JSON_DEPTH) as Record<string, unknown>);
  }
}
