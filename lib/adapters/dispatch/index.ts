/**
 * Action dispatch adapters: perform the resolved actions of the engine (SNS, SQS, Lambda, IoT
 * topics, IoT Events re-ingestion, Firehose, DynamoDB, SiteWise) with the AWS SDK v3, each model's
 * with the credentials of its role (assumed with STS), with retries, and record the ones that fail
 * for good on a dead-letter queue.
 */
export { createActionDispatcher, type ActionClients, type ActionDispatcherOptions } from './action-dispatcher';
export { createActionClients, type ActionClientOptions, type Credentials, type CredentialsProvider } from './action-clients';
export { createRoleDispatchers, type ModelRolesMode, type RoleDispatchersOptions } from './role-dispatchers';
export { RoleCredentials, roleSessionName, RENEW_BEFORE_MS, SESSION_SECONDS, type RoleCredentialsOptions } from './role-credentials';
export { createSqsFailureSink, type FailureRecord, type SqsFailureSinkOptions } from './failure-sink';
export { ActionDeliveryError, FailureSinkError, RoleAssumptionError } from './errors';
export { isTransientError } from './classify-error';
export { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry';
