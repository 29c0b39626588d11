import type { DeadLetters } from '../../lib/ports';
import { handleQueueRecords, type QueueRecord } from '../../lib/runtime/queue-batch';
import { deadLetterQueue, processor } from '../support/queue-batch-doubles';
import { RecordingTelemetry } from '../support/recording-telemetry';

function envelope(messageId: string, payload = '{"id": "a"}'): string {
  return JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId, payload });
}

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:vigil-test-internal';

/** A record of the internal queue (envelopes), delivered for the `receiveCount`th time. */
function record(messageId: string, body: string, receiveCount = 1): QueueRecord {
  return { messageId, body, source: 'internal', queue: QUEUE, receiveCount };
}

function deps(deadLetters: DeadLetters | undefined, telemetry: RecordingTelemetry, maxReceives = 4) {
  return { deadLetters, telemetry, maxReceives };
}

describe('handleQueueRecords', () => {
  let telemetry: RecordingTelemetry;

  beforeEach(() => {
    telemetry = new RecordingTelemetry();
  });

  it('acknowledges every record that was processed', async () => {
    // Arrange
    const records: QueueRecord[] = [record('q1', envelope('m1')), record('q2', envelope('m2'))];
    const process = processor();

    // Act
    const response = await handleQueueRecords(records, process, deps(deadLetterQueue(), telemetry));

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(process).toHaveBeenCalledWith([
      { inputName: 'Count', messageId: 'm1', payload: '{"id": "a"}', timestamp: undefined, origin: 'action', possibleRepeat: true },
      { inputName: 'Count', messageId: 'm2', payload: '{"id": "a"}', timestamp: undefined, origin: 'action', possibleRepeat: true },
    ]);
  });

  it('returns the records that failed transiently, so SQS delivers them again', async () => {
    // Arrange
    const records: QueueRecord[] = [record('q1', envelope('m1')), record('q2', envelope('m2'))];
    const process = processor({ m2: { status: 'failed', code: 'ThrottlingException', message: 'slow down' } });

    // Act
    const response = await handleQueueRecords(records, process, deps(deadLetterQueue(), telemetry));

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q2' }] });
  });

  it('sends unreadable and rejected records to the dead-letter queue with their reason, and acknowledges them', async () => {
    // Arrange
    const records: QueueRecord[] = [
      record('q-bad', '{"vigilEnvelope": '),
      record('q-rejected', envelope('m2')),
      record('q-good', envelope('m3')),
    ];
    const dlq = deadLetterQueue();
    const process = processor({ m2: { status: 'rejected', code: 'ResourceNotFoundException', message: 'input Count does not exist' } });

    // Act
    const response = await handleQueueRecords(records, process, deps(dlq, telemetry));

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(dlq.sent).toEqual([
      [
        { id: 'q-bad', body: '{"vigilEnvelope": ', reason: expect.stringMatching(/^the message is not valid JSON/), code: 'InvalidRequestException', source: 'internal', sourceQueue: QUEUE },
        { id: 'q-rejected', body: envelope('m2'), reason: 'input Count does not exist', code: 'ResourceNotFoundException', source: 'internal', sourceQueue: QUEUE },
      ],
    ]);
    expect(process).toHaveBeenCalledTimes(1);
    expect(process.mock.calls[0][0].map((message) => message.messageId)).toEqual(['m2', 'm3']);
  });

  it('has SQS deliver the poison records again when the dead-letter queue is unreachable, losing none', async () => {
    // Arrange
    const records: QueueRecord[] = [record('q-bad', 'not json at all'), record('q-good', envelope('m1'))];

    // Act
    const response = await handleQueueRecords(records, processor(), deps(deadLetterQueue(new Error('AccessDenied')), telemetry));

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q-bad' }] });
    expect(telemetry.lines).toContainEqual({ level: 'error', message: 'could not write to the dead-letter queue', fields: { error: 'AccessDenied' } });
  });

  it('has SQS deliver the poison records again when no dead-letter queue is configured', async () => {
    // Act
    const response = await handleQueueRecords([record('q-bad', '[]')], processor(), deps(undefined, telemetry));

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q-bad' }] });
  });

  it('does not call the processor when no record is readable', async () => {
    // Arrange
    const process = processor();
    const dlq = deadLetterQueue();

    // Act
    await handleQueueRecords([record('q1', ''), { ...record('q2', '{"id": "no input"}'), source: 'telemetry' }], process, deps(dlq, telemetry));

    // Assert
    expect(process).not.toHaveBeenCalled();
    expect(dlq.sent[0].map((entry) => [entry.id, entry.reason])).toEqual([
      ['q1', expect.stringMatching(/not valid JSON/)],
      ['q2', expect.stringMatching(/names no input/)],
    ]);
  });

  it('lets a failure of the processor fail the whole batch, so nothing is acknowledged', async () => {
    // Arrange
    const process = jest.fn(async () => Promise.reject(new Error('models unavailable')));

    // Act
    const response = handleQueueRecords([record('q1', envelope('m1'))], process, deps(deadLetterQueue(), telemetry));

    // Assert
    await expect(response).rejects.toThrow('models unavailable');
  });
  it('refuses every record of a queue that is not one of Vigil’s, whatever it claims', async () => {
    // Arrange
    const dlq = deadLetterQueue();
    const process = processor();

    // Act
    const response = await handleQueueRecords([{ messageId: 'q1', body: envelope('m1'), source: undefined, queue: 'arn:aws:sqs:us-east-1:123456789012:other' }], process, deps(dlq, telemetry));

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(process).not.toHaveBeenCalled();
    expect(dlq.sent[0][0]).toMatchObject({ id: 'q1', reason: "the queue arn:aws:sqs:us-east-1:123456789012:other is not one of Vigil's ingest queues" });
  });

  it('marks a redelivered telemetry record as a possible repeat, and a first delivery not', async () => {
    // Arrange
    const body = '{"vigilInputName": "Count", "id": "a"}';
    const process = processor();

    // Act
    await handleQueueRecords([{ ...record('q1', body), source: 'telemetry' }, { ...record('q2', body, 2), source: 'telemetry' }], process, deps(deadLetterQueue(), telemetry));

    // Assert
    expect(process.mock.calls[0][0].map((message) => message.possibleRepeat)).toEqual([false, true]);
  });

  it('dead-letters a message that still fails at its last receive, narrowed to the detectors that did not apply it', async () => {
    // Arrange: two detectors applied m1; counter|b keeps failing.
    const dlq = deadLetterQueue();
    const process = processor({ m1: { status: 'failed', code: 'ThrottlingException', message: 'slow down', unapplied: ['counter|b'] } });

    // Act
    const early = await handleQueueRecords([record('q1', envelope('m1'), 3)], process, deps(dlq, telemetry));
    const last = await handleQueueRecords([record('q1', envelope('m1'), 4)], process, deps(dlq, telemetry));

    // Assert: retried until then, acknowledged at last with a dead letter only counter|b will get.
    expect(early.batchItemFailures).toEqual([{ itemIdentifier: 'q1' }]);
    expect(last.batchItemFailures).toEqual([]);
    expect(dlq.sent).toHaveLength(1);
    expect(dlq.sent[0][0]).toMatchObject({ id: 'q1', code: 'ThrottlingException', reason: 'still failing after 4 attempts: slow down' });
    // Without an internal queue SQS did the retrying, so a receive may have died unseen: uncertain.
    expect(JSON.parse(dlq.sent[0][0].body)).toEqual({ vigilEnvelope: 1, inputName: 'Count', messageId: 'm1', payload: '{"id": "a"}', origin: 'action', targets: ['counter|b'], attempt: 4, uncertain: true });
  });

  it('retries a message some detectors applied from the internal queue, narrowed to the others, and acknowledges it', async () => {
    // Arrange
    const requeued: unknown[] = [];
    const process = processor({ m1: { status: 'failed', code: 'ThrottlingException', message: 'slow down', unapplied: ['counter|b'] } });

    // Act
    const response = await handleQueueRecords([record('q1', envelope('m1'))], process, { ...deps(deadLetterQueue(), telemetry), requeue: { send: async (envelopes) => void requeued.push(...envelopes) } });

    // Assert: not left to SQS, whose retry of the whole record would lean on the duplicate window.
    expect(response.batchItemFailures).toEqual([]);
    expect(requeued).toEqual([{ vigilEnvelope: 1, inputName: 'Count', messageId: 'm1', payload: '{"id": "a"}', origin: 'action', targets: ['counter|b'], attempt: 1 }]);
  });

  it('counts the attempts of its own retries and dead-letters the fourth failure, certain of what it says', async () => {
    // Arrange: the third retry from the internal queue fails again.
    const dlq = deadLetterQueue();
    const requeue = { send: jest.fn(async () => undefined) };
    const body = JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId: 'm1', payload: '{"id": "a"}', targets: ['counter|b'], attempt: 3 });
    const process = processor({ m1: { status: 'failed', code: 'ThrottlingException', message: 'slow down' } });

    // Act
    const response = await handleQueueRecords([record('q1', body)], process, { ...deps(dlq, telemetry), requeue });

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(requeue.send).not.toHaveBeenCalled();
    expect(dlq.sent[0][0]).toMatchObject({ reason: 'still failing after 4 attempts: slow down', body });
    expect(dlq.sent[0][0].uncertain).toBeUndefined();
  });

  it('lets SQS deliver the whole record again when the internal queue refuses the narrowed retry', async () => {
    // Act
    const process = processor({ m1: { status: 'failed', code: 'ThrottlingException', message: 'slow down', unapplied: ['counter|b'] } });
    const response = await handleQueueRecords([record('q1', envelope('m1'))], process, { ...deps(deadLetterQueue(), telemetry), requeue: { send: async () => Promise.reject(new Error('AccessDenied')) } });

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'q1' }]);
  });

  it('asks the queue about records claiming a trusted source: drops made-up ones, leaves unconfirmed ones to SQS, never asks for telemetry', async () => {
    // Arrange
    const asked: string[] = [];
    const receipts = {
      check: async (list: readonly { messageId: string }[]) => {
        asked.push(...list.map((entry) => entry.messageId));
        return new Map(list.map((entry) => [entry.messageId, entry.messageId === 'q-made-up' ? 'unknown' : entry.messageId === 'q-unsure' ? 'unsure' : 'held'] as const));
      },
    };
    const process = processor();
    const records = [record('q-real', envelope('m1')), record('q-made-up', envelope('m2')), record('q-unsure', envelope('m3')), { ...record('q-device', '{"vigilInputName": "Count", "id": "a"}'), source: 'telemetry' as const }];

    // Act
    const response = await handleQueueRecords(records, process, { ...deps(deadLetterQueue(), telemetry), receipts });

    // Assert
    expect(asked).toEqual(['q-real', 'q-made-up', 'q-unsure']);
    expect(process.mock.calls[0][0].map((message) => message.messageId)).toEqual(['m1', 'q-device']);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'q-unsure' }]);
    expect(telemetry.counts.ForgedRecords).toBe(1);
  });

  it('marks as uncertain a whole dead letter of a record received before: a receive that died may have applied it', async () => {
    // Arrange
    const dlq = deadLetterQueue();
    const process = processor({ m1: { status: 'failed', code: 'InternalFailureException', message: 'down' } });

    // Act
    await handleQueueRecords([record('q1', envelope('m1'), 4)], process, deps(dlq, telemetry));

    // Assert
    expect(dlq.sent[0][0]).toMatchObject({ id: 'q1', uncertain: true });
  });

  it('dead-letters a rejected message as it came when no detector applied it, and narrowed when some did', async () => {
    // Arrange
    const dlq = deadLetterQueue();
    const process = processor({
      m1: { status: 'rejected', code: 'InternalFailureException', message: 'unreadable' },
      m2: { status: 'rejected', code: 'InternalFailureException', message: 'unreadable', unapplied: ['counter|z'] },
    });

    // Act
    await handleQueueRecords([record('q1', envelope('m1')), record('q2', envelope('m2'))], process, deps(dlq, telemetry));

    // Assert
    expect(dlq.sent[0][0].body).toBe(envelope('m1'));
    expect(JSON.parse(dlq.sent[0][1].body)).toMatchObject({ messageId: 'm2', targets: ['counter|z'] });
  });
});
