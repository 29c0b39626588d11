import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createActionDispatcher } from '../../../lib/adapters/dispatch';
import { isIngestEnvelope } from '../../../lib/ports/ingest-envelope';
import { INGEST_QUEUE, instantRetry, iotEventsEffect } from './effects';

describe('iotEvents actions', () => {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sqsMock = mockClient(sqs);

  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(SendMessageBatchCommand).resolves({ Failed: [] });
  });

  it('sends an ingest envelope whose messageId is the action execution id', async () => {
    // Arrange
    const dispatcher = createActionDispatcher({ clients: { sqs }, ingestQueueUrl: INGEST_QUEUE, retry: instantRetry().retry });
    const effect = iotEventsEffect();

    // Act
    const outcomes = await dispatcher.dispatch([effect]);

    // Assert
    expect(outcomes).toEqual([{ effect, ok: true, attempts: 1 }]);
    const input = sqsMock.commandCalls(SendMessageBatchCommand)[0].args[0].input;
    expect(input.QueueUrl).toBe(INGEST_QUEUE);
    const body = input.Entries?.[0].MessageBody ?? '';
    expect(JSON.parse(body)).toEqual({ vigilEnvelope: 1, inputName: 'PressureInput', messageId: effect.actionExecutionId, payload: effect.payload.text, timestamp: effect.time });
    expect(isIngestEnvelope(JSON.parse(body))).toBe(true);
    expect(body).toContain('20.0');
  });

  it('batches actions for different inputs into one call to the ingest queue', async () => {
    // Arrange
    const dispatcher = createActionDispatcher({ clients: { sqs }, ingestQueueUrl: INGEST_QUEUE, retry: instantRetry().retry });
    const effects = [iotEventsEffect({ inputName: 'A' }), iotEventsEffect({ inputName: 'B' })];

    // Act
    await dispatcher.dispatch(effects);

    // Assert
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 1);
    const inputs = sqsMock.commandCalls(SendMessageBatchCommand)[0].args[0].input.Entries?.map((entry) => JSON.parse(entry.MessageBody ?? '').inputName);
    expect(inputs).toEqual(['A', 'B']);
  });

  it('sends a group and deduplication id when the ingest queue is FIFO', async () => {
    // Arrange
    const fifo = `${INGEST_QUEUE}.fifo`;
    const dispatcher = createActionDispatcher({ clients: { sqs }, ingestQueueUrl: fifo, retry: instantRetry().retry });
    const effect = iotEventsEffect();

    // Act
    await dispatcher.dispatch([effect]);

    // Assert
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, {
      QueueUrl: fifo,
      Entries: [expect.objectContaining({ MessageGroupId: 'PressureInput', MessageDeduplicationId: effect.actionExecutionId })],
    });
  });

  it('fails without sending when no ingest queue is configured', async () => {
    // Arrange
    const dispatcher = createActionDispatcher({ clients: { sqs } });

    // Act
    const [outcome] = await dispatcher.dispatch([iotEventsEffect()]);

    // Assert
    expect(outcome).toMatchObject({ ok: false, attempts: 0, error: { code: 'MissingClient' } });
    expect(outcome.ok || outcome.error.message).toContain('ingestQueueUrl');
    expect(sqsMock).not.toHaveReceivedAnyCommand();
  });
});
