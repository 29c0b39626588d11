import { SQSClient, SendMessageBatchCommand, type SendMessageBatchRequestEntry } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { retryOptions } from '../../lib/adapters/dispatch/retry';
import { sqsDeadLetters } from '../../lib/adapters/sqs-dead-letters';
import type { DeadLetter } from '../../lib/ports';

const QUEUE = 'https://sqs.us-east-1.amazonaws.com/123456789012/vigil-dev-ingest-dlq';
const sqs = mockClient(SQSClient);
const deadLetters = sqsDeadLetters(new SQSClient({ region: 'us-east-1' }), QUEUE);

function letter(n: number, overrides: Partial<DeadLetter> = {}): DeadLetter {
  return { id: `sqs-${n}`, body: `{"n": ${n}}`, reason: `reason ${n}`, code: 'InvalidRequestException', ...overrides };
}

function batches(): SendMessageBatchRequestEntry[][] {
  return sqs.commandCalls(SendMessageBatchCommand).map((call) => call.args[0].input.Entries ?? []);
}

/** What SQS counts towards its size limits: the body and every attribute's name, type and value. */
function size(entry: SendMessageBatchRequestEntry): number {
  const attributes = Object.entries(entry.MessageAttributes ?? {}).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value.DataType ?? '') + Buffer.byteLength(value.StringValue ?? ''), 0);
  return Buffer.byteLength(entry.MessageBody ?? '') + attributes;
}

describe('sqsDeadLetters', () => {
  beforeEach(() => {
    sqs.reset();
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
  });

  it('sends each original body with its reason, code and source id as message attributes', async () => {
    // Act
    await deadLetters.send([letter(1)]);

    // Assert
    expect(sqs.commandCalls(SendMessageBatchCommand)[0].args[0].input).toEqual({
      QueueUrl: QUEUE,
      Entries: [
        {
          Id: '0',
          MessageBody: '{"n": 1}',
          MessageAttributes: {
            ErrorCode: { DataType: 'String', StringValue: 'InvalidRequestException' },
            ErrorMessage: { DataType: 'String', StringValue: 'reason 1' },
            SourceMessageId: { DataType: 'String', StringValue: 'sqs-1' },
          },
        },
      ],
    });
  });

  it('sends at most 10 messages per call', async () => {
    // Act
    await deadLetters.send(Array.from({ length: 23 }, (_, n) => letter(n)));

    // Assert
    expect(batches().map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(batches()[2].map((entry) => entry.MessageAttributes?.SourceMessageId.StringValue)).toEqual(['sqs-20', 'sqs-21', 'sqs-22']);
  });

  it('keeps every call within SQS’s 256 KiB per batch', async () => {
    // Arrange: ten 60 KiB bodies could never go in one call.
    const body = 'x'.repeat(60 * 1024);

    // Act
    await deadLetters.send(Array.from({ length: 10 }, (_, n) => letter(n, { body })));

    // Assert
    expect(batches().map((entries) => entries.length)).toEqual([4, 4, 2]);
    for (const entries of batches()) expect(entries.reduce((sum, entry) => sum + size(entry), 0)).toBeLessThanOrEqual(256 * 1024);
  });

  it('sends a placeholder for an empty body, which SQS would refuse', async () => {
    // Act
    await deadLetters.send([letter(1, { body: '' })]);

    // Assert
    expect(batches()[0][0].MessageBody).toBe('(empty)');
  });

  it('cuts a long reason to 1,000 characters without splitting a character in two', async () => {
    // Arrange: the 1,000th character is the first half of an emoji.
    const reason = `${'r'.repeat(999)}😀 and more`;

    // Act
    await deadLetters.send([letter(1, { reason })]);

    // Assert
    const sent = batches()[0][0].MessageAttributes?.ErrorMessage.StringValue as string;
    expect(sent).toBe('r'.repeat(999));
  });

  it('replaces characters SQS does not accept in an attribute, so the dead letter can always be sent', async () => {
    // Act
    await deadLetters.send([letter(1, { reason: "payload is not valid JSON: unexpected '\u0001' at 3, ok: tab\tand 😀" })]);

    // Assert
    expect(batches()[0][0].MessageAttributes?.ErrorMessage.StringValue).toBe("payload is not valid JSON: unexpected '\uFFFD' at 3, ok: tab\tand 😀");
  });

  it('fails, naming how many and why, when the queue refuses some messages', async () => {
    // Arrange: a refusal that sending again would not change.
    sqs.on(SendMessageBatchCommand).resolves({ Successful: [{ Id: '0', MessageId: 'x', MD5OfMessageBody: 'y' }], Failed: [{ Id: '1', Code: 'InvalidMessageContents', SenderFault: true, Message: 'bad characters' }] });

    // Act & Assert
    await expect(deadLetters.send([letter(1), letter(2)])).rejects.toThrow(/^dead-letter queue refused 1 message\(s\): .*InvalidMessageContents: bad characters$/);
  });

  it('sends again only the dead letters SQS failed transiently, and succeeds once it takes them', async () => {
    // Arrange
    const patient = sqsDeadLetters(new SQSClient({ region: 'us-east-1' }), QUEUE, retryOptions({ sleep: async () => undefined }));
    sqs.on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [{ Id: '0', MessageId: 'x', MD5OfMessageBody: 'y' }], Failed: [{ Id: '1', Code: 'InternalError', SenderFault: false, Message: 'try again' }] })
      .resolves({ Successful: [{ Id: '0', MessageId: 'z', MD5OfMessageBody: 'y' }], Failed: [] });

    // Act
    await patient.send([letter(1), letter(2)]);

    // Assert
    expect(batches().map((entries) => entries.map((entry) => entry.MessageAttributes?.SourceMessageId.StringValue))).toEqual([['sqs-1', 'sqs-2'], ['sqs-2']]);
  });

  it('fails when the queue cannot be reached', async () => {
    // Arrange
    sqs.on(SendMessageBatchCommand).rejects(Object.assign(new Error('Access to the resource is denied'), { name: 'AccessDenied' }));

    // Act & Assert
    await expect(deadLetters.send([letter(1)])).rejects.toThrow('Access to the resource is denied');
  });

  it('makes no call for no dead letters', async () => {
    // Act
    await deadLetters.send([]);

    // Assert
    expect(sqs.calls()).toHaveLength(0);
  });
});
