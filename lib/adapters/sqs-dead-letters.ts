import type { MessageAttributeValue, SQSClient } from '@aws-sdk/client-sqs';
import { AppError } from '../errors';
import type { DeadLetter, DeadLetters } from '../ports';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './dispatch/retry';
import { sendSqsMessages, type SqsMessage } from './dispatch/sqs-batch';

/** Longest reason kept, in characters. */
const MAX_REASON = 1000;

/** SQS did not take some dead letters, even after resending the ones it failed transiently. */
export class DeadLetterRefusedError extends AppError {
  constructor(
    message: string,
    /** Why each refused dead letter was not taken, in the order they were given. */
    readonly errors: readonly Error[],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Dead letters on SQS: the original body, with the reason in message attributes. Calls hold at
 * most 10 messages and 256 KiB (bodies and attributes), so a batch of large poison messages is not
 * refused as a whole, and entries SQS fails transiently are sent again (`retry`). A dead letter
 * SQS still refuses fails the call: the caller then leaves the messages on the ingest queue
 * rather than lose them.
 */
export function sqsDeadLetters(sqs: SQSClient, queueUrl: string, retry: RetryOptions = DEFAULT_RETRY_OPTIONS): DeadLetters {
  return {
    async send(entries) {
      const messages: SqsMessage[] = entries.map((entry) => ({ body: entry.body || '(empty)', attributes: attributesOf(entry) }));
      const results = await sendSqsMessages(sqs, queueUrl, messages, retry);
      const errors = results.flatMap((result) => (result.ok ? [] : [result.error]));
      if (errors.length) throw new DeadLetterRefusedError(`dead-letter queue refused ${errors.length} message(s): ${errors[0].message}`, errors, { cause: errors[0] });
    },
  };
}

/** The attributes `vigil redrive` reads back: why, which id, and where it came from. */
function attributesOf(entry: DeadLetter): Record<string, MessageAttributeValue> {
  const text = (value: string): MessageAttributeValue => ({ DataType: 'String', StringValue: sqsText(value) });
  return {
    ErrorCode: text(entry.code),
    ErrorMessage: text(entry.reason.slice(0, MAX_REASON).replace(/[\uD800-\uDBFF]$/, '')),
    SourceMessageId: text(entry.id),
    ...(entry.source ? { Source: text(entry.source) } : {}),
    ...(entry.sourceQueue ? { SourceQueue: text(entry.sourceQueue) } : {}),
    ...(entry.uncertain ? { Uncertain: text('true') } : {}),
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
