import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../lib/adapters/dispatch';
import { actionLine } from '../../cli/action-line';
import { instantRetry, json, sqsEffect, string } from '../adapters/dispatch/effects';

describe('actionLine', () => {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sqsMock = mockClient(sqs);

  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  });

  it.each([
    ['a JSON payload with useBase64', sqsEffect({ useBase64: true, payload: json('{"pump": "°C", "v": 1.50}') })],
    ['a STRING payload with useBase64', sqsEffect({ useBase64: true, payload: string('pump °C') })],
  ])('prints the message body the SQS sender sends for %s', async (_, effect) => {
    // Arrange
    const dispatcher = createActionDispatcher({ clients: { sqs }, retry: instantRetry().retry });
    // Act
    await dispatcher.dispatch([effect]);
    const printed = JSON.parse(actionLine(0, effect)) as { payload: unknown };
    // Assert
    const sent = sqsMock.commandCalls(SendMessageBatchCommand)[0].args[0].input.Entries?.[0].MessageBody;
    expect(printed.payload).toBe(sent);
    expect(Buffer.from(sent as string, 'base64').toString('utf8')).toBe(effect.payload.text);
  });

  it('prints a JSON payload without useBase64 as its own text, on one line', () => {
    const line = actionLine(0, sqsEffect({ payload: json('{\n  "v": 1.50\n}') }));
    expect(line.endsWith(',"payload":{"v":1.50}}')).toBe(true);
  });
});
