import { EXECUTE_API } from '../../lib/api/client-config';
import { signRequest, type SigningCredentials } from '../auth/sign-request';

/** The Vigil API the console's `/api/*` calls go to, and who signs them. */
export interface ApiUpstream {
  /** The HTTP API's URL (`https://abc123.execute-api.eu-west-1.amazonaws.com`, `http://127.0.0.1:3000`), possibly with a stage path. */
  readonly endpoint: string;
  /** The deployment's region: part of every signature. */
  readonly region: string;
  /** The key pair, or the SDK's credential provider (refreshed as it sees fit). */
  readonly credentials: SigningCredentials | (() => Promise<SigningCredentials>);
}

/** An answer to relay to the browser unchanged. */
export interface ProxiedAnswer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

// The console reads everything, and changes only what an operator does from it: messages sent to
// inputs and alarm operations. Models, inputs and detectors are not deleted or rewritten through
// it, whatever a script in the page might try.
const WRITES = [/^\/inputs\/messages$/, /^\/alarms\/(acknowledge|disable|enable|reset|snooze)$/];
// What of the API's answer reaches the browser: the body's type and AWS's error type and request id.
const RETURNED = ['content-type', 'x-amzn-errortype', 'x-amzn-requestid'];
const UPSTREAM_TIMEOUT_MS = 30_000;

/**
 * Forwards one console call (`/api<path>` with the `/api` removed) to the Vigil API, signed with
 * SigV4 for `execute-api` as the CLI signs (`signRequest`), and returns the API's answer as it
 * came: status, body and error type unchanged. Only the body and its type travel from the
 * browser; its cookies and other headers stay here. GETs pass; a POST passes only to the
 * operations of {@link WRITES}; anything else is refused (403) without reaching the API.
 *
 * @throws what `fetch` or the credential provider throws (the API cannot be reached, no credentials).
 */
export async function forwardToApi(method: string, target: string, body: Buffer, contentType: string | undefined, upstream: ApiUpstream, fetcher: typeof fetch = fetch): Promise<ProxiedAnswer> {
  // Resolve `..` and the like first, so the check below sees the path the API will see.
  const relative = new URL(target, 'http://console.invalid');
  const write = method === 'POST' && WRITES.some((pattern) => pattern.test(relative.pathname));
  if (method !== 'GET' && !write) {
    return refused(`The console does not forward ${method} ${relative.pathname}: it reads the API, sends messages to inputs and operates alarms.`);
  }
  const base = new URL(upstream.endpoint);
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}${relative.pathname}${relative.search}`, base.origin);
  const headers: Record<string, string> = { accept: 'application/json', ...(write ? { 'content-type': contentType ?? 'application/json' } : {}) };
  const requestBody = write ? body : undefined;
  // fetch sets Host from the URL itself, to the value that was signed.
  const { host: _host, ...signed } = await signRequest({ method, url, headers, body: requestBody }, { service: EXECUTE_API, region: upstream.region, credentials: upstream.credentials });
  const response = await fetcher(url, { method, headers: signed, body: requestBody, redirect: 'manual', signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  const returned: Record<string, string> = {};
  for (const name of RETURNED) {
    const value = response.headers.get(name);
    if (value !== null) returned[name] = value;
  }
  return { status: response.status, headers: returned, body: Buffer.from(await response.arrayBuffer()) };
}

function refused(message: string): ProxiedAnswer {
  return { status: 403, headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' }, body: Buffer.from(JSON.stringify({ message })) };
}
