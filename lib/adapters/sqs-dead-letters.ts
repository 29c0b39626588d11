import { SendMessageBatchCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetter, DeadLetters } from '../ports';
import { chunkIndices, utf8Length } from './dispatch/batch';
import { SQS_BATCH_LIMITS } from './dispatch/sqs-batch';

/** Longest reason kept, in characters. */
const MAX_REASON = 1000;

/**
 * Dead letters on SQS: the original body, with the reason in message attributes. Calls hold at
 * most 10 messages and 256 KiB (bodies and attributes), so a batch of large poison messages is not
 * refused as a whole. A dead letter SQS refuses fails the call: the caller then leaves the
 * messages on the ingest queue rather than lose them.
 */
export function sqsDeadLetters(sqs: SQSClient, queueUrl: string): DeadLetters {
  return {
    async send(entries) {
      const messages = entries.map((entry) => ({ body: entry.body || '(empty)', attributes: attributesOf(entry) }));
      for (const chunk of chunkIndices(messages, SQS_BATCH_LIMITS, { bytes: sizeOf })) {
        const response = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: chunk.map((index, n) => ({ Id: String(n), MessageBody: messages[index].body, MessageAttributes: messages[index].attributes })),
          }),
        );
        if (response.Failed?.length) throw new Error(`dead-letter queue refused ${response.Failed.length} message(s): ${response.Failed[0].Message}`);
      }
    },
  };
}

function attributesOf(entry: DeadLetter): Record<string, MessageAttributeValue> {
  return {
    ErrorCode: { DataType: 'String', StringValue: sqsText(entry.code) },
    ErrorMessage: { DataType: 'String', StringValue: sqsText(entry.reason.slice(0, MAX_REASON).replace(/[\uD800-\uDBFF]$/, '')) },
    SourceMessageId: { DataType: 'String', StringValue: sqsText(entry.id) },
  };
}

/**
 * Replaces what SQS refuses in message text (control characters, unpaired surrogates) with U+FFFD:
 * a reason quoting a bad payload must not make its dead letter unsendable.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html
 */
function sqsText(text: string): string {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

/** What SQS counts towards a message's size: the body and each attribute's name, type and value. */
function sizeOf(message: { body: string; attributes: Record<string, MessageAttributeValue> }): number {
  let bytes = utf8Length(message.body);
  for (const [name, value] of Object.entries(message.attributes)) bytes += utf8Length(name) + utf8Length(value.DataType ?? '') + utf8Length(value.StringValue ?? '');
  return bytes;
}
