import { handleQueueRecords, type QueueRecord } from '../../lib/runtime/queue-batch';
import { deadLetterQueue, processor } from '../support/queue-batch-doubles';
import { RecordingTelemetry } from '../support/recording-telemetry';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:vigil-test-ingest';

/** A telemetry record carrying a batch rule's output for `payload`. */
function batchRecord(messageId: string, payload: unknown, receiveCount = 1): QueueRecord {
  const body = JSON.stringify({ vigilRaw: Buffer.from(JSON.stringify(payload)).toString('base64'), vigilInputName: 'Pressure', vigilBatchMode: true, motorid: 'M-1' });
  return { messageId, body, source: 'telemetry', queue: QUEUE, receiveCount };
}

describe('handleQueueRecords with a batch (vigilBatchMode)', () => {
  let telemetry: RecordingTelemetry;

  beforeEach(() => {
    telemetry = new RecordingTelemetry();
  });

  it('processes every message of a batch, new on a first delivery and possible repeats on a redelivery', async () => {
    // Arrange
    const process = processor();

    // Act
    const response = await handleQueueRecords([batchRecord('q1', [{ p: 1 }, { p: 2 }]), batchRecord('q2', [{ p: 3 }], 2)], process, { deadLetters: deadLetterQueue(), telemetry, maxReceives: 4 });

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(process.mock.calls[0][0].map((message) => [message.messageId, message.payload, message.possibleRepeat])).toEqual([
      ['q1_0', '{"p":1,"motorid":"M-1"}', false],
      ['q1_1', '{"p":2,"motorid":"M-1"}', false],
      ['q2_0', '{"p":3,"motorid":"M-1"}', true],
    ]);
  });

  it('dead-letters a bad element alone, with its id and text, and a rejected message as its own envelope, never the whole batch', async () => {
    // Arrange
    const dlq = deadLetterQueue();
    const process = processor({ q1_2: { status: 'rejected', code: 'InvalidRequestException', message: 'no key' } });

    // Act
    const response = await handleQueueRecords([batchRecord('q1', [{ p: 1 }, 'text', { p: 3 }])], process, { deadLetters: dlq, telemetry, maxReceives: 4 });

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(process.mock.calls[0][0].map((message) => message.messageId)).toEqual(['q1_0', 'q1_2']);
    const [[element, rejected]] = dlq.sent;
    expect(element).toEqual({ id: 'q1_1', body: '"text"', reason: 'element 1 of the batch must be a JSON object, not a string', code: 'InvalidRequestException', source: 'telemetry', sourceQueue: QUEUE });
    expect(rejected).toMatchObject({ id: 'q1_2', reason: 'no key', source: 'internal' });
    expect(JSON.parse(rejected.body)).toEqual({ vigilEnvelope: 1, inputName: 'Pressure', messageId: 'q1_2', payload: '{"p":3,"motorid":"M-1"}', origin: 'telemetry', attempt: 1 });
  });

  it('has SQS deliver the record again, once, when the dead-letter queue refuses its bad elements', async () => {
    // Act
    const response = await handleQueueRecords([batchRecord('q1', [1, 2, { p: 3 }])], processor(), { deadLetters: deadLetterQueue(new Error('AccessDenied')), telemetry, maxReceives: 4 });

    // Assert: the record's id, not the elements': SQS knows only records.
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q1' }] });
  });

  it('retries a message of a batch that failed transiently by itself, from the internal queue', async () => {
    // Arrange
    const sent: unknown[] = [];
    const requeue = { send: jest.fn(async (envelopes: readonly unknown[]) => void sent.push(...envelopes)) };
    const process = processor({ q1_1: { status: 'failed', code: 'ThrottlingException', message: 'slow down' } });

    // Act
    const response = await handleQueueRecords([batchRecord('q1', [{ p: 1 }, { p: 2 }])], process, { deadLetters: deadLetterQueue(), telemetry, maxReceives: 4, requeue });

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(sent).toEqual([expect.objectContaining({ messageId: 'q1_1', payload: '{"p":2,"motorid":"M-1"}', attempt: 1 })]);
  });
});
