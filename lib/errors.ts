/**
 * Base class of every error Vigil throws on purpose.
 *
 * Subclasses carry structured data (a path, a span, the conflicting item) so callers branch with
 * `instanceof` and read fields, never parse messages. `cause` is always kept.
 */
export class AppError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

// The one classification of failures of another service (DynamoDB, SNS, SQS, Lambda…) or of the
// network to it. It reads the shape of AWS SDK v3 errors (`name`, `$fault`, `$retryable`,
// `$metadata.httpStatusCode`, Node's socket `code`, `cause`), so it needs no SDK import.

/** Refused for rate: the codes the AWS SDK itself retries as throttling (@smithy/core), and KMS's. */
const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded', 'EC2ThrottledException', 'LimitExceededException', 'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException',
  'SlowDown', 'ThrottledException', 'Throttling', 'ThrottlingException', 'TooManyRequestsException',
  'TransactionInProgressException', 'KMSThrottlingException', 'KmsThrottled',
  // DynamoDB's transaction cancellation reasons.
  'ThrottlingError', 'ProvisionedThroughputExceeded',
]);
// Codes of other services that say "throttled" in their name (`SomeServiceThrottledException`).
const THROTTLING_NAME = /Throttl/;

/** Failed for now, not for good: server faults, timeouts, conflicts that a retry resolves. */
const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'TransactionConflictException', 'TransactionConflict', 'ConflictingOperationException', 'ResourceNotReadyException',
  'InternalError', 'InternalErrorException', 'InternalFailure', 'InternalFailureException', 'InternalServerError',
  'InternalServerException', 'ServiceException', 'ServiceUnavailable', 'ServiceUnavailableException',
  'TimeoutError', 'RequestTimeout', 'RequestTimeoutException',
]);

/** Node.js socket and DNS failures: the request may never have reached the service. */
const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** How a transient failure may be retried: after backing off for rate, or once the service is back. */
export type TransientKind = 'throttling' | 'unavailable';

/** SDK errors raised before any request was sent: a configuration problem, not an outage. */
const NOT_SENT_NAMES: ReadonlySet<string> = new Set(['CredentialsProviderError', 'TokenProviderError']);

interface ServiceErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $retryable?: { readonly throttling?: unknown };
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly attempts?: unknown };
  readonly CancellationReasons?: readonly { readonly Code?: unknown }[];
  readonly cause?: unknown;
}

/**
 * Whether an error from another service means "try again later", and why: `throttling` when it
 * refused for rate (throttling and throughput errors, HTTP 429), `unavailable` for server faults
 * (HTTP 5xx, `$fault: 'server'`, errors the SDK marks retryable), timeouts, conflicts and network
 * failures; undefined for everything else (validation, not found, access denied, a bug), which
 * would fail the same way again. A DynamoDB transaction cancelled only for transient reasons is
 * transient; one with a failed condition is not. Looks through a few levels of `cause`.
 */
export function transientKind(error: unknown, depth = 0): TransientKind | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as ServiceErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  // An abort is a decision by the caller, not a fault to retry through.
  if (name === 'AbortError') return undefined;
  if (Array.isArray(shape.CancellationReasons)) return cancellationKind(shape.CancellationReasons);
  if (isThrottlingCode(name) || (typeof shape.$retryable === 'object' && shape.$retryable?.throttling === true)) return 'throttling';
  const status = shape.$metadata?.httpStatusCode;
  if (status === 429) return 'throttling';
  if (UNAVAILABLE_CODES.has(name) || (typeof shape.code === 'string' && NETWORK_CODES.has(shape.code))) return 'unavailable';
  if (shape.$fault === 'server' || shape.$retryable !== undefined || (typeof status === 'number' && status >= 500)) return 'unavailable';
  // A call the SDK gave up on (it counted its attempts) without ever getting an HTTP response did
  // not reach the service: a socket, DNS or timeout failure, whose `code` the SDK's wrapper may
  // have dropped (it wraps errors from another realm, as under jest, in a plain Error).
  if (typeof shape.$metadata?.attempts === 'number' && status === undefined && !NOT_SENT_NAMES.has(name)) return 'unavailable';
  // The SDK wraps socket errors.
  return depth < 5 && shape.cause !== undefined ? transientKind(shape.cause, depth + 1) : undefined;
}

function isThrottlingCode(code: string): boolean {
  return THROTTLING_CODES.has(code) || THROTTLING_NAME.test(code);
}

/** A cancelled transaction: transient only when every reason given is (throttling if any is). */
function cancellationKind(reasons: readonly { readonly Code?: unknown }[]): TransientKind | undefined {
  const codes = reasons.map((reason) => (typeof reason?.Code === 'string' ? reason.Code : 'None')).filter((code) => code !== 'None');
  if (!codes.length || !codes.every(isTransientCode)) return undefined;
  return codes.some(isThrottlingCode) ? 'throttling' : 'unavailable';
}

/** True when an error code from a service (a batch response entry's, a cancellation reason) means "try again later". */
export function isTransientCode(code: string | undefined): boolean {
  return code !== undefined && (isThrottlingCode(code) || UNAVAILABLE_CODES.has(code));
}

/** Whether `error` is a service refusing a request for rate (see {@link transientKind}). */
export function isThrottlingError(error: unknown): boolean {
  return transientKind(error) === 'throttling';
}

/** The IoT Events error codes for a failure that is not the caller's fault. */
export type FailureCode = 'ThrottlingException' | 'ServiceUnavailableException' | 'InternalFailureException';

/**
 * The IoT Events error code for an unexpected failure: ThrottlingException (HTTP 429) when a
 * service refused for rate, ServiceUnavailableException (503) when it failed for now, both of
 * which the AWS SDK retries; InternalFailureException (500) for anything else.
 */
export function failureCode(error: unknown): FailureCode {
  const kind = transientKind(error);
  return kind === 'throttling' ? 'ThrottlingException' : kind === 'unavailable' ? 'ServiceUnavailableException' : 'InternalFailureException';
}
