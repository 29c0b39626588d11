import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DeadLetters } from '../ports';

/** Dead letters on SQS: the original body, with the reason in message attributes. */
export function sqsDeadLetters(sqs: SQSClient, queueUrl: string): DeadLetters {
  return {
    async send(entries) {
      for (let i = 0; i < entries.length; i += 10) {
        const batch = entries.slice(i, i + 10);
        const response = await sqs.send(
          new SendMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((entry, n) => ({
              Id: String(n),
              MessageBody: entry.body || '(empty)',
              MessageAttributes: {
                ErrorCode: { DataType: 'String', StringValue: entry.code },
                ErrorMessage: { DataType: 'String', StringValue: entry.reason.slice(0, 1000) },
                SourceMessageId: { DataType: 'String', StringValue: entry.id },
              },
            })),
          }),
        );
        if (response.Failed?.length) throw new Error(`dead-letter queue refused ${response.Failed.length} message(s): ${response.Failed[0].Message}`);
      }
    },
  };
}
