import { BatchGetItemCommand, DynamoDBClient, QueryCommand, type BatchGetItemCommandInput, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { LIST_SHARDS, toItem } from '../../../lib/adapters/dynamodb/detector-item';
import { DynamoDetectorStore } from '../../../lib/adapters/dynamodb/detector-store';
import { InvalidTokenError } from '../../../lib/ports';
import { detectorSnapshot } from '../../support/detector-snapshots';

const TABLE = 'vigil-test-detectors';
const dynamodb = mockClient(DynamoDBClient);

/** A stored detector item for `keyValue` (in state `stateName`, when given). */
function detectorItem(keyValue: string, stateName?: string) {
  const snapshot = detectorSnapshot({ keyValue, ...(stateName ? { stateName } : {}) });
  return toItem({ key: { model: 'counter', keyValue }, expectedVersion: undefined, snapshot, recentIds: new Uint8Array(0), effects: [] }, 1);
}

/** An index item of detector `keyValue`: what the byModel index holds of a detector written today (its keys only). */
function indexItem(keyValue: string) {
  const { listPk, listSk, pk } = detectorItem(keyValue);
  return { listPk, listSk, pk };
}

/** Answers BatchGetItem from the detectors that exist (all of them, unless `deleted`), in `states` when given. */
function detectors(deleted: string[] = [], states: Record<string, string> = {}) {
  dynamodb.on(BatchGetItemCommand).callsFake((input: BatchGetItemCommandInput) => {
    const keys = input.RequestItems?.[TABLE].Keys ?? [];
    const present = keys.map((key) => (key.pk.S as string).split('|')[1]).filter((keyValue) => !deleted.includes(keyValue));
    const items = present.map((keyValue) => detectorItem(keyValue, states[keyValue]));
    return { Responses: { [TABLE]: items.map(({ pk, snapshot }) => ({ pk, snapshot })) } };
  });
}

/** Answers each partition's Query with `pages[shard]` (one page per call, in order). */
function partitions(pages: Record<number, { keys: string[]; more?: boolean }[]>) {
  const served: Record<number, number> = {};
  dynamodb.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const shard = Number(input.ExpressionAttributeValues?.[':pk'].S?.split('#')[1]);
    const page = pages[shard]?.[(served[shard] = (served[shard] ?? -1) + 1)] ?? { keys: [] };
    return { Items: page.keys.map(indexItem), LastEvaluatedKey: page.more ? { pk: { S: `counter|${page.keys.at(-1)}` }, listPk: { S: `counter#${shard}` }, listSk: { S: page.keys.at(-1) } } : undefined };
  });
}

function queries(): QueryCommandInput[] {
  return dynamodb.commandCalls(QueryCommand).map((call) => call.args[0].input);
}

