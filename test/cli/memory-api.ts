import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { respond } from '../../functions/shared/http';
import { controlRoutes } from '../../lib/api/control/routes';
import { dataRoutes } from '../../lib/api/data/routes';
import type { ApiRequest } from '../../lib/api/http';
import { LOCAL_SCOPE } from '../../lib/api/resource-scope';
import { router, type Route } from '../../lib/api/router';
import { startHttpApiServer, type HttpApiHandler, type HttpApiRoute, type RunningHttpApi } from '../support/http-api-server';
import { SILENT } from '../../lib/ports';
import { memoryBackend } from '../api/fakes';

/** A running in-memory API and its back end. */
export interface MemoryApi {
  readonly server: RunningHttpApi;
  readonly backend: ReturnType<typeof memoryBackend>;
  /** `['--endpoint', url]`, for `runCli`. */
  readonly endpoint: string[];
}

/**
 * The Vigil API over HTTP on 127.0.0.1, every control and data route of it, backed by in-memory
 * stores: the CLI's API commands run against it without DynamoDB.
 */
export async function serveMemoryApi(): Promise<MemoryApi> {
  const backend = memoryBackend();
  const served = <C>(routes: Route<C>[], context: C): HttpApiRoute[] => {
    const route = router(routes);
    const handler = ((event: APIGatewayProxyEventV2) => respond(event, SILENT, (request: ApiRequest) => route(request, context))) as HttpApiHandler;
    return routes.map(({ method, pattern }) => ({ method, path: pattern, handler }));
  };
  const server = await startHttpApiServer({ routes: [...served(controlRoutes(backend.control), LOCAL_SCOPE), ...served(dataRoutes(backend.data), undefined)] });
  return { server, backend, endpoint: ['--endpoint', server.url] };
}
