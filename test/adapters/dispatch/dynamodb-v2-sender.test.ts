import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { dynamoDbV2Effect, instantRetry, json } from './effects';

describe('dynamoDBv2 actions', () => {
  const dynamodb = new DynamoDBClient({ region: 'us-east-1' });
  const dynamoMock = mockClient(dynamodb);
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    dynamoMock.reset();
    dynamoMock.on(PutItemCommand).resolves({});
    dispatcher = createActionDispatcher({ clients: { dynamodb }, retry: instantRetry().retry });
  });

  it('puts each top-level payload attribute in its own column, numbers keeping their text', async () => {
    // Arrange
    const effect = dynamoDbV2Effect({ payload: json('{"motorId": "Fulton-A32", "pressure": 20.0, "limits": {"max": 1.50}, "__proto__": "kept"}') });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    const input = dynamoMock.commandCalls(PutItemCommand)[0].args[0].input;
    expect(input.TableName).toBe('MotorState');
    expect(input.Item).toEqual({ motorId: { S: 'Fulton-A32' }, pressure: { N: '20.0' }, limits: { M: { max: { N: '1.50' } } }, ['__proto__']: { S: 'kept' } });
    expect(Object.keys(input.Item ?? {})).toContain('__proto__');
  });

  it.each([
    ['[1, 2]', 'got a JSON array'],
    ['"text"', 'got a JSON string'],
    ['20.0', 'got a JSON number'],
    ['{broken', 'but it is not JSON'],
  ])('fails permanently without sending when the payload is %s', async (text, reason) => {
    // Act
    const [outcome] = await dispatcher.dispatch([dynamoDbV2Effect({ payload: json(text) })]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 0, error: { name: 'ActionDeliveryError', code: 'InvalidPayload', transient: false } });
    expect(outcome.ok || outcome.error.message).toContain(`dynamoDBv2 payload must be a JSON object, ${reason}`);
    expect(dynamoMock).not.toHaveReceivedAnyCommand();
  });
});
