import type { DeadLetter, DeadLetters } from '../../lib/ports';
import type { IncomingMessage, MessageOutcome } from '../../lib/runtime/messages';
import { handleQueueRecords, type QueueRecord } from '../../lib/runtime/queue-batch';
import { RecordingTelemetry } from '../support/recording-telemetry';

function envelope(messageId: string, payload = '{"id": "a"}'): string {
  return JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId, payload });
}

/** A dead-letter queue that keeps what it is sent, or refuses everything with `failure`. */
function deadLetterQueue(failure?: Error): DeadLetters & { sent: DeadLetter[][] } {
  const sent: DeadLetter[][] = [];
  return {
    sent,
    async send(entries) {
      if (failure) throw failure;
      sent.push([...entries]);
    },
  };
}

/** A `process` that answers with `outcomes` by message id (processed when not listed). */
function processor(outcomes: Record<string, MessageOutcome> = {}) {
  return jest.fn(async (messages: IncomingMessage[]) => messages.map((message) => outcomes[message.messageId] ?? { status: 'processed' as const }));
}

describe('handleQueueRecords', () => {
  let telemetry: RecordingTelemetry;

  beforeEach(() => {
    telemetry = new RecordingTelemetry();
  });

  it('acknowledges every record that was processed', async () => {
    // Arrange
    const records: QueueRecord[] = [{ messageId: 'q1', body: envelope('m1') }, { messageId: 'q2', body: envelope('m2') }];
    const process = processor();

    // Act
    const response = await handleQueueRecords(records, process, deadLetterQueue(), telemetry);

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(process).toHaveBeenCalledWith([
      { inputName: 'Count', messageId: 'm1', payload: '{"id": "a"}', timestamp: undefined },
      { inputName: 'Count', messageId: 'm2', payload: '{"id": "a"}', timestamp: undefined },
    ]);
  });

  it('returns the records that failed transiently, so SQS delivers them again', async () => {
    // Arrange
    const records: QueueRecord[] = [{ messageId: 'q1', body: envelope('m1') }, { messageId: 'q2', body: envelope('m2') }];
    const process = processor({ m2: { status: 'failed', code: 'ThrottlingException', message: 'slow down' } });

    // Act
    const response = await handleQueueRecords(records, process, deadLetterQueue(), telemetry);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q2' }] });
  });

  it('sends unreadable and rejected records to the dead-letter queue with their reason, and acknowledges them', async () => {
    // Arrange
    const records: QueueRecord[] = [
      { messageId: 'q-bad', body: '{"vigilEnvelope": ' },
      { messageId: 'q-rejected', body: envelope('m2') },
      { messageId: 'q-good', body: envelope('m3') },
    ];
    const dlq = deadLetterQueue();
    const process = processor({ m2: { status: 'rejected', code: 'ResourceNotFoundException', message: 'input Count does not exist' } });

    // Act
    const response = await handleQueueRecords(records, process, dlq, telemetry);

    // Assert
    expect(response.batchItemFailures).toEqual([]);
    expect(dlq.sent).toEqual([
      [
        { id: 'q-bad', body: '{"vigilEnvelope": ', reason: expect.stringMatching(/^the message is not valid JSON/), code: 'InvalidRequestException' },
        { id: 'q-rejected', body: envelope('m2'), reason: 'input Count does not exist', code: 'ResourceNotFoundException' },
      ],
    ]);
    expect(process).toHaveBeenCalledTimes(1);
    expect(process.mock.calls[0][0].map((message) => message.messageId)).toEqual(['m2', 'm3']);
  });

  it('has SQS deliver the poison records again when the dead-letter queue is unreachable, losing none', async () => {
    // Arrange
    const records: QueueRecord[] = [{ messageId: 'q-bad', body: 'not json at all' }, { messageId: 'q-good', body: envelope('m1') }];

    // Act
    const response = await handleQueueRecords(records, processor(), deadLetterQueue(new Error('AccessDenied')), telemetry);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q-bad' }] });
    expect(telemetry.lines).toContainEqual({ level: 'error', message: 'could not write to the dead-letter queue', fields: { error: 'AccessDenied' } });
  });

  it('has SQS deliver the poison records again when no dead-letter queue is configured', async () => {
    // Act
    const response = await handleQueueRecords([{ messageId: 'q-bad', body: '[]' }], processor(), undefined, telemetry);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'q-bad' }] });
  });

  it('does not call the processor when no record is readable', async () => {
    // Arrange
    const process = processor();
    const dlq = deadLetterQueue();

    // Act
    await handleQueueRecords([{ messageId: 'q1', body: '' }, { messageId: 'q2', body: '{"id": "no input"}' }], process, dlq, telemetry);

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
    const response = handleQueueRecords([{ messageId: 'q1', body: envelope('m1') }], process, deadLetterQueue(), telemetry);

    // Assert
    await expect(response).rejects.toThrow('models unavailable');
  });
});
