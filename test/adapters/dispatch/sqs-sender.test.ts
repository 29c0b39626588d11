import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { QUEUE, instantRetry, json, sqsEffect, string } from './effects';

const OTHER_QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/maintenance';

describe('sqs actions', () => {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sqsMock = mockClient(sqs);
  let dispatcher: ReturnType<typeof createActionDispatcher>;

  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    dispatcher = createActionDispatcher({ clients: { sqs }, retry: instantRetry().retry });
  });

  it('sends the payload text as the message body', async () => {
    // Arrange
    const effect = sqsEffect({ payload: json('{"pressure": 20.0}') });

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    expect(sqsMock.commandCalls(SendMessageBatchCommand)[0].args[0].input).toEqual({ QueueUrl: QUEUE, Entries: [{ Id: '0', MessageBody: '{"pressure": 20.0}' }] });
  });

  it('sends the base64 of the payload bytes when the action sets useBase64', async () => {
    // Arrange
    const effect = sqsEffect({ useBase64: true, payload: string('pump °C') });

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, { Entries: [{ Id: '0', MessageBody: Buffer.from('pump °C', 'utf8').toString('base64') }] });
  });

  it('groups the messages of a FIFO queue per detector and deduplicates them by actionExecutionId', async () => {
    // Arrange
    const effect = sqsEffect({ queueUrl: `${QUEUE}.fifo` });

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      QueueUrl: `${QUEUE}.fifo`,
      Entries: [{ Id: '0', MessageBody: effect.payload.text, MessageGroupId: 'motorDetectorModel|Fulton-A32', MessageDeduplicationId: effect.actionExecutionId }],
    });
  });

  it('batches per queue, at most 10 messages per call', async () => {
    // Arrange
    const effects = [...Array.from({ length: 12 }, () => sqsEffect()), sqsEffect({ queueUrl: OTHER_QUEUE })];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    const calls = sqsMock.commandCalls(SendMessageBatchCommand).map((call) => [call.args[0].input.QueueUrl, call.args[0].input.Entries?.length]);
    expect(calls).toEqual(expect.arrayContaining([[QUEUE, 10], [QUEUE, 2], [OTHER_QUEUE, 1]]));
    expect(calls).toHaveLength(3);
  });

  it('keeps each call under 256 KiB of bodies', async () => {
    // Arrange
    const body = 'x'.repeat(90 * 1024);
    const effects = Array.from({ length: 4 }, () => sqsEffect({ payload: string(body) }));

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    const sizes = sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.length);
    expect(sizes).toEqual([2, 2]);
  });

  it('sends again only the failed entries of a partial batch failure', async () => {
    // Arrange
    const effects = [sqsEffect({ payload: string('a') }), sqsEffect({ payload: string('b') }), sqsEffect({ payload: string('c') })];
    sqsMock
      .on(SendMessageBatchCommand)
      .resolvesOnce({ Failed: [{ Id: '0', Code: 'RequestThrottled', SenderFault: true, Message: 'slow down' }, { Id: '2', Code: 'InvalidMessageContents', SenderFault: true, Message: 'bad' }] })
      .resolves({ Failed: [] });

    // Act
    const outcomes = await dispatcher.dispatch(effects);

    // Assert
    expect(outcomes.map((outcome) => [outcome.ok, outcome.attempts])).toEqual([
      [true, 2],
      [true, 1],
      [false, 1],
    ]);
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 2);
    expect(sqsMock).toHaveReceivedNthSpecificCommandWith(2, SendMessageBatchCommand, { Entries: [{ Id: '0', MessageBody: 'a' }] });
  });
});
