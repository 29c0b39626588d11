import { errorResponse, type ApiCaller, type ApiRequest } from '../../lib/api/http';
import { LOCAL_SCOPE, type ResourceScope } from '../../lib/api/resource-scope';
import { router, type Route } from '../../lib/api/router';

/** A parsed API answer: status, AWS error type (when an error), and the JSON body. */
export interface Answer {
  readonly status: number;
  readonly errorType: string | undefined;
  readonly body: Record<string, unknown>;
}

/**
 * Calls routes the way the handlers do (thrown API errors become AWS-shaped responses), without
 * HTTP: the fast way to test operations. `signer` is the IAM identity the request carries.
 */
export function caller<C = ResourceScope>(routes: Route<C>[], context: C = LOCAL_SCOPE as C, signer?: ApiCaller) {
  const route = router(routes);
  return async (method: string, path: string, body?: unknown, query: Record<string, string> = {}): Promise<Answer> => {
    const request: ApiRequest = { method, path, query, body, ...(signer ? { caller: signer } : {}) };
    let response;
    try {
      response = await route(request, context);
    } catch (error) {
      response = errorResponse(error);
    }
    return { status: response.statusCode, errorType: response.headers['x-amzn-ErrorType'], body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : {} };
  };
}
