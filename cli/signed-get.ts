import { EXECUTE_API } from '../lib/api/client-config';
import { signRequest } from '../local/auth/sign-request';
import type { ApiClients } from './api-client';

/**
 * GETs a path of the Vigil API that the SDK clients have no command for (Vigil's own routes),
 * signed with SigV4 for `execute-api` with the data client's own credentials and region: a
 * deployment's API Gateway and the local stack both verify it.
 */
export async function signedGet(clients: ApiClients, path: string, query: Record<string, string>, fetcher: typeof fetch = fetch): Promise<Response> {
  const url = new URL(path, clients.endpoint.endsWith('/') ? clients.endpoint : `${clients.endpoint}/`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  // fetch sets Host from the URL itself, to the value that was signed.
  const { host: _host, ...headers } = await signRequest({ method: 'GET', url }, { service: EXECUTE_API, region: await clients.data.config.region(), credentials: clients.data.config.credentials });
  return fetcher(url, { headers });
}
