import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ActionFailureSink, DispatchOutcome } from '../../ports/action-dispatcher';
import { utf8Length } from './batch';
import { FailureSinkError } from './errors';
import { retryOptions, type RetryOptions } from './retry';
import { SQS_BATCH_LIMITS, sendSqsMessages } from './sqs-batch';

type Failure = Extract<DispatchOutcome, { ok: false }>;

/** What {@link createSqsFailureSink} needs. */
export interface SqsFailureSinkOptions {
  readonly sqs: SQSClient;
  /** The dead-letter queue for actions that failed for good. */
  readonly queueUrl: string;
  /** The time written as `failedAt`; injectable for tests. */
  readonly clock?: () => Date;
  readonly retry?: Partial<RetryOptions>;
}

/** One message on the dead-letter queue. */
export interface FailureRecord {
  readonly effect: Failure['effect'];
  readonly error: { readonly name: string; readonly message: string };
  readonly attempts: number;
  /** ISO 8601 time the failure was recorded. */
  readonly failedAt: string;
  /** Present when the payload was cut to fit the record into one SQS message. */
  readonly payloadTruncated?: true;
}

/**
 * Creates the {@link ActionFailureSink} that writes one {@link FailureRecord} per failed action to
 * an SQS dead-letter queue, from where they can be inspected or redriven. `record` throws
 * {@link FailureSinkError} when a record could not be written after retries, so the caller fails
 * the batch it is processing rather than lose the failure.
 */
export function createSqsFailureSink(options: SqsFailureSinkOptions): ActionFailureSink {
  const clock = options.clock ?? (() => new Date());
  const retry = retryOptions(options.retry);
  return {
    async record(failures: readonly Failure[]): Promise<void> {
      if (failures.length === 0) return;
      const failedAt = clock().toISOString();
      const results = await sendSqsMessages(options.sqs, options.queueUrl, failures.map((failure) => ({ body: recordBody(failure, failedAt) })), retry);
      const errors = results.flatMap((result) => (result.ok ? [] : [result.error]));
      if (errors.length > 0) {
        throw new FailureSinkError(`${errors.length} of ${failures.length} action failures could not be written to the dead-letter queue ${options.queueUrl}: ${errors[0].message}`, errors, { cause: errors[0] });
      }
    },
  };
}

/**
 * The JSON body of one failure. A default payload can be large; when the record would not fit in
 * an SQS message, the payload text is cut (and marked) so the record still lands: a record that
 * can never be sent would fail the caller's batch forever.
 */
function recordBody(failure: Failure, failedAt: string): string {
  const record: FailureRecord = { effect: failure.effect, error: { name: failure.error.name, message: failure.error.message }, attempts: failure.attempts, failedAt };
  let body = JSON.stringify(record);
  const { effect } = failure;
  if (!('payload' in effect)) return body;
  for (let keep = effect.payload.text.length; utf8Length(body) > SQS_BATCH_LIMITS.maxBytes && keep > 0; ) {
    keep = Math.floor(keep / 2);
    const cut: FailureRecord = { ...record, effect: { ...effect, payload: { ...effect.payload, text: effect.payload.text.slice(0, keep) } }, payloadTruncated: true };
    body = JSON.stringify(cut);
  }
  return body;
}
