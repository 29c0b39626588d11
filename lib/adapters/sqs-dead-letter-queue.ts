import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetterRecord } from '../ports';

/** A dead letter as received: the record, and the handle to delete or release it by. */
export interface ReceivedDeadLetter {
  readonly record: DeadLetterRecord;
  readonly receiptHandle: string;
}

/**
 * Reads up to `max` messages of an SQS dead-letter queue for `vigil redrive` (call again for more),
 * hidden from other readers for `hideSeconds` while they are looked at, with their message
 * attributes and the queue SQS moved them from.
 */
export async function receiveDeadLetters(sqs: SQSClient, queueUrl: string, max: number, hideSeconds: number): Promise<ReceivedDeadLetter[]> {
  const received: ReceivedDeadLetter[] = [];
  while (received.length < max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: Math.min(10, max - received.length),
        WaitTimeSeconds: 1,
        VisibilityTimeout: hideSeconds,
        MessageAttributeNames: ['All'],
        MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'],
      }),
    );
    if (!Messages.length) break;
    for (const message of Messages) {
      const attributes = Object.fromEntries(Object.entries(message.MessageAttributes ?? {}).flatMap(([name, value]) => (value.StringValue === undefined ? [] : [[name, value.StringValue]])));
      const movedFrom = message.Attributes?.DeadLetterQueueSourceArn;
      received.push({ record: { id: message.MessageId as string, body: message.Body ?? '', attributes, ...(movedFrom ? { movedFrom } : {}) }, receiptHandle: message.ReceiptHandle as string });
    }
  }
  return received;
}

/** Deletes dead letters that were replayed. */
export async function deleteDeadLetters(sqs: SQSClient, queueUrl: string, handles: readonly string[]): Promise<void> {
  for (let i = 0; i < handles.length; i += 10) {
    const entries = handles.slice(i, i + 10).map((ReceiptHandle, k) => ({ Id: String(k), ReceiptHandle }));
    const { Failed = [] } = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    if (Failed.length) throw new Error(`could not delete ${Failed.length} replayed dead letter(s): ${Failed[0].Message ?? Failed[0].Code}`);
  }
}

/** Makes dead letters that were only looked at visible again at once. */
export async function releaseDeadLetters(sqs: SQSClient, queueUrl: string, handles: readonly string[]): Promise<void> {
  for (let i = 0; i < handles.length; i += 10) {
    const entries = handles.slice(i, i + 10).map((ReceiptHandle, k) => ({ Id: String(k), ReceiptHandle, VisibilityTimeout: 0 }));
    await sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
  }
}
