import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, type AttributeValue, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoTraceStore } from '../../../lib/adapters/dynamodb/trace-store';
import { step, traceRecord, type EvaluationTrace } from '../../../lib/engine';
import { parseTypedJson, stringifyTypedJson } from '../../../lib/expression';
import { RecordingClock } from '../../support/recording-clock';
import { T0, compiled, counterRequest } from '../../support/runtime-fixtures';

const TABLE = 'vigil-test-traces';
const MONTH_S = 30 * 24 * 3600;
const KEY = { model: 'counter', keyValue: 'a' };
const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });
const counter = compiled(counterRequest());

/** `count` real evaluation traces of detector a, one second apart. */
function traces(count: number): EvaluationTrace[] {
  let snapshot;
  const all: EvaluationTrace[] = [];
  for (let n = 0; n < count; n++) {
    const result = step(counter, snapshot, { type: 'message', inputName: 'Count', messageId: `m${n}`, payload: { id: 'a', n: BigInt(n) }, raw: `{"id": "a", "n": ${n}}` }, T0 + n * 1000);
    snapshot = result.snapshot;
    all.push(...result.traces);
  }
  return all;
}

/** The record text of a stored trace item. */
function traceText(item: Record<string, AttributeValue>): string {
  return inflateRawSync(item.trace.B as Uint8Array).toString('utf8');
}

function puts(): Record<string, AttributeValue>[][] {
  return dynamodb.commandCalls(BatchWriteItemCommand).map((call) => (call.args[0].input.RequestItems?.[TABLE] ?? []).map((request: WriteRequest) => request.PutRequest?.Item ?? {}));
}

