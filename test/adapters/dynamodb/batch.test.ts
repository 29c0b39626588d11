import { BatchGetItemCommand, BatchWriteItemCommand, DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { batchGet, batchWrite } from '../../../lib/adapters/dynamodb/batch';

const TABLE = 'vigil-test-batch';
const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });

const put = (i: number): WriteRequest => ({ PutRequest: { Item: { pk: { S: `k${i}` } } } });
const key = (i: number) => ({ pk: { S: `k${i}` } });

describe('batchWrite', () => {
  beforeEach(() => dynamodb.reset());

  it('writes in calls of at most 25 requests, in order', async () => {
    // Arrange
    dynamodb.on(BatchWriteItemCommand).resolves({ UnprocessedItems: {} });
    const requests = Array.from({ length: 60 }, (_, i) => put(i));

    // Act
    await batchWrite(client, TABLE, requests);

    // Assert
    expect(dynamodb.commandCalls(BatchWriteItemCommand).map((call) => call.args[0].input)).toEqual([
      { RequestItems: { [TABLE]: requests.slice(0, 25) } },
      { RequestItems: { [TABLE]: requests.slice(25, 50) } },
      { RequestItems: { [TABLE]: requests.slice(50) } },
    ]);
  });

  it('writes again exactly what DynamoDB left unprocessed', async () => {
    // Arrange
    const leftOver = { [TABLE]: [put(1)] };
    dynamodb.on(BatchWriteItemCommand).resolvesOnce({ UnprocessedItems: leftOver }).resolves({});

    // Act
    await batchWrite(client, TABLE, [put(0), put(1)]);

    // Assert
    expect(dynamodb.commandCalls(BatchWriteItemCommand)[1].args[0].input).toEqual({ RequestItems: leftOver });
  });

  it('makes no call for no requests', async () => {
    await batchWrite(client, TABLE, []);

    expect(dynamodb.commandCalls(BatchWriteItemCommand)).toHaveLength(0);
  });
});

describe('batchGet', () => {
  beforeEach(() => dynamodb.reset());

  it('reads in calls of at most 100 keys, each with the given attributes, and returns every item found', async () => {
    // Arrange
    dynamodb.on(BatchGetItemCommand).callsFake((input: { RequestItems: Record<string, { Keys: unknown[] }> }) => ({ Responses: { [TABLE]: input.RequestItems[TABLE].Keys.slice(0, 1) } }));
    const keys = Array.from({ length: 150 }, (_, i) => key(i));

    // Act
    const items = await batchGet(client, TABLE, keys, { ConsistentRead: true, ProjectionExpression: '#pk', ExpressionAttributeNames: { '#pk': 'pk' } });

    // Assert
    expect(dynamodb.commandCalls(BatchGetItemCommand).map((call) => call.args[0].input)).toEqual([
      { RequestItems: { [TABLE]: { Keys: keys.slice(0, 100), ConsistentRead: true, ProjectionExpression: '#pk', ExpressionAttributeNames: { '#pk': 'pk' } } } },
      { RequestItems: { [TABLE]: { Keys: keys.slice(100), ConsistentRead: true, ProjectionExpression: '#pk', ExpressionAttributeNames: { '#pk': 'pk' } } } },
    ]);
    expect(items).toEqual([key(0), key(100)]);
  });

  it('asks again for exactly the keys DynamoDB left unprocessed', async () => {
    // Arrange
    const unprocessed = { [TABLE]: { Keys: [key(1)] } };
    dynamodb.on(BatchGetItemCommand).resolvesOnce({ Responses: { [TABLE]: [key(0)] }, UnprocessedKeys: unprocessed }).resolves({ Responses: { [TABLE]: [key(1)] } });

    // Act
    const items = await batchGet(client, TABLE, [key(0), key(1)]);

    // Assert
    expect(dynamodb.commandCalls(BatchGetItemCommand)[1].args[0].input).toEqual({ RequestItems: unprocessed });
    expect(items).toEqual([key(0), key(1)]);
  });
});
