import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
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
    { bytes: (message) => utf8Length(message.body) },
    async (batch) => {
      const output = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: batch.map((message, index) => ({
            Id: String(index),
            MessageBody: message.body,
            ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
            ...(message.deduplicationId === undefined ? {} : { MessageDeduplicationId: message.deduplicationId }),
          })),
        }),
      );
      return batchResultErrors(batch.length, output.Failed, `SQS SendMessageBatch to ${queueUrl}`);
    },
    retry,
  );
}