describe('DynamoDetectorStore.list', () => {
  const store = new DynamoDetectorStore({ client: new DynamoDBClient({ region: 'us-east-1' }), tableName: TABLE });

  beforeEach(() => {
    dynamodb.reset();
    detectors();
  });

  it('queries the byModel index partition by partition until the page is full', async () => {
    // Arrange
    partitions({ 0: [{ keys: ['a', 'b'] }], 1: [{ keys: ['c'], more: true }] });

    // Act
    const page = await store.list('counter', { limit: 3 });

    // Assert
    expect(page.items.map((summary) => summary.key.keyValue)).toEqual(['a', 'b', 'c']);
    expect(page.items[0]).toEqual({ key: { model: 'counter', keyValue: 'a' }, modelVersion: '1', stateName: 'Counting', creationTime: detectorSnapshot().creationTime, lastUpdateTime: detectorSnapshot().lastUpdateTime });
    expect(queries()).toEqual([
      { TableName: TABLE, IndexName: 'byModel', KeyConditionExpression: '#listPk = :pk', ExpressionAttributeNames: { '#listPk': 'listPk' }, ExpressionAttributeValues: { ':pk': { S: 'counter#0' } }, ExclusiveStartKey: undefined, Limit: 3 },
      { TableName: TABLE, IndexName: 'byModel', KeyConditionExpression: '#listPk = :pk', ExpressionAttributeNames: { '#listPk': 'listPk' }, ExpressionAttributeValues: { ':pk': { S: 'counter#1' } }, ExclusiveStartKey: undefined, Limit: 1 },
    ]);
    expect(page.nextToken).toEqual(expect.any(String));
  });

  it('reads state, versions and times from the detectors’ snapshots, since the index keeps none of them', async () => {
    // Arrange
    partitions({ 0: [{ keys: ['a', 'b', 'c'] }] });
    detectors(['b']);

    // Act
    const page = await store.list('counter', { limit: 250 });

    // Assert: one BatchGetItem for the page, and a detector deleted meanwhile left out.
    expect(dynamodb.commandCalls(BatchGetItemCommand).map((call) => call.args[0].input.RequestItems?.[TABLE])).toEqual([
      {
        Keys: [{ pk: { S: 'counter|a' } }, { pk: { S: 'counter|b' } }, { pk: { S: 'counter|c' } }],
        ProjectionExpression: '#pk, #snapshot',
        ExpressionAttributeNames: { '#pk': 'pk', '#snapshot': 'snapshot' },
      },
    ]);
    expect(page.items.map((summary) => summary.key.keyValue)).toEqual(['a', 'c']);
  });

  it('continues where the previous page stopped, inside the same partition', async () => {
    // Arrange
    partitions({ 1: [{ keys: ['c'], more: true }, { keys: ['d'] }] });
    const first = await store.list('counter', { limit: 1 });

    // Act
    const second = await store.list('counter', { limit: 1, nextToken: first.nextToken });

    // Assert
    expect(second.items.map((summary) => summary.key.keyValue)).toEqual(['d']);
    const resumed = queries().find((query) => query.ExclusiveStartKey !== undefined);
    expect(resumed).toMatchObject({ ExpressionAttributeValues: { ':pk': { S: 'counter#1' } }, ExclusiveStartKey: { pk: { S: 'counter|c' }, listPk: { S: 'counter#1' }, listSk: { S: 'c' } } });
  });

  it('gives no next token once the last partition is read', async () => {
    // Arrange
    partitions({ 2: [{ keys: ['x'] }], 7: [{ keys: ['y'] }] });

    // Act
    const page = await store.list('counter', { limit: 50 });

    // Assert
    expect(page).toEqual({ items: [expect.objectContaining({ key: { model: 'counter', keyValue: 'x' } }), expect.objectContaining({ key: { model: 'counter', keyValue: 'y' } })], nextToken: undefined });
    expect(queries().map((query) => query.ExpressionAttributeValues?.[':pk'].S)).toEqual(Array.from({ length: LIST_SHARDS }, (_, i) => `counter#${i}`));
  });

  it('filters by state name, read from the detectors (the index never holds a state: changing one costs no index write)', async () => {
    // Arrange
    partitions({ 0: [{ keys: ['a', 'b', 'c'] }] });
    detectors([], { b: 'Dangerous' });

    // Act
    const page = await store.list('counter', { limit: 10, stateName: 'Dangerous' });

    // Assert
    expect(page.items.map((summary) => [summary.key.keyValue, summary.stateName])).toEqual([['b', 'Dangerous']]);
    expect(queries()[0]).not.toHaveProperty('FilterExpression');
  });

  it('keeps reading when a filtered page comes back empty but not finished', async () => {
    // Arrange
    partitions({ 0: [{ keys: [], more: true }, { keys: ['late'] }] });

    // Act
    const page = await store.list('counter', { limit: 1, stateName: 'Counting' });

    // Assert
    expect(page.items.map((summary) => summary.key.keyValue)).toEqual(['late']);
  });

  it.each([
    ['text that is not a token', 'not-a-token'],
    ['a partition out of range', Buffer.from(JSON.stringify({ shard: 99 })).toString('base64url')],
    ['a partition that is not a number', Buffer.from(JSON.stringify({ shard: 'one' })).toString('base64url')],
  ])('refuses %s as nextToken', async (_, token) => {
    // Act & Assert
    await expect(store.list('counter', { limit: 1, nextToken: token })).rejects.toThrow(InvalidTokenError);
    expect(dynamodb.calls()).toHaveLength(0);
  });
});
