import { ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoSchedulerState } from '../../../lib/adapters/dynamodb/scheduler-state';

const TABLE = 'vigil-test-timers';
const KEY = { pk: { S: 'scheduler' }, sk: { S: 'watermark' } };
const dynamodb = mockClient(DynamoDBClient);

describe('DynamoSchedulerState', () => {
  const state = new DynamoSchedulerState(new DynamoDBClient({ region: 'us-east-1' }), TABLE);

  beforeEach(() => dynamodb.reset());

  it('reads the watermark with a strongly consistent read', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).resolves({ Item: { ...KEY, at: { N: '1795262400000' } } });

    // Act
    const watermark = await state.watermark();

    // Assert
    expect(watermark).toBe(1_795_262_400_000);
    expect(dynamodb).toHaveReceivedCommandWith(GetItemCommand, { TableName: TABLE, Key: KEY, ConsistentRead: true });
  });

  it('has no watermark before the first run', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).resolves({});

    // Act & Assert
    await expect(state.watermark()).resolves.toBeUndefined();
  });

  it('moves the watermark with a write that only succeeds forward', async () => {
    // Arrange
    dynamodb.on(UpdateItemCommand).resolves({});

    // Act
    await state.advance(1_795_262_460_000);

    // Assert
    expect(dynamodb.commandCalls(UpdateItemCommand)[0].args[0].input).toEqual({
      TableName: TABLE,
      Key: KEY,
      UpdateExpression: 'SET #at = :to',
      ConditionExpression: 'attribute_not_exists(#at) OR #at < :to',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: { ':to': { N: '1795262460000' } },
    });
  });

  it('leaves a later watermark another scheduler wrote alone, without failing', async () => {
    // Arrange
    dynamodb.on(UpdateItemCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

    // Act & Assert
    await expect(state.advance(1)).resolves.toBeUndefined();
  });

  it('records a sweep request in the sweep item, keeping only the latest request', async () => {
    // Arrange
    dynamodb.on(UpdateItemCommand).resolves({});

    // Act
    await state.requestSweep(1_795_262_460_000, 'the watermark is old');

    // Assert
    expect(dynamodb.commandCalls(UpdateItemCommand)[0].args[0].input).toEqual({
      TableName: TABLE,
      Key: { pk: { S: 'scheduler' }, sk: { S: 'sweep' } },
      UpdateExpression: 'SET #at = :to, #x0 = :x0',
      ConditionExpression: 'attribute_not_exists(#at) OR #at < :to',
      ExpressionAttributeNames: { '#at': 'requestedAt', '#x0': 'requestReason' },
      ExpressionAttributeValues: { ':to': { N: '1795262460000' }, ':x0': { S: 'the watermark is old' } },
    });
  });

  it('passes on any other failure', async () => {
    // Arrange
    dynamodb.on(UpdateItemCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    // Act & Assert
    await expect(state.advance(1)).rejects.toThrow('Rate exceeded');
  });
});
