/**
 * Action dispatch adapters: perform the resolved actions of the engine (SNS, SQS, Lambda, IoT
 * topics, IoT Events re-ingestion, Firehose, DynamoDB, SiteWise) with the AWS SDK v3, with retries,
 * and record the ones that fail for good on a dead-letter queue.
 */
export { createActionDispatcher, type ActionClients, type ActionDispatcherOptions } from './action-dispatcher';
export { createSqsFailureSink, type FailureRecord, type SqsFailureSinkOptions } from './failure-sink';
export { ActionDeliveryError, FailureSinkError } from './errors';
export { isTransientError } from './classify-error';
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry';
