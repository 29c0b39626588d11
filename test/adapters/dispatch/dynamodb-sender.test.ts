import { DeleteItemCommand, DynamoDBClient, ProvisionedThroughputExceededException, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { dynamoDbEffect, instantRetry, json, string } from './effects';

describe('dynamoDB actions', () => {
  const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
  const dynamoMock = mockClient(dynamodb);
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    dynamoMock.reset();
    dynamoMock.on(PutItemCommand).resolves({}).on(UpdateItemCommand).resolves({}).on(DeleteItemCommand).resolves({});
    dispatcher = createActionDispatcher({ clients: { dynamodb }, retry: instantRetry().retry });
  });

  it('puts an item with the JSON payload as a map in payloadField on INSERT, keeping 20.0 as N "20.0"', async () => {
    // Arrange
    const effect = dynamoDbEffect({ payload: json('{"pressure": 20.0, "count": 3, "ok": true, "tags": ["a", null], "id": 9223372036854775807}') });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    expect(dynamoMock.commandCalls(PutItemCommand)[0].args[0].input).toEqual({
      TableName: 'MotorEvents',
      Item: {
        motorId: { S: 'Fulton-A32' },
        payload: {
          M: {
            pressure: { N: '20.0' },
            count: { N: '3' },
            ok: { BOOL: true },
            tags: { L: [{ S: 'a' }, { NULL: true }] },
            id: { N: '9223372036854775807' },
          },
        },
      },
    });
  });

  it('types NUMBER hash and range keys as N', async () => {
    // Arrange
    const effect = dynamoDbEffect({ hashKeyField: 'deviceId', hashKeyValue: '42', hashKeyType: 'NUMBER', rangeKeyField: 'time', rangeKeyValue: '1700000000123', rangeKeyType: 'NUMBER' });

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    expect(dynamoMock).toHaveReceivedCommandWith(PutItemCommand, { Item: expect.objectContaining({ deviceId: { N: '42' }, time: { N: '1700000000123' } }) });
  });

  it('stores a STRING payload as binary in <payloadField>_raw', async () => {
    // Arrange
    const effect = dynamoDbEffect({ payloadField: 'payload', payload: string('pump failure') });

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    const item = dynamoMock.commandCalls(PutItemCommand)[0].args[0].input.Item ?? {};
    expect(Object.keys(item).sort()).toEqual(['motorId', 'payload_raw']);
    expect(Buffer.from(item.payload_raw.B ?? new Uint8Array()).toString('utf8')).toBe('pump failure');
  });

  it('stores a JSON payload that does not parse as binary too, as IoT Events did', async () => {
    // Act
    await dispatcher.dispatch([dynamoDbEffect({ payloadField: 'data', payload: json('{not json') })]);

    // Assert
    const item = dynamoMock.commandCalls(PutItemCommand)[0].args[0].input.Item ?? {};
    expect(Buffer.from(item.data_raw.B ?? new Uint8Array()).toString('utf8')).toBe('{not json');
  });

  it('sets payloadField of the item on UPDATE', async () => {
    // Arrange
    const effect = dynamoDbEffect({ operation: 'UPDATE', rangeKeyField: 'sensor', rangeKeyValue: 'p1', payloadField: 'latest', payload: json('{"pressure": 20.0}') });

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    expect(dynamoMock.commandCalls(UpdateItemCommand)[0].args[0].input).toEqual({
      TableName: 'MotorEvents',
      Key: { motorId: { S: 'Fulton-A32' }, sensor: { S: 'p1' } },
      UpdateExpression: 'SET #payload = :payload',
      ExpressionAttributeNames: { '#payload': 'latest' },
      ExpressionAttributeValues: { ':payload': { M: { pressure: { N: '20.0' } } } },
    });
  });

  it('deletes the item by its key on DELETE', async () => {
    // Act
    await dispatcher.dispatch([dynamoDbEffect({ operation: 'DELETE', hashKeyType: 'NUMBER', hashKeyValue: '7' })]);

    // Assert
    expect(dynamoMock.commandCalls(DeleteItemCommand)[0].args[0].input).toEqual({ TableName: 'MotorEvents', Key: { motorId: { N: '7' } } });
    expect(dynamoMock).not.toHaveReceivedCommand(PutItemCommand);
  });

  it('writes the actions of one table in the order given', async () => {
    // Arrange
    const effects = [dynamoDbEffect({ operation: 'INSERT' }), dynamoDbEffect({ operation: 'UPDATE' }), dynamoDbEffect({ operation: 'DELETE' })];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    expect(dynamoMock.calls().map((call) => call.args[0].constructor.name)).toEqual(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand']);
  });

  it('fails without sending when a NUMBER key is not a number', async () => {
    // Act
    const [outcome] = await dispatcher.dispatch([dynamoDbEffect({ hashKeyType: 'NUMBER', hashKeyValue: 'Fulton-A32' })]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 0, error: { code: 'InvalidKey' } });
    expect(dynamoMock).not.toHaveReceivedAnyCommand();
  });

  it('retries when the table is over its provisioned throughput', async () => {
    // Arrange
    dynamoMock
      .on(PutItemCommand)
      .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))
      .resolves({});

    // Act
    const [outcome] = await dispatcher.dispatch([dynamoDbEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: true, attempts: 2 });
  });
});
