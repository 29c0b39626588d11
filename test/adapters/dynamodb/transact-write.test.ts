import { DynamoDBClient, TransactWriteItemsCommand, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { isTransientCancellation, transactWrite } from '../../../lib/adapters/dynamodb/transact-write';

const dynamodb = mockClient(DynamoDBClient);
const client = new DynamoDBClient({ region: 'us-east-1' });
const ITEMS = [{ Update: { TableName: 't', Key: { pk: { S: 'catalog' } }, UpdateExpression: 'ADD #r :one', ExpressionAttributeNames: { '#r': 'revision' }, ExpressionAttributeValues: { ':one': { N: '1' } } } }];

function cancelled(...codes: string[]): TransactionCanceledException {
  return new TransactionCanceledException({ message: 'Transaction cancelled', $metadata: {}, CancellationReasons: codes.map((Code) => ({ Code })) });
}

describe('transactWrite', () => {
  beforeEach(() => dynamodb.reset());

  it('sends the items as one transaction', async () => {
    // Arrange
    dynamodb.on(TransactWriteItemsCommand).resolves({});

    // Act
    await transactWrite(client, ITEMS, async () => undefined);

    // Assert
    expect(dynamodb.commandCalls(TransactWriteItemsCommand).map((call) => call.args[0].input)).toEqual([{ TransactItems: ITEMS }]);
  });

  it.each([['TransactionConflict'], ['ThrottlingError'], ['ProvisionedThroughputExceeded']])('tries again after a cancellation for %s, waiting in between', async (code) => {
    // Arrange
    dynamodb.on(TransactWriteItemsCommand).rejectsOnce(cancelled('None', code)).resolves({});
    const sleep = jest.fn(async () => undefined);

    // Act
    await transactWrite(client, ITEMS, sleep);

    // Assert
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(2);
    expect(sleep).toHaveBeenCalledTimes(1);
  });

  it('gives up after five attempts and passes the last cancellation on', async () => {
    // Arrange
    const failure = cancelled('TransactionConflict');
    dynamodb.on(TransactWriteItemsCommand).rejects(failure);

    // Act & Assert
    await expect(transactWrite(client, ITEMS, async () => undefined)).rejects.toBe(failure);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(5);
  });

  it('never retries a cancellation with a failed condition, even alongside a conflict', async () => {
    // Arrange
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'TransactionConflict'));

    // Act & Assert
    await expect(transactWrite(client, ITEMS, async () => undefined)).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(dynamodb.commandCalls(TransactWriteItemsCommand)).toHaveLength(1);
  });

  it('tells transient cancellations from the rest', () => {
    expect(isTransientCancellation(cancelled('None', 'TransactionConflict'))).toBe(true);
    expect(isTransientCancellation(cancelled('None', 'ValidationError'))).toBe(false);
    expect(isTransientCancellation(cancelled('None', 'None'))).toBe(false);
    expect(isTransientCancellation(new Error('TransactionConflict'))).toBe(false);
  });
});
