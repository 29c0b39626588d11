import { QueueDoesNotExist, RequestThrottled, SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { FailureSinkError, createSqsFailureSink, type FailureRecord } from '../../../lib/adapters/dispatch';
import type { DispatchOutcome } from '../../../lib/ports/action-dispatcher';
import { instantRetry, json, snsEffect } from './effects';

const DLQ = 'https://sqs.us-east-1.amazonaws.com/123456789012/vigil-actions-dlq';
const NOW = new Date('2026-11-21T12:00:00.000Z');

type Failure = Extract<DispatchOutcome, { ok: false }>;
const failure = (effect = snsEffect(), error: Error = new Error('Topic does not exist')): Failure => ({ effect, ok: false, attempts: 4, error });
const bodies = (mock: ReturnType<typeof mockClient>) =>
  mock.commandCalls(SendMessageBatchCommand).flatMap((call) => (call.args[0].input.Entries ?? []).map((entry) => JSON.parse(entry.MessageBody ?? '') as FailureRecord));

describe('createSqsFailureSink', () => {
  const sqs = new SQSClient({ region: 'us-east-1' });
  const sqsMock = mockClient(sqs);
  const sink = (retry = instantRetry().retry) => createSqsFailureSink({ sqs, queueUrl: DLQ, clock: () => NOW, retry });

  beforeEach(() => {
    sqsMock.reset();
    sqsMock.on(SendMessageBatchCommand).resolves({ Failed: [] });
  });

  it('sends one JSON record per failure with the effect, the error, the attempts and the time', async () => {
    // Arrange
    const effect = snsEffect({ payload: json('{"v": 20.0}') });
    const error = Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' });

    // Act
    await sink().record([failure(effect, error)]);

    // Assert
    expect(sqsMock).toHaveReceivedCommandWith(SendMessageBatchCommand, { QueueUrl: DLQ });
    expect(bodies(sqsMock)).toEqual([{ effect: JSON.parse(JSON.stringify(effect)), error: { name: 'NotFoundException', message: 'Topic does not exist' }, attempts: 4, failedAt: '2026-11-21T12:00:00.000Z' }]);
  });

  it('sends at most 10 records per call', async () => {
    // Act
    await sink().record(Array.from({ length: 12 }, () => failure()));

    // Assert
    expect(sqsMock.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries?.length)).toEqual([10, 2]);
  });

  it('sends nothing when there are no failures', async () => {
    // Act
    await sink().record([]);

    // Assert
    expect(sqsMock).not.toHaveReceivedAnyCommand();
  });

  it('cuts an oversized payload so the record still fits in one message', async () => {
    // Arrange
    const huge = snsEffect({ payload: json(`"${'x'.repeat(300 * 1024)}"`) });

    // Act
    await sink().record([failure(huge)]);

    // Assert
    const body = sqsMock.commandCalls(SendMessageBatchCommand)[0].args[0].input.Entries?.[0].MessageBody ?? '';
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(256 * 1024);
    const record = JSON.parse(body) as FailureRecord;
    expect(record.payloadTruncated).toBe(true);
    expect(huge.payload.text.startsWith((record.effect as { payload: { text: string } }).payload.text)).toBe(true);
  });

  it('retries a throttled send before giving up', async () => {
    // Arrange
    sqsMock.on(SendMessageBatchCommand).rejectsOnce(new RequestThrottled({ message: 'slow', $metadata: {} })).resolves({ Failed: [] });

    // Act
    await sink().record([failure()]);

    // Assert
    expect(sqsMock).toHaveReceivedCommandTimes(SendMessageBatchCommand, 2);
  });

  it('throws when the dead-letter queue cannot be written', async () => {
    // Arrange
    sqsMock.on(SendMessageBatchCommand).rejects(new QueueDoesNotExist({ message: 'The specified queue does not exist.', $metadata: {} }));

    // Act
    const recording = sink().record([failure(), failure()]);

    // Assert
    await expect(recording).rejects.toThrow(FailureSinkError);
    await expect(recording).rejects.toMatchObject({ message: `2 of 2 action failures could not be written to the dead-letter queue ${DLQ}: The specified queue does not exist.` });
  });

  it('throws when a record is reported as failed in the batch response', async () => {
    // Arrange
    sqsMock.on(SendMessageBatchCommand).resolves({ Failed: [{ Id: '1', Code: 'InvalidMessageContents', SenderFault: true, Message: 'bad' }] });

    // Act
    const recording = sink().record([failure(), failure()]);

    // Assert
    await expect(recording).rejects.toMatchObject({ name: 'FailureSinkError', errors: [expect.objectContaining({ code: 'InvalidMessageContents' })] });
  });
});
