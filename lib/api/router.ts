import { JsonNestingError, checkJsonValueNesting } from '../expression';
import { apiErrors, type ApiRequest, type ApiResponse } from './http';

/** Path parameters by name. */
export type Params = Readonly<Record<string, string>>;

/**
 * A route: method, a path pattern with `{name}` parameters, and what to do. `C` is whatever the
 * handler knows about the call besides the request (the account and region, for ARNs).
 */
export interface Route<C = void> {
  readonly method: string;
  readonly pattern: string;
  handle(request: ApiRequest, params: Params, context: C): Promise<ApiResponse>;
}

interface CompiledRoute<C> extends Route<C> {
  readonly regex: RegExp;
  readonly names: readonly string[];
}

/**
 * Dispatches requests by method and path. Trailing slashes are ignored (the AWS SDK calls
 * `/detectors/{name}/keyValues/`), parameters are URL-decoded; an unknown path is a 404 and a
 * known path with another method a 405-like InvalidRequestException, both in AWS's error shape.
 * A body nested deeper than `MAX_JSON_DEPTH` is an InvalidRequestException before any operation
 * walks it (copying, filling placeholders and serialising all recurse).
 */
export function router<C = void>(routes: readonly Route<C>[]): (request: ApiRequest, context: C) => Promise<ApiResponse> {
  const compiled: CompiledRoute<C>[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.pattern.replace(/\/+$/, '').replace(/\{(\w+)\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    return { ...route, regex: new RegExp(`^${source}/?$`), names };
  });
  return async (request, context) => {
    let pathMatched = false;
    for (const route of compiled) {
      const match = route.regex.exec(request.path);
      if (!match) continue;
      pathMatched = true;
      if (route.method !== request.method.toUpperCase()) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decode(match[i + 1]);
      });
      checkBodyNesting(request.body);
      return route.handle(request, params, context);
    }
    throw pathMatched ? apiErrors.invalid(`${request.method} is not supported on ${request.path}`) : apiErrors.notFound(`no API at ${request.path}`);
  };
}

function checkBodyNesting(body: unknown): void {
  try {
    checkJsonValueNesting(body);
  } catch (error) {
    if (error instanceof JsonNestingError) throw apiErrors.invalid(`the request body is ${error.message}`, { cause: error });
    throw error;
  }
}

/** A malformed escape (`%zz`) is the caller's mistake, not a server error. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw apiErrors.invalid(`the path segment '${segment}' is not valid URL encoding`, { cause: error });
  }
}
