import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

/** Invokes the stream consumer the way Lambda's event source mapping does. */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

/**
 * Reads a DynamoDB Local table stream and hands its records to a handler, as Lambda's event source
 * mapping would: in order per shard, in batches, retrying from the first failed record the handler
 * reports. Used by the local stack (on a loop) and by tests (`drain()`, deterministic).
 */
export class StreamPoller {
  private readonly iterators = new Map<string, string | undefined>();
  private streamArn: string | undefined;
  /** Whether the last pass left a failed batch to deliver again. */
  private retryPending = false;

  constructor(
    private readonly clients: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient },
    private readonly tableName: string,
    private readonly handler: StreamHandler,
    private readonly batchSize = 100,
    private readonly onError: (error: Error) => void = () => undefined,
  ) {}

  /**
   * Delivers every record written so far, retrying failed batches (at most `maxRetries` passes in
   * a row without progress); returns how many were delivered.
   */
  async drain(maxRetries = 10): Promise<number> {
    let delivered = 0;
    for (let stalled = 0; stalled <= maxRetries; ) {
      const round = await this.pollOnce();
      delivered += round;
      if (round > 0) stalled = 0;
      else if (this.retryPending) stalled++;
      else return delivered;
    }
    return delivered;
  }

  /** One pass over every shard. */
  async pollOnce(): Promise<number> {
    const arn = await this.stream();
    const { StreamDescription } = await this.clients.streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    let delivered = 0;
    this.retryPending = false;
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId as string;
      if (!this.iterators.has(id)) {
        const { ShardIterator } = await this.clients.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }));
        this.iterators.set(id, ShardIterator);
      }
      const iterator = this.iterators.get(id);
      if (!iterator) continue; // a closed shard, read to its end
      const { Records = [], NextShardIterator } = await this.clients.streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: this.batchSize }));
      if (!Records.length) {
        this.iterators.set(id, NextShardIterator);
        continue;
      }
      let response: DynamoDBBatchResponse | void;
      try {
        response = await this.handler({ Records: Records.map(toLambdaRecord) } as DynamoDBStreamEvent);
      } catch (error) {
        // Lambda retries a batch whose invocation failed: leave the shard where it was.
        this.onError(error as Error);
        this.retryPending = true;
        continue;
      }
      const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
      if (failed === undefined) {
        this.iterators.set(id, NextShardIterator);
        delivered += Records.length;
      } else {
        // Lambda resumes the shard at the failed record: read it (and what follows) again.
        const { ShardIterator } = await this.clients.streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: failed }));
        this.iterators.set(id, ShardIterator);
        this.retryPending = true;
        delivered += Records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
      }
    }
    return delivered;
  }

  private async stream(): Promise<string> {
    if (!this.streamArn) {
      const { Table } = await this.clients.dynamodb.send(new DescribeTableCommand({ TableName: this.tableName }));
      if (!Table?.LatestStreamArn) throw new Error(`table ${this.tableName} has no stream`);
      this.streamArn = Table.LatestStreamArn;
    }
    return this.streamArn;
  }
}

function toLambdaRecord(record: _Record): DynamoDBStreamEvent['Records'][number] {
  return {
    eventID: record.eventID,
    eventName: record.eventName as 'INSERT' | 'MODIFY' | 'REMOVE',
    eventSource: 'aws:dynamodb',
    dynamodb: {
      Keys: record.dynamodb?.Keys as never,
      NewImage: record.dynamodb?.NewImage as never,
      SequenceNumber: record.dynamodb?.SequenceNumber,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
  };
}
