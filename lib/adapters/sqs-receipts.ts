import { ChangeMessageVisibilityBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueReceipt, QueueReceipts, ReceiptCheck } from '../ports';

/**
 * Checks receipts by extending each record's visibility to `visibilitySeconds` (what it already is
 * while a batch is processed): SQS accepts only receipts it issued for messages still in flight,
 * 10 to a call. `queueUrl` maps a queue ARN (`eventSourceARN`) to its URL.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibilityBatch.html
 */
export function sqsReceipts(sqs: SQSClient, queueUrl: (arn: string) => Promise<string>, visibilitySeconds: number): QueueReceipts {
  return {
    async check(receipts) {
      const answers = new Map<string, ReceiptCheck>();
      const byQueue = new Map<string, QueueReceipt[]>();
      for (const receipt of receipts) byQueue.set(receipt.queue, [...(byQueue.get(receipt.queue) ?? []), receipt]);
      for (const [queue, entries] of byQueue) {
        let url: string;
        try {
          url = await queueUrl(queue);
        } catch {
          for (const entry of entries) answers.set(entry.messageId, 'unsure');
          continue;
        }
        for (let i = 0; i < entries.length; i += 10) {
          const chunk = entries.slice(i, i + 10);
          try {
            const { Failed = [] } = await sqs.send(
              new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries: chunk.map((entry, k) => ({ Id: String(k), ReceiptHandle: entry.receiptHandle, VisibilityTimeout: visibilitySeconds })) }),
            );
            const failed = new Map(Failed.map((failure) => [Number(failure.Id), failure]));
            chunk.forEach((entry, k) => {
              const failure = failed.get(k);
              answers.set(entry.messageId, !failure ? 'held' : failure.SenderFault && /ReceiptHandle|MessageNotInflight|InvalidParameter/i.test(failure.Code ?? '') ? 'unknown' : 'unsure');
            });
          } catch (error) {
            const name = (error as Error).name;
            const verdict: ReceiptCheck = /ReceiptHandleIsInvalid|InvalidParameterValue/.test(name) ? 'unknown' : 'unsure';
            for (const entry of chunk) answers.set(entry.messageId, verdict);
          }
        }
      }
      return answers;
    },
  };
}
