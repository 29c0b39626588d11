import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackHost } from '../auth/browser-guard';

/** Why the console server refuses a request: the status and AWS-style error it answers with. */
export interface ConsoleRefusal {
  readonly status: 403 | 415;
  readonly errorType: 'AccessDeniedException' | 'UnsupportedMediaTypeException';
  readonly message: string;
}

/**
 * The console server's door (it holds credentials that sign for the whole API, so it is as
 * guarded as the local stack's own APIs, while still serving its own pages):
 * - every request must name a loopback Host (a web page on a domain rebound to 127.0.0.1 — DNS
 *   rebinding — cannot use it);
 * - a request to `/api` must come from the console's own pages: an `Origin` other than the
 *   console's own, or a `Sec-Fetch-Site` other than `same-origin` (or `none`: typed in the address
 *   bar), is refused — a page on another port of this machine is `same-site`, and refused too;
 * - a POST to `/api` must say `application/json`: the only bodies a page of another origin can send
 *   without a CORS preflight are form and text ones.
 *
 * @returns the refusal, or undefined to go on.
 */
export function consoleRefusal(method: string, path: string, headers: IncomingHttpHeaders): ConsoleRefusal | undefined {
  const host = headers.host ?? '';
  if (!isLoopbackHost(host)) {
    return { status: 403, errorType: 'AccessDeniedException', message: `Host '${host}' is not a loopback name: the console answers only requests to 127.0.0.1, [::1] or localhost.` };
  }
  if (path !== '/api' && !path.startsWith('/api/')) return undefined;
  const origin = headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host.toLowerCase()}`) {
    return { status: 403, errorType: 'AccessDeniedException', message: `Requests from other web pages (Origin: ${origin}) are refused: the console's API serves the console's own pages.` };
  }
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { status: 403, errorType: 'AccessDeniedException', message: `Requests from other web pages (Sec-Fetch-Site: ${site}) are refused: the console's API serves the console's own pages.` };
  }
  if (method === 'POST' && !isJson(headers['content-type'])) {
    return { status: 415, errorType: 'UnsupportedMediaTypeException', message: `A ${method} to the console's API must be JSON (Content-Type: application/json), not '${headers['content-type'] ?? 'none'}'.` };
  }
  return undefined;
}

function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}
