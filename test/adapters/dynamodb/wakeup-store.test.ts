import { BatchWriteItemCommand, DynamoDBClient, QueryCommand, type AttributeValue, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoWakeupStore } from '../../../lib/adapters/dynamodb/wakeup-store';
import type { Wakeup } from '../../../lib/ports';

const TABLE = 'vigil-test-timers';
const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const MINUTE = 60_000;
const WEEK_S = 7 * 24 * 3600;
const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });

function wakeup(keyValue: string | undefined, dueAt: number, timerName = 't', generation = 1): Wakeup {
  return { detector: { model: 'timer', keyValue }, timerName, generation, dueAt };
}

function written(): { PutRequest?: { Item?: Record<string, AttributeValue> }; DeleteRequest?: { Key?: Record<string, AttributeValue> } }[][] {
  return dynamodb.commandCalls(BatchWriteItemCommand).map((call) => call.args[0].input.RequestItems?.[TABLE] ?? []);
}

describe('DynamoWakeupStore', () => {
  let now: number;
  let store: DynamoWakeupStore;

  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
    now = T0;
    store = new DynamoWakeupStore({ client, tableName: TABLE, shards: 4, retentionMs: WEEK_S * 1000, now: () => now });
  });

  it('writes a wake-up under its due minute and shard, sorted by due time, with a TTL its retention after it is due', async () => {
    // Arrange
    const dueAt = T0 + 90_500;

    // Act
    await store.schedule([wakeup('a', dueAt)]);

    // Assert
    const [[request]] = written();
    expect(request.PutRequest?.Item).toEqual({
      pk: { S: expect.stringMatching(new RegExp(`^due#${Math.floor(dueAt / MINUTE)}#[0-3]$`)) },
      sk: { S: `${String(dueAt).padStart(15, '0')}#timer|a#t#1` },
      model: { S: 'timer' },
      keyValue: { S: 'a' },
      timerName: { S: 't' },
      generation: { N: '1' },
      dueAt: { N: String(dueAt) },
      ttl: { N: String(Math.floor(dueAt / 1000) + WEEK_S) },
    });
  });

  it('writes a singleton detector’s wake-up without a key value', async () => {
    // Act
    await store.schedule([wakeup(undefined, T0)]);

    // Assert
    const item = written()[0][0].PutRequest?.Item;
    expect(item).not.toHaveProperty('keyValue');
    expect(item?.sk).toEqual({ S: `${String(T0).padStart(15, '0')}#timer|#t#1` });
  });

  it('spreads the wake-ups of one minute over every shard, and keeps each timer on its shard', async () => {
    // Act
    await store.schedule(Array.from({ length: 25 }, (_, i) => wakeup(`k${i}`, T0 + i)));
    await store.remove(Array.from({ length: 25 }, (_, i) => wakeup(`k${i}`, T0 + i)));

    // Assert
    const [puts, deletes] = written();
    const partitions = puts.map((request) => request.PutRequest?.Item?.pk.S);
    expect(new Set(partitions)).toEqual(new Set([0, 1, 2, 3].map((shard) => `due#${T0 / MINUTE}#${shard}`)));
    expect(deletes.map((request) => request.DeleteRequest?.Key)).toEqual(puts.map((request) => ({ pk: request.PutRequest?.Item?.pk, sk: request.PutRequest?.Item?.sk })));
  });

  it('keeps each timer on the shard it was stored under, across releases', async () => {
    // Arrange: the shard is persisted in `pk`; a changed hash would strand the records already written.
    const keys = ['a', 'device-7', 'Fulton-A32', 'capteur-é', '🚗', undefined];
    const wide = new DynamoWakeupStore({ client, tableName: TABLE, shards: 65521, retentionMs: WEEK_S * 1000, now: () => now });

    // Act
    await store.schedule(keys.map((keyValue) => wakeup(keyValue, 0)));
    await wide.schedule(keys.map((keyValue) => wakeup(keyValue, 0)));

    // Assert
    const [narrow, spread] = written().map((requests) => requests.map((request) => request.PutRequest?.Item?.pk.S));
    expect(narrow).toEqual(['due#0#2', 'due#0#3', 'due#0#2', 'due#0#3', 'due#0#1', 'due#0#1']);
    expect(spread).toEqual(['due#0#30149', 'due#0#21229', 'due#0#3632', 'due#0#11222', 'due#0#1154', 'due#0#27319']);
  });

  it('writes at most 25 requests per BatchWriteItem', async () => {
    // Act
    await store.schedule(Array.from({ length: 60 }, (_, i) => wakeup(`k${i}`, T0)));

    // Assert
    expect(written().map((batch) => batch.length)).toEqual([25, 25, 10]);
  });

  it('writes again exactly the items DynamoDB left unprocessed', async () => {
    // Arrange
    const leftOver = { [TABLE]: [{ DeleteRequest: { Key: { pk: { S: 'due#1#0' }, sk: { S: 'x' } } } }] };
    dynamodb.on(BatchWriteItemCommand).resolvesOnce({ UnprocessedItems: leftOver }).resolves({});

    // Act
    await store.remove([wakeup('a', T0), wakeup('b', T0)]);

    // Assert
    expect(dynamodb.commandCalls(BatchWriteItemCommand)[1].args[0].input).toEqual({ RequestItems: leftOver });
  });

  it('makes no call for no wake-ups', async () => {
    // Act
    await store.schedule([]);

    // Assert
    expect(dynamodb.calls()).toHaveLength(0);
  });

  describe('due', () => {
    function stored(w: Wakeup, ttl = Math.floor(w.dueAt / 1000) + WEEK_S): Record<string, AttributeValue> {
      return { model: { S: w.detector.model }, keyValue: { S: w.detector.keyValue as string }, timerName: { S: w.timerName }, generation: { N: String(w.generation) }, dueAt: { N: String(w.dueAt) }, ttl: { N: String(ttl) } };
    }

    it('queries every shard of every minute in the range, between the two times', async () => {
      // Arrange
      dynamodb.on(QueryCommand).resolves({ Items: [] });
      const since = T0 + 30_000;
      const until = T0 + MINUTE + 5_000;

      // Act
      await store.due(since, until);

      // Assert
      const inputs = dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input);
      const minute = T0 / MINUTE;
      expect(inputs.map((input) => input.ExpressionAttributeValues?.[':pk'].S)).toEqual([0, 1, 2, 3].map((s) => `due#${minute}#${s}`).concat([0, 1, 2, 3].map((s) => `due#${minute + 1}#${s}`)));
      expect(inputs[0]).toEqual({
        TableName: TABLE,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': { S: `due#${minute}#0` }, ':from': { S: String(since).padStart(15, '0') }, ':to': { S: `${String(until).padStart(15, '0')}~` } },
        ExclusiveStartKey: undefined,
      });
    });

    it('follows pagination and returns the wake-ups earliest first', async () => {
      // Arrange
      const [early, late, middle] = [wakeup('a', T0 + 1000), wakeup('b', T0 + 3000), wakeup('c', T0 + 2000)];
      const after = { pk: { S: 'due#x#0' }, sk: { S: 'y' } };
      dynamodb
        .on(QueryCommand)
        .resolvesOnce({ Items: [stored(late)], LastEvaluatedKey: after })
        .resolvesOnce({ Items: [stored(early)] })
        .resolvesOnce({ Items: [stored(middle)] })
        .resolves({ Items: [] });

      // Act
      const found = await store.due(T0, T0 + 5000);

      // Assert
      expect(found).toEqual([early, middle, late]);
      // The partitions are read in parallel: the continuation asks the same partition as the first page.
      const inputs = dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input as QueryCommandInput);
      const continued = inputs.filter((input) => input.ExclusiveStartKey !== undefined);
      expect(continued).toEqual([expect.objectContaining({ ExclusiveStartKey: after, ExpressionAttributeValues: inputs[0].ExpressionAttributeValues })]);
    });

    it('ignores records whose TTL has passed but which DynamoDB has not deleted yet', async () => {
      // Arrange
      now = T0 + 10 * 24 * 3_600_000;
      const expired = wakeup('old', T0);
      const current = wakeup('new', T0 + 1000);
      dynamodb.on(QueryCommand).resolvesOnce({ Items: [stored(expired, Math.floor(now / 1000) - 1), stored(current, Math.floor(now / 1000) + 60)] }).resolves({ Items: [] });

      // Act
      const found = await store.due(T0, T0 + 5000);

      // Assert
      expect(found).toEqual([current]);
    });

    it('keeps a record without a TTL attribute', async () => {
      // Arrange
      const { ttl: _ttl, ...item } = stored(wakeup('a', T0));
      dynamodb.on(QueryCommand).resolvesOnce({ Items: [item] }).resolves({ Items: [] });

      // Act & Assert
      await expect(store.due(T0, T0 + 1000)).resolves.toEqual([wakeup('a', T0)]);
    });
  });
});
