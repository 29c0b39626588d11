import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ApiError, apiErrors, errorResponse, type ApiRequest, type ApiResponse } from '../../lib/api/http';
import type { Telemetry } from '../../lib/ports';

/** Largest request body accepted: Lambda's own limit for synchronous invocations. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Reads an HTTP API (payload 2.0) event; a body that is not JSON is an InvalidRequestException. */
export function toApiRequest(event: APIGatewayProxyEventV2): ApiRequest {
  // serverless-offline sends `body: null` for a request without one; API Gateway leaves it out.
  const raw = event.body === undefined || event.body === null ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (raw !== undefined && Buffer.byteLength(raw) > MAX_BODY_BYTES) throw apiErrors.invalid(`the request body is larger than ${MAX_BODY_BYTES} bytes`);
  let body: unknown;
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch (error) {
      throw apiErrors.invalid(`the request body is not valid JSON: ${(error as Error).message}`);
    }
  }
  // IAM authorization (every route in serverless.yml) puts the signer here; the types omit it.
  const iam = (event.requestContext as { authorizer?: { iam?: { userArn?: string; accountId?: string } } }).authorizer?.iam;
  const caller = iam?.userArn ? { arn: iam.userArn, accountId: iam.accountId } : undefined;
  return { method: event.requestContext.http.method, path: event.rawPath, query: event.queryStringParameters ?? {}, body, ...(caller ? { caller } : {}) };
}

/**
 * Runs an API call: errors become AWS-shaped error responses (never a 200 with an error inside,
 * which is what serverless-offline does with a thrown error); unexpected ones are logged, as errors,
 * or as warnings when the storage only throttled (429, retried by the caller).
 */
export async function respond(
  event: APIGatewayProxyEventV2,
  telemetry: Telemetry,
  handle: (request: ApiRequest) => Promise<ApiResponse>,
): Promise<APIGatewayProxyStructuredResultV2> {
  try {
    return await handle(toApiRequest(event));
  } catch (error) {
    const response = errorResponse(error);
    if (response.statusCode >= 500 || !(error instanceof ApiError)) {
      telemetry.log(response.statusCode >= 500 ? 'error' : 'warn', 'request failed', {
        path: event.rawPath, status: response.statusCode, error: (error as Error).message, name: (error as Error).name, stack: (error as Error).stack,
      });
    }
    return response;
  }
}
