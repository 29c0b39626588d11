import { AppError } from '../../lib/errors';

/**
 * The local stack could not start: a port is taken, an emulator did not come up, a model file or
 * topic rule cannot be loaded. The message says which part failed and what to do; `cause` keeps
 * the underlying error.
 */
export class LocalStackError extends AppError {
  constructor(
    /** The part that failed: `dynamodb`, `sns-sqs`, `offline`, `mqtt`, `rules`, `models`, `ports`. */
    readonly component: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${component}: ${message}`, options);
  }
}

/**
 * A call to serverless-offline's Lambda API did not reach the function: the function does not
 * exist, offline is not running, or it answered with an HTTP error. A function that ran and
 * failed is not this error; it is an {@link InvokeResult} with `functionError`.
 */
export class LambdaInvokeError extends AppError {
  constructor(
    /** The deployed function name, e.g. `vigil-local-ingestRule`. */
    readonly functionName: string,
    /** The HTTP status, when offline answered at all. */
    readonly statusCode: number | undefined,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`invoking ${functionName}: ${message}`, options);
  }
}

/** A function ran and failed (threw, or timed out): what Lambda reports as a function error. */
export class FunctionError extends AppError {
  constructor(
    readonly functionName: string,
    /** `Unhandled` for a thrown error, as Lambda's `X-Amz-Function-Error` header says. */
    readonly functionError: string,
    /** The error payload the function returned (`errorMessage`, `errorType`, …). */
    readonly payload: unknown,
  ) {
    super(`${functionName} failed (${functionError}): ${describePayload(payload)}`);
  }
}

function describePayload(payload: unknown): string {
  if (payload && typeof payload === 'object' && 'errorMessage' in payload) return String((payload as { errorMessage: unknown }).errorMessage);
  return JSON.stringify(payload) ?? 'no details';
}
