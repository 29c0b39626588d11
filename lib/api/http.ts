import { AppError, failureCode } from '../errors';

/** An HTTP request, already taken out of the API Gateway event. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** The JSON body, parsed; undefined when there is none. */
  readonly body: unknown;
  /**
   * Who signed the request, as the API's IAM authorization established it (API Gateway's
   * `requestContext.authorizer.iam`; the local API verifies SigV4 itself). Undefined when the
   * request reached the handler without IAM authorization (tests calling it directly).
   */
  readonly caller?: ApiCaller;
}

/** The IAM identity that signed a request. */
export interface ApiCaller {
  /** `arn:aws:iam::123456789012:user/alice`, or `arn:aws:sts::123456789012:assumed-role/Role/session`. */
  readonly arn: string;
  readonly accountId?: string;
}

/** An HTTP response in the shape API Gateway HTTP APIs expect. */
export interface ApiResponse {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An error the API reports the way AWS IoT Events did: status, `x-amzn-ErrorType`, `{message}`. */
export class ApiError extends AppError {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The error types of the IoT Events APIs (restJson1), by constructor; `cause` keeps what went wrong underneath. */
export const apiErrors = {
  invalid: (message: string, options?: ErrorOptions) => new ApiError(400, 'InvalidRequestException', message, {}, options),
  accessDenied: (message: string, options?: ErrorOptions) => new ApiError(403, 'AccessDeniedException', message, {}, options),
  notFound: (message: string, options?: ErrorOptions) => new ApiError(404, 'ResourceNotFoundException', message, {}, options),
  alreadyExists: (message: string, resourceId: string, resourceArn: string, options?: ErrorOptions) =>
    new ApiError(409, 'ResourceAlreadyExistsException', message, { resourceId, resourceArn }, options),
  inUse: (message: string, options?: ErrorOptions) => new ApiError(409, 'ResourceInUseException', message, {}, options),
  limitExceeded: (message: string, options?: ErrorOptions) => new ApiError(410, 'LimitExceededException', message, {}, options),
  throttling: (message: string, options?: ErrorOptions) => new ApiError(429, 'ThrottlingException', message, {}, options),
  internal: (message: string, options?: ErrorOptions) => new ApiError(500, 'InternalFailureException', message, {}, options),
  unsupported: (message: string, options?: ErrorOptions) => new ApiError(501, 'UnsupportedOperationException', message, {}, options),
  unavailable: (message: string, options?: ErrorOptions) => new ApiError(503, 'ServiceUnavailableException', message, {}, options),
};

/** A JSON response. */
export function json(statusCode: number, body: unknown): ApiResponse {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: body === undefined ? '' : JSON.stringify(body) };
}

/**
 * The response for an error: ApiErrors as themselves; a storage (or other service) failure that a
 * retry can get past as ThrottlingException (429) or ServiceUnavailableException (503), which the
 * AWS SDK retries with backoff; anything else as a 500 that hides internals.
 */
export function errorResponse(error: unknown): ApiResponse {
  const apiError = error instanceof ApiError ? error : unexpectedError(error);
  return {
    statusCode: apiError.status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': apiError.type },
    body: JSON.stringify({ message: apiError.message, ...apiError.extra }),
  };
}

function unexpectedError(error: unknown): ApiError {
  const options = { cause: error };
  switch (failureCode(error)) {
    case 'ThrottlingException':
      return apiErrors.throttling('Rate exceeded: the service is throttled by its storage; retry with backoff', options);
    case 'ServiceUnavailableException':
      return apiErrors.unavailable('The service is temporarily unavailable: its storage did not answer; retry the request', options);
    default:
      return apiErrors.internal('An internal error occurred; it has been logged.', options);
  }
}
