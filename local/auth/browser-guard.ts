import type { IncomingHttpHeaders } from 'node:http';
import type { AuthRefusal } from './auth-refusal';

// The names a request to a service on this machine's loopback interface carries in its Host:
// 127.x.y.z, [::1], and localhost with its subdomains (RFC 6761; fauxqs' queue URLs name
// sqs.<region>.localhost). Nobody can point those at a web page's server.
const LOOPBACK_HOST = /^(127(?:\.\d{1,3}){3}|(?:[a-z0-9-]+\.)*localhost|\[::1\])(?::\d{1,5})?$/i;

/**
 * Refuses what only a web browser sends to a local service: a request with an `Origin` header (a
 * browser adds it to every cross-origin request and every POST; SDKs and CLIs never do), or one
 * whose `Host` is not a loopback name (a page on a domain rebound to 127.0.0.1, DNS rebinding).
 * Binding to 127.0.0.1 keeps the network out; this keeps out the pages a local browser runs, which
 * can send "simple" requests (form posts) without any CORS preflight.
 *
 * @returns The refusal to answer (403 `AccessDeniedException`), or undefined to go on.
 */
export function browserRefusal(headers: IncomingHttpHeaders): AuthRefusal | undefined {
  if (headers.origin !== undefined) {
    return { errorType: 'AccessDeniedException', message: `Requests from web pages (Origin: ${headers.origin}) are refused: the local stack serves SDKs and tools, not browsers.` };
  }
  const host = headers.host ?? '';
  if (!isLoopbackHost(host)) {
    return { errorType: 'AccessDeniedException', message: `Host '${host}' is not a loopback name: the local stack answers only requests to 127.0.0.1, [::1] or localhost.` };
  }
  return undefined;
}

/** Whether a `Host` header names this machine's loopback interface (127.x.y.z, [::1], localhost and its subdomains), with or without a port. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}
