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

// DynamoDB's throughput errors (UnprocessedItemsError takes the name of the first) and every
// service's "Throttl…" names: the request was refused for rate, and the caller may try again.
const THROTTLING_NAME = /Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded/;

/**
 * Whether `error` is a service refusing a request for rate (throttling, exceeded throughput), by
 * its name. Callers report these as `ThrottlingException` rather than an internal failure.
 */
export function isThrottlingError(error: Error): boolean {
  return THROTTLING_NAME.test(error.name);
}
