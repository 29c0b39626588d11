import { ActionDeliveryError } from './errors';

// The codes the AWS SDK itself treats as throttling (@smithy/core retry, THROTTLING_ERROR_CODES),
// plus the KMS throttles SNS and SQS report and the "try again" codes of batch responses.
const TRANSIENT_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
  'TransactionConflictException',
  'KMSThrottlingException',
  'KmsThrottled',
  'ConflictingOperationException',
  'ResourceNotReadyException',
  'InternalError',
  'InternalErrorException',
  'InternalFailure',
  'InternalFailureException',
  'InternalServerError',
  'InternalServerException',
  'ServiceException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  // Timeouts, as the SDK names them.
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

// Node.js socket and DNS failures: the request may never have reached the service.
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when an error code from a service (or a batch response entry) means "try again later". */
export function isTransientCode(code: string | undefined): boolean {
  return code !== undefined && TRANSIENT_CODES.has(code);
}

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly cause?: unknown;
}

/**
 * Classifies an error thrown while sending an action. Transient: throttling, server faults (5xx,
 * `$fault: 'server'`), errors the service marks retryable, timeouts and network failures.
 * Everything else (validation, not found, access denied, a bug) is permanent: sending it again
 * would fail the same way.
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (error instanceof ActionDeliveryError) return error.transient;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as SdkErrorShape;
  // An abort is a decision by the caller, not a fault to retry through.
  if (shape.name === 'AbortError') return false;
  if (typeof shape.name === 'string' && TRANSIENT_CODES.has(shape.name)) return true;
  if (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code)) return true;
  if (shape.$fault === 'server' || shape.$retryable !== undefined) return true;
  const status = shape.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  // The SDK wraps socket errors; look through a few levels of `cause`.
  return depth < 5 && shape.cause !== undefined && isTransientError(shape.cause, depth + 1);
}
