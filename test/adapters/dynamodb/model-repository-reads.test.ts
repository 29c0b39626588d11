import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, GetItemCommand, QueryCommand, TransactWriteItemsCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoModelRepository } from '../../../lib/adapters/dynamodb/model-repository';
import { COUNT_INPUT, T0, counterRequest } from '../../support/runtime-fixtures';

const TABLE = 'vigil-test-models';
const CATALOG = { pk: { S: 'catalog' }, sk: { S: 'catalog' } };
const dynamodb = mockClient(DynamoDBClient);

function modelItem(name: string, version: number, sk = 'latest'): Record<string, AttributeValue> {
  return { pk: { S: `model#${name}` }, sk: { S: sk }, version: { N: String(version) }, request: { S: JSON.stringify(counterRequest(name)) }, created: { N: String(T0) }, updated: { N: String(T0 + version) } };
}

function catalog(models: Record<string, number>, inputs: string[] = []) {
  const item: Record<string, AttributeValue> = { ...CATALOG, revision: { N: '9' } };
  for (const [name, version] of Object.entries(models)) item[`m_${name}`] = { N: String(version) };
  for (const name of inputs) item[`i_${name}`] = { N: String(T0) };
  return { Item: item };
}

describe('DynamoModelRepository reads', () => {
  const repository = new DynamoModelRepository(new DynamoDBClient({ region: 'us-east-1' }), TABLE);

  beforeEach(() => dynamodb.reset());

  it('reads the latest version of a model, or the one asked for; an item without an origin reads as unknown', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).resolves({ Item: modelItem('counter', 3) });

    // Act
    const latest = await repository.getModel('counter');
    await repository.getModel('counter', '2');

    // Assert
    expect(latest).toEqual({ name: 'counter', version: '3', request: counterRequest(), creationTime: T0, lastUpdateTime: T0 + 3, origin: { kind: 'unknown' } });
    expect(dynamodb.commandCalls(GetItemCommand).map((call) => call.args[0].input)).toEqual([
      { TableName: TABLE, Key: { pk: { S: 'model#counter' }, sk: { S: 'latest' } }, ConsistentRead: true },
      { TableName: TABLE, Key: { pk: { S: 'model#counter' }, sk: { S: 'v#0000000002' } }, ConsistentRead: true },
    ]);
  });

  it.each(['0', '01', 'x', '1.5', '12345678901'])('answers version %p as absent without reading', async (version) => {
    // Act & Assert
    await expect(repository.getModel('counter', version)).resolves.toBeUndefined();
    expect(dynamodb.calls()).toHaveLength(0);
  });

  it('lists the latest version of every model by name, one page at a time', async () => {
    // Arrange
    dynamodb.on(GetItemCommand, { Key: CATALOG }).resolves(catalog({ zeta: 1, alpha: 2, mid: 1 }));
    dynamodb.on(BatchGetItemCommand).callsFake((input) => ({ Responses: { [TABLE]: input.RequestItems[TABLE].Keys.map((key: { pk: { S: string } }) => modelItem(key.pk.S.slice(6), 1)).reverse() } }));

    // Act
    const first = await repository.listModels(2);
    const second = await repository.listModels(2, first.nextToken);

    // Assert
    expect(first.items.map((record) => record.name)).toEqual(['alpha', 'mid']);
    expect(first.nextToken).toBe('mid');
    expect(second).toEqual({ items: [expect.objectContaining({ name: 'zeta' })], nextToken: undefined });
    expect(dynamodb.commandCalls(BatchGetItemCommand)[0].args[0].input).toEqual({
      RequestItems: { [TABLE]: { Keys: [{ pk: { S: 'model#alpha' }, sk: { S: 'latest' } }, { pk: { S: 'model#mid' }, sk: { S: 'latest' } }], ConsistentRead: true } },
    });
  });

  it('reads the models of a page again when DynamoDB leaves keys unprocessed', async () => {
    // Arrange
    dynamodb.on(GetItemCommand, { Key: CATALOG }).resolves(catalog({ a: 1, b: 1 }));
    const unprocessed = { [TABLE]: { Keys: [{ pk: { S: 'model#b' }, sk: { S: 'latest' } }], ConsistentRead: true } };
    dynamodb.on(BatchGetItemCommand).resolvesOnce({ Responses: { [TABLE]: [modelItem('a', 1)] }, UnprocessedKeys: unprocessed }).resolves({ Responses: { [TABLE]: [modelItem('b', 1)] } });

    // Act
    const page = await repository.listModels(10);

    // Assert
    expect(page.items.map((record) => record.name)).toEqual(['a', 'b']);
    expect(dynamodb.commandCalls(BatchGetItemCommand)[1].args[0].input).toEqual({ RequestItems: unprocessed });
  });

  it('lists the inputs by name', async () => {
    // Arrange
    dynamodb.on(GetItemCommand, { Key: CATALOG }).resolves(catalog({}, ['Count']));
    dynamodb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [{ pk: { S: 'input#Count' }, sk: { S: 'input' }, request: { S: JSON.stringify(COUNT_INPUT) }, created: { N: '1' }, updated: { N: '2' } }] } });

    // Act
    const page = await repository.listInputs(10);

    // Assert
    expect(page).toEqual({ items: [{ name: 'Count', request: COUNT_INPUT, creationTime: 1, lastUpdateTime: 2, origin: { kind: 'unknown' } }], nextToken: undefined });
  });

  it('lists the versions of a model newest first, continuing after the version in the token', async () => {
    // Arrange
    dynamodb.on(QueryCommand).resolves({ Items: [modelItem('counter', 5, 'v#0000000005'), modelItem('counter', 4, 'v#0000000004')], LastEvaluatedKey: { pk: { S: 'model#counter' }, sk: { S: 'v#0000000004' } } });

    // Act
    const page = await repository.listVersions('counter', 2, '6');

    // Assert
    expect(page.items.map((record) => record.version)).toEqual(['5', '4']);
    expect(page.nextToken).toBe('4');
    expect(dynamodb.commandCalls(QueryCommand)[0].args[0].input).toEqual({
      TableName: TABLE,
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :v)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': { S: 'model#counter' }, ':v': { S: 'v#' } },
      ScanIndexForward: false,
      Limit: 2,
      ExclusiveStartKey: { pk: { S: 'model#counter' }, sk: { S: 'v#0000000006' } },
    });
  });

  it('ends the version list when DynamoDB has no more', async () => {
    // Arrange
    dynamodb.on(QueryCommand).resolves({ Items: [modelItem('counter', 1, 'v#0000000001')] });

    // Act & Assert
    await expect(repository.listVersions('counter', 2)).resolves.toMatchObject({ nextToken: undefined });
  });

  it('deletes every item of a model, all pages of them, after removing it from the catalog', async () => {
    // Arrange: 30 items over two pages.
    const keys = Array.from({ length: 30 }, (_, i) => ({ pk: { S: 'model#counter' }, sk: { S: i ? `v#${String(i).padStart(10, '0')}` : 'latest' } }));
    dynamodb.on(QueryCommand).resolvesOnce({ Items: keys.slice(0, 20), LastEvaluatedKey: keys[19] }).resolvesOnce({ Items: keys.slice(20) });
    dynamodb.on(TransactWriteItemsCommand).resolves({});
    dynamodb.on(BatchWriteItemCommand).resolves({});

    // Act
    const deleted = await repository.deleteModel('counter');

    // Assert
    expect(deleted).toBe(true);
    expect(dynamodb.commandCalls(QueryCommand)[1].args[0].input).toMatchObject({ ProjectionExpression: 'pk, sk', ExclusiveStartKey: keys[19] });
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)[0].args[0].input.TransactItems?.[0].Update).toMatchObject({ UpdateExpression: 'REMOVE #entry ADD #revision :one', ExpressionAttributeNames: { '#entry': 'm_counter', '#revision': 'revision' } });
    const batches = dynamodb.commandCalls(BatchWriteItemCommand).map((call) => call.args[0].input.RequestItems?.[TABLE]);
    expect(batches.map((batch) => batch?.length)).toEqual([25, 5]);
    expect(batches.flat().map((request) => request?.DeleteRequest?.Key)).toEqual(keys);
  });

  it('answers false for a model that does not exist, writing nothing', async () => {
    // Arrange
    dynamodb.on(QueryCommand).resolves({ Items: [] });

    // Act & Assert
    await expect(repository.deleteModel('nobody')).resolves.toBe(false);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(0);
  });
});
