import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, type DynamoDBStreamsClient, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';

/** Invokes the stream consumer the way Lambda's event source mapping does. */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse | void>;

interface ShardState {
  /** Undefined once a closed shard has been read to its end. */
  iterator: string | undefined;
  /** The last record delivered (or skipped): where to resume when the iterator goes bad. */
  last: string | undefined;
}

/**
 * Reads a DynamoDB Local table stream and hands its records to a handler, as Lambda's event source
 * mapping would: in order per shard, in batches, retrying from the first failed record the handler
 * reports. Used by the local stack (on a loop), by `vigil tail` and by tests (`drain()`,
 * deterministic).
 */
export class StreamPoller {
  private readonly shards = new Map<string, ShardState>();
  private streamArn: string | undefined;
  /** Whether the last pass left a failed batch to deliver again. */
  private retryPending = false;
  /** Shards found by the first pass start at `startingPosition`; later (child) shards at their start. */
  private firstPass = true;

  constructor(
    private readonly clients: { dynamodb: DynamoDBClient; streams: DynamoDBStreamsClient },
    private readonly tableName: string,
    private readonly handler: StreamHandler,
    private readonly batchSize = 100,
    private readonly onError: (error: Error) => void = () => undefined,
    /** Where to start reading the shards that exist now: everything kept, or only what comes next (`vigil tail`). */
    private readonly startingPosition: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON',
  ) {}

  /** Whether the last pass left a failed batch to deliver again (a stuck shard). */
  get failing(): boolean {
    return this.retryPending;
  }

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
    const skipExisting = this.firstPass && this.startingPosition === 'LATEST';
    this.firstPass = false;
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId as string;
      let state = this.shards.get(id);
      if (!state) {
        state = { iterator: await this.iterator(arn, id, undefined), last: undefined };
        this.shards.set(id, state);
        // LATEST is read as "skip what is there now": DynamoDB Local's own LATEST iterators share the bug below.
        if (skipExisting) await this.skipToEnd(arn, id, state);
      }
      if (state.iterator) delivered += await this.deliver(arn, id, state);
    }
    return delivered;
  }

  private async deliver(arn: string, id: string, state: ShardState): Promise<number> {
    const page = await this.read(arn, id, state);
    if (!page) return 0;
    const { Records, NextShardIterator } = page;
    if (!Records.length) {
      state.iterator = NextShardIterator;
      return 0;
    }
    let response: DynamoDBBatchResponse | void;
    try {
      response = await this.handler({ Records: Records.map(toLambdaRecord) } as DynamoDBStreamEvent);
    } catch (error) {
      // Lambda retries a batch whose invocation failed: leave the shard where it was.
      this.onError(error as Error);
      this.retryPending = true;
      return 0;
    }
    const failed = response?.batchItemFailures?.[0]?.itemIdentifier;
    const index = failed === undefined ? -1 : Records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
    if (index < 0) {
      state.iterator = NextShardIterator;
      state.last = Records[Records.length - 1].dynamodb?.SequenceNumber;
      return Records.length;
    }
    // Lambda resumes the shard at the failed record: read it (and what follows) again.
    state.iterator = await this.iterator(arn, id, index > 0 ? Records[index - 1].dynamodb?.SequenceNumber : state.last);
    if (index > 0) state.last = Records[index - 1].dynamodb?.SequenceNumber;
    this.retryPending = true;
    return index;
  }

  /**
   * One GetRecords call. DynamoDB Local numbers stream records across all tables, and an iterator
   * taken while a shard was empty fails with TrimmedDataAccessException once the shard's first
   * record carries a later number; an idle iterator also expires. Both are repaired by taking a new
   * iterator after the last record handled, and the read is retried on the next pass.
   */
  private async read(arn: string, id: string, state: ShardState): Promise<{ Records: _Record[]; NextShardIterator: string | undefined } | undefined> {
    try {
      const { Records = [], NextShardIterator } = await this.clients.streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: this.batchSize }));
      return { Records, NextShardIterator };
    } catch (error) {
      const name = (error as Error).name;
      if (name !== 'TrimmedDataAccessException' && name !== 'ExpiredIteratorException') throw error;
      state.iterator = await this.iterator(arn, id, state.last);
      return undefined;
    }
  }

  private async skipToEnd(arn: string, id: string, state: ShardState): Promise<void> {
    for (let repairs = 0; repairs < 3 && state.iterator; ) {
      const page = await this.read(arn, id, state);
      if (!page) {
        repairs++;
        continue;
      }
      state.iterator = page.NextShardIterator;
      if (!page.Records.length) return;
      state.last = page.Records[page.Records.length - 1].dynamodb?.SequenceNumber;
    }
  }

  private async iterator(arn: string, id: string, after: string | undefined): Promise<string | undefined> {
    const { ShardIterator } = await this.clients.streams.send(
      new GetShardIteratorCommand(
        after === undefined ? { StreamArn: arn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' } : { StreamArn: arn, ShardId: id, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after },
      ),
    );
    return ShardIterator;
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
      Keys: lambdaImage(record.dynamodb?.Keys) as never,
      NewImage: lambdaImage(record.dynamodb?.NewImage) as never,
      SequenceNumber: record.dynamodb?.SequenceNumber,
      StreamViewType: record.dynamodb?.StreamViewType,
    },
  };
}

/**
 * An image as Lambda delivers it: the event is JSON, so binary values (`B`, `BS`) arrive as base64
 * text, while the SDK read them as bytes. Without this a local run would hand handlers a shape
 * production never does.
 */
function lambdaImage(image: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return image === undefined ? undefined : (JSON.parse(JSON.stringify(image, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value))) as Record<string, unknown>);
}
