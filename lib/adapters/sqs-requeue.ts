import type { SQSClient } from '@aws-sdk/client-sqs';
import { AppError } from '../errors';
import type { Requeue } from '../ports';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './dispatch/retry';
import { sendSqsMessages } from './dispatch/sqs-batch';

/** SQS did not take every envelope, even after resending the ones it failed transiently. */
export class RequeueRefusedError extends AppError {}

/** The internal queue on SQS: envelopes batched 10 to a call, transient failures sent again. */
export function sqsRequeue(sqs: SQSClient, queueUrl: string, retry: RetryOptions = DEFAULT_RETRY_OPTIONS): Requeue {
  return {
    async send(envelopes, delaySeconds) {
      const delay = delaySeconds === undefined ? {} : { delaySeconds: Math.min(900, Math.max(0, Math.round(delaySeconds))) };
      const results = await sendSqsMessages(sqs, queueUrl, envelopes.map((envelope) => ({ body: JSON.stringify(envelope), ...delay })), retry);
      const failed = results.flatMap((result) => (result.ok ? [] : [result.error]));
      if (failed.length) throw new RequeueRefusedError(`the internal queue refused ${failed.length} message(s): ${failed[0].message}`, { cause: failed[0] });
    },
  };
}
