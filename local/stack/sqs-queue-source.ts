import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueSource, ReceivedMessage } from './sqs-poller';

/** A {@link QueueSource} over an SQS queue (fauxqs locally). */
export function sqsQueueSource(sqs: SQSClient, queueUrl: string): QueueSource {
  return {
    async receive(max, waitSeconds, signal) {
      try {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: max, WaitTimeSeconds: waitSeconds, MessageSystemAttributeNames: ['All'] }),
          { abortSignal: signal },
        );
        return Messages.map(
          (message): ReceivedMessage => ({
            messageId: message.MessageId as string,
            receiptHandle: message.ReceiptHandle as string,
            body: message.Body ?? '',
            md5OfBody: message.MD5OfBody ?? '',
            attributes: { ...(message.Attributes as Record<string, string> | undefined) },
          }),
        );
      } catch (error) {
        // Stopping aborts the long poll: that is an empty receive, not a failure.
        if (signal.aborted) return [];
        throw error;
      }
    },
    async delete(receiptHandles) {
      // DeleteMessageBatch takes at most 10 entries.
      for (let i = 0; i < receiptHandles.length; i += 10) {
        const entries = receiptHandles.slice(i, i + 10).map((handle, j) => ({ Id: String(i + j), ReceiptHandle: handle }));
        const { Failed = [] } = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
        if (Failed.length) throw new Error(`could not delete ${Failed.length} processed message(s) from ${queueUrl}: ${Failed[0].Message ?? Failed[0].Code}`);
      }
    },
  };
}
