import { randomBytes } from 'node:crypto';
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

function puts(): Record<string, AttributeValue>[][] {
  return dynamodb.commandCalls(BatchWriteItemCommand).map((call) => (call.args[0].input.RequestItems?.[TABLE] ?? []).map((request: WriteRequest) => request.PutRequest?.Item ?? {}));
}

describe('DynamoTraceStore', () => {
  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
  });

  /** The entries of the page items written. */
  const pageOf = (item: Record<string, AttributeValue>) => parseTypedJson(inflateRawSync(item.page.B as Uint8Array).toString('utf8')) as { d: string; p?: string; t: { messageId: string }[] }[];

  it('writes a batch’s traces as one page item, each detector pointing back at its previous page, with a TTL', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 20 });
    const [trace] = traces(1);

    // Act
    await store.append('p2', [{ key: KEY, traces: [trace], previous: 'p1' }, { key: { model: 'counter', keyValue: 'b' }, traces: [trace] }]);

    // Assert
    const [[item]] = puts();
    expect(item).toEqual({ pk: { S: 'page#p2' }, slot: { N: '0' }, at: { N: String(T0) }, page: { B: expect.any(Uint8Array) }, ttl: { N: String(Math.floor(T0 / 1000) + MONTH_S) } });
    expect(pageOf(item)).toEqual([
      { d: 'counter|a', p: 'p1', t: [parseTypedJson(stringifyTypedJson(traceRecord(trace)))] },
      { d: 'counter|b', t: [parseTypedJson(stringifyTypedJson(traceRecord(trace)))] },
    ]);
  });

  it('costs a fraction of a write unit per trace: a hundred detectors’ traces compress together', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 20 });
    const entries = Array.from({ length: 100 }, (_, i) => ({ key: { model: 'counter', keyValue: `d${i}` }, traces: traces(1) }));
    const alone = Buffer.byteLength(stringifyTypedJson(traceRecord(entries[0].traces[0])));

    // Act
    await store.append('p', entries);

    // Assert: under 100 bytes each, where a trace alone is several hundred (and a whole write unit).
    const bytes = puts().flat().reduce((sum, item) => sum + (item.page.B as Uint8Array).length, 0);
    expect(bytes / 100).toBeLessThan(100);
    expect(alone).toBeGreaterThan(500);
  });

  it('keeps only the newest `depth` traces of a detector on a page', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 3 });

    // Act
    await store.append('p', [{ key: KEY, traces: traces(7) }]);

    // Assert
    expect(pageOf(puts()[0][0])[0].t.map((record) => record.messageId)).toEqual(['m4', 'm5', 'm6']);
  });

  it('splits a page too large for one item over several', async () => {
    // Arrange: incompressible payloads.
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 1 });
    const big = (i: number) => {
      const [trace] = traces(1);
      return { key: { model: 'counter', keyValue: `d${i}` }, traces: [{ ...trace, messageId: randomBytes(120_000).toString('base64') }] };
    };

    // Act
    await store.append('p', [big(1), big(2), big(3), big(4)]);

    // Assert
    const items = puts().flat();
    expect(items.length).toBeGreaterThan(1);
    expect(items.every((item) => (item.page.B as Uint8Array).length <= 300 * 1024)).toBe(true);
    expect(items.flatMap(pageOf).map((entry) => entry.d)).toEqual(['counter|d1', 'counter|d2', 'counter|d3', 'counter|d4']);
  });

  it('keeps traces for the retention given', async () => {
    // Arrange
    const store = new DynamoTraceStore({ client, tableName: TABLE, retentionMs: 3_600_000 });

    // Act
    await store.append('p', [{ key: KEY, traces: traces(1) }]);

    // Assert
    expect(puts()[0][0].ttl).toEqual({ N: String(Math.floor(T0 / 1000) + 3600) });
  });

  describe('recent, from pages', () => {
    const store = new DynamoTraceStore({ client, tableName: TABLE, depth: 3, clock: new RecordingClock(T0 + 60_000) });
    const page = (entries: unknown[], ttl?: number) => ({ pk: { S: 'page#x' }, slot: { N: '0' }, page: { B: deflateRawSync(stringifyTypedJson(entries)) }, ...(ttl ? { ttl: { N: String(ttl) } } : {}) });
    const records = (ids: string[]) => ids.map((messageId) => ({ messageId }));

    it('follows the detector’s pages back until it has `depth` traces, oldest first', async () => {
      // Arrange: p3 → p2 → p1, other detectors on the same pages.
      const pages: Record<string, unknown> = {
        'page#p3': page([{ d: 'counter|z', t: records(['z']) }, { d: 'counter|a', p: 'p2', t: records(['m4']) }]),
        'page#p2': page([{ d: 'counter|a', p: 'p1', t: records(['m2', 'm3']) }]),
        'page#p1': page([{ d: 'counter|a', t: records(['m1']) }]),
      };
      dynamodb.on(QueryCommand).callsFake((input) => ({ Items: [pages[input.ExpressionAttributeValues[':pk'].S]] }));

      // Act
      const found = await store.recent(KEY, 'p3');

      // Assert: p1 is never read, three traces being enough.
      expect(found.map((record) => record.messageId)).toEqual(['m2', 'm3', 'm4']);
      expect(dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues?.[':pk'].S)).toEqual(['page#p3', 'page#p2']);
    });

    it('stops where a page has expired, and adds what an earlier release kept when the chain began', async () => {
      // Arrange: p2 expired (TTL past, not deleted yet); p1 began the chain after an upgrade.
      const expired = Math.floor(T0 / 1000);
      const pages: Record<string, unknown[]> = {
        'page#p3': [page([{ d: 'counter|a', p: 'p2', t: records(['m9']) }])],
        'page#p2': [page([{ d: 'counter|a', p: 'p1', t: records(['m8']) }], expired)],
        // One item per trace, as releases before pages wrote them.
        'counter|a': [{ pk: { S: 'counter|a' }, slot: { N: '0' }, n: { N: '0' }, at: { N: String(T0) }, trace: { B: deflateRawSync(stringifyTypedJson({ messageId: 'm0' })) } }],
      };
      dynamodb.on(QueryCommand).callsFake((input) => ({ Items: pages[input.ExpressionAttributeValues[':pk'].S] ?? [] }));

      // Act
      const found = await store.recent(KEY, 'p3');

      // Assert
      expect(found.map((record) => record.messageId)).toEqual(['m0', 'm9']);
    });
  });

  describe('recent, as earlier releases stored traces (one item each)', () => {
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
      const records = await store.recent(KEY, undefined);

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
      const records = await store.recent(KEY, undefined);

      // Assert: the clock reads T0 + 60 s.
      expect(records.map((record) => record.messageId)).toEqual(['m1']);
    });

    it('orders by time, so a detector created again does not show its earlier life as newest', async () => {
      // Arrange: traces 5 and 6 of the deleted detector, then traces 0 and 1 of the new one.
      const [old1, old2, new1, new2] = traces(4);
      const at = (trace: EvaluationTrace) => ({ at: { N: String(trace.time) } });
      dynamodb.on(QueryCommand).resolves({ Items: [item(new1, 0, at(new1)), item(new2, 1, at(new2)), item(old1, 5, at(old1)), item(old2, 6, at(old2))] });

      // Act
      const records = await store.recent(KEY, undefined);

      // Assert
      expect(records.map((record) => record.messageId)).toEqual(['m0', 'm1', 'm2', 'm3']);
    });

    it('reads every page of a ring larger than one Query answer', async () => {
      // Arrange: large payloads make DynamoDB stop at 1 MB.
      const [a, b] = traces(2);
      const after = { pk: { S: 'counter|a' }, slot: { N: '0' } };
      dynamodb.on(QueryCommand).resolvesOnce({ Items: [item(a, 0)], LastEvaluatedKey: after }).resolvesOnce({ Items: [item(b, 1)] });

      // Act
      const records = await store.recent(KEY, undefined);

      // Assert
      expect(records.map((record) => record.messageId)).toEqual(['m0', 'm1']);
      expect(dynamodb.commandCalls(QueryCommand)[1].args[0].input.ExclusiveStartKey).toEqual(after);
    });
  });
});