describe('DynamoTraceStore', () => {
  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
  });

  it('writes trace n to slot n mod depth, as an AWS-shaped log record, with a TTL', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 20 });
    const [trace] = traces(1);

    // Act
    await store.append([{ key: KEY, traces: [trace], first: 41 }]);

    // Assert
    expect(puts()).toEqual([[{ pk: { S: 'counter|a' }, slot: { N: '1' }, n: { N: '41' }, at: { N: String(T0) }, trace: { B: expect.any(Uint8Array) }, ttl: { N: String(Math.floor(T0 / 1000) + MONTH_S) } }]]);
    // Compressed (DynamoDB charges per kilobyte), and the AWS-shaped record once inflated.
    const stored = puts()[0][0].trace.B as Uint8Array;
    const text = stringifyTypedJson(traceRecord(trace));
    expect(traceText(puts()[0][0])).toBe(text);
    expect(stored.length).toBeLessThan(Buffer.byteLength(text) * 0.6);
  });

  it('wraps around the ring, reusing the oldest slots', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 4 });

    // Act
    await store.append([{ key: KEY, traces: traces(3), first: 2 }]);

    // Assert
    expect(puts()[0].map((item) => [item.slot.N, item.n.N])).toEqual([
      ['2', '2'],
      ['3', '3'],
      ['0', '4'],
    ]);
  });

  it('writes only the newest `depth` traces of a long batch, never more items than slots', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 3 });
    const all = traces(7);

    // Act
    await store.append([{ key: KEY, traces: all, first: 10 }]);

    // Assert
    const items = puts().flat();
    expect(items.map((item) => [item.slot.N, item.n.N])).toEqual([
      ['2', '14'],
      ['0', '15'],
      ['1', '16'],
    ]);
    expect(items.map((item) => (parseTypedJson(traceText(item)) as { messageId: string }).messageId)).toEqual(['m4', 'm5', 'm6']);
  });

  it('writes at most 25 traces per BatchWriteItem and retries unprocessed ones', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 30 });
    const leftOver = { [TABLE]: [{ PutRequest: { Item: { pk: { S: 'counter|a' }, slot: { N: '3' } } } }] };
    dynamodb.on(BatchWriteItemCommand).resolvesOnce({ UnprocessedItems: leftOver }).resolves({});

    // Act
    await store.append([{ key: KEY, traces: traces(28), first: 0 }]);

    // Assert
    const calls = dynamodb.commandCalls(BatchWriteItemCommand).map((call) => call.args[0].input.RequestItems?.[TABLE]?.length);
    expect(calls).toEqual([25, 1, 3]);
    expect(dynamodb.commandCalls(BatchWriteItemCommand)[1].args[0].input).toEqual({ RequestItems: leftOver });
  });

  it('keeps traces for the retention given', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, retentionMs: 3_600_000 });

    // Act
    await store.append([{ key: KEY, traces: traces(1), first: 0 }]);

    // Assert
    expect(puts()[0][0].ttl).toEqual({ N: String(Math.floor(T0 / 1000) + 3600) });
  });

  describe('recent', () => {
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 20, clock: new RecordingClock(T0 + 60_000) });
    const item = (trace: EvaluationTrace, n: number, extra: Record<string, AttributeValue> = {}) => ({
      pk: { S: 'counter|a' },
      slot: { N: String(n % 20) },
      n: { N: String(n) },
      trace: { B: deflateRawSync(stringifyTypedJson(traceRecord(trace))) },
      ...extra,
    });

    it('reads the detector’s ring and returns its traces oldest first, whatever their slots', async () => {
      // Arrange: slots 0 and 1 hold traces 20 and 21, slot 19 holds trace 19.
      const [a, b, c] = traces(3);
      dynamodb.on(QueryCommand).resolves({ Items: [item(b, 20), item(c, 21), item(a, 19)] });

      // Act
      const records = await store.recent(KEY);

      // Assert
      expect(dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input)).toEqual([
        { TableName: TABLE, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': { S: 'counter|a' } }, ExclusiveStartKey: undefined },
      ]);
      expect(records.map((record) => record.messageId)).toEqual(['m0', 'm1', 'm2']);
      expect(records[0]).toMatchObject({ level: 'DEBUG', logMessage: 'Summary of message evaluation', finalVariables: { count: 1n } });
    });

    it('leaves out traces past their TTL that DynamoDB has not deleted yet', async () => {
      // Arrange
      const [a, b] = traces(2);
      dynamodb.on(QueryCommand).resolves({ Items: [item(a, 0, { ttl: { N: String(Math.floor(T0 / 1000) + 30) } }), item(b, 1, { ttl: { N: String(Math.floor(T0 / 1000) + 90) } })] });

      // Act
      const records = await store.recent(KEY);

      // Assert: the clock reads T0 + 60 s.
      expect(records.map((record) => record.messageId)).toEqual(['m1']);
    });

    it('orders by time, so a detector created again does not show its earlier life as newest', async () => {
      // Arrange: traces 5 and 6 of the deleted detector, then traces 0 and 1 of the new one.
      const [old1, old2, new1, new2] = traces(4);
      const at = (trace: EvaluationTrace) => ({ at: { N: String(trace.time) } });
      dynamodb.on(QueryCommand).resolves({ Items: [item(new1, 0, at(new1)), item(new2, 1, at(new2)), item(old1, 5, at(old1)), item(old2, 6, at(old2))] });

      // Act
      const records = await store.recent(KEY);

      // Assert
      expect(records.map((record) => record.messageId)).toEqual(['m0', 'm1', 'm2', 'm3']);
    });

    it('reads every page of a ring larger than one Query answer', async () => {
      // Arrange: large payloads make DynamoDB stop at 1 MB.
      const [a, b] = traces(2);
      const after = { pk: { S: 'counter|a' }, slot: { N: '0' } };
      dynamodb.on(QueryCommand).resolvesOnce({ Items: [item(a, 0)], LastEvaluatedKey: after }).resolvesOnce({ Items: [item(b, 1)] });

      // Act
      const records = await store.recent(KEY);

      // Assert
      expect(records.map((record) => record.messageId)).toEqual(['m0', 'm1']);
      expect(dynamodb.commandCalls(QueryCommand)[1].args[0].input.ExclusiveStartKey).toEqual(after);
    });
  });
});
