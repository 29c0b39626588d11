import { SendMessageBatchCommand, type MessageAttributeValue, type SQSClient } from '@aws-sdk/client-sqs';
import { batchResultErrors, sendInBatches, utf8Length, type BatchLimits } from './batch';
import type { DeliveryResult, RetryOptions } from './retry';

/** SendMessageBatch takes at most 10 messages and 256 KiB of bodies in total. */
export const SQS_BATCH_LIMITS: BatchLimits = { maxEntries: 10, maxBytes: 256 * 1024 };

/** One message for {@link sendSqsMessages}. */
export interface SqsMessage {
  readonly body: string;
  /** Required by FIFO queues. */
  readonly groupId?: string;
  /** Makes a FIFO queue drop a resend of the same message within 5 minutes. */
  readonly deduplicationId?: string;
  /** Seconds before the message becomes visible (0–900; standard queues only). */
  readonly delaySeconds?: number;
  /** String attributes sent with the message; they count towards its size. */
  readonly attributes?: Readonly<Record<string, MessageAttributeValue>>;
}

/**
 * Sends messages to one queue with SendMessageBatch, resending only the entries that failed
 * transiently. Returns one result per message, in order.
 *
 * The queue URL travels in the request, never as the endpoint: with `useQueueUrlAsEndpoint: false`
 * the client's own endpoint is used, which local emulators whose URLs do not resolve need.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html
 */
export function sendSqsMessages(sqs: SQSClient, queueUrl: string, messages: readonly SqsMessage[], retry: RetryOptions): Promise<DeliveryResult[]> {
  return sendInBatches(
    messages,
    SQS_BATCH_LIMITS,
    { bytes: sqsMessageSize },
    async (batch) => {
      const output = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((message, index) => ({
            Id: String(index),
            MessageBody: message.body,
            ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
            ...(message.deduplicationId === undefined ? {} : { MessageDeduplicationId: message.deduplicationId }),
            ...(message.delaySeconds === undefined ? {} : { DelaySeconds: message.delaySeconds }),
            ...(message.attributes === undefined ? {} : { MessageAttributes: message.attributes }),
          })),
        }),
      );
      return batchResultErrors(batch.length, output.Failed, `SQS SendMessageBatch to ${queueUrl}`);
    },
    retry,
  );
}

/**
 * What SQS counts towards a message's size: the body and each attribute's name, type and value.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
 */
function sqsMessageSize(message: SqsMessage): number {
  let bytes = utf8Length(message.body);
  for (const [name, value] of Object.entries(message.attributes ?? {})) {
    bytes += utf8Length(name) + utf8Length(value.DataType ?? '') + utf8Length(value.StringValue ?? '') + (value.BinaryValue?.byteLength ?? 0);
  }
  return bytes;
}
