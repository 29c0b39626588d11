import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { refusalResponse, type AuthRefusal } from '../auth/auth-refusal';
import { browserRefusal } from '../auth/browser-guard';
import { authenticate, type LocalAuth } from '../auth/local-auth';
import { LocalStackError } from './errors';
import { offlineInvokePath } from './lambda-function-path';

/** serverless-offline reads `requestContext.authorizer` of httpApi events from this header. */
export const OFFLINE_AUTHORIZER_HEADER = 'sls-offline-authorizer-override';

/** What {@link startSigningGateway} serves, and where it sends what it verified. */
export interface SigningGatewayOptions {
  /** The public port, on 127.0.0.1 (0 picks a free one). */
  readonly port: number;
  /** The Unix socket (or Windows pipe) the real server listens on. */
  readonly upstream: string;
  /** The SigV4 service requests must be signed for: `execute-api` (HTTP API) or `lambda` (Invoke). */
  readonly service: 'execute-api' | 'lambda';
  readonly auth: LocalAuth;
  /** Hand the verified caller to serverless-offline as the IAM authorizer's context (HTTP API). */
  readonly forwardCaller: boolean;
  /** Largest request body accepted (Lambda's synchronous payload limit: 6 MB). */
  readonly maxBodyBytes?: number;
  readonly log: (message: string, error?: Error) => void;
}

/** A running gateway. */
export interface RunningGateway {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) stay on their hop.
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer'];
// A caller's own authorizer override never passes; the length is that of the body read.
const NOT_FORWARDED = new Set([...HOP_BY_HOP, 'content-length', OFFLINE_AUTHORIZER_HEADER]);
const NOT_RETURNED = new Set(HOP_BY_HOP);

/**
 * The door to serverless-offline, which cannot check signatures itself (its `noAuth` skips IAM
 * authorization, and its Lambda API takes any invocation): listens on 127.0.0.1, refuses what a
 * web page sends, verifies each request's SigV4 signature as API Gateway or Lambda would (403 in
 * AWS's shape otherwise), and forwards what it verified to offline on a socket only this user can
 * open. For the HTTP API, the signer reaches the handler in `requestContext.authorizer.iam`.
 *
 * @throws LocalStackError when the port cannot be listened on.
 */
export async function startSigningGateway(options: SigningGatewayOptions): Promise<RunningGateway> {
  const maxBodyBytes = options.maxBodyBytes ?? 6 * 1024 * 1024;
  const agent = new http.Agent({ keepAlive: true });
  let stopping = false;
  const server = http.createServer((request, response) => {
    void forward(request, response, options, agent, maxBodyBytes).catch((error: Error) => {
      // While the stack stops, offline going away under a running invocation is expected.
      if (!stopping) options.log(`${options.service} gateway: forwarding ${request.method} ${request.url} failed`, error);
      if (!response.headersSent) answer(response, 502, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Bad Gateway' }));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new LocalStackError(options.service === 'lambda' ? 'lambda' : 'http', error.code === 'EADDRINUSE' ? `port ${options.port} is in use` : error.message, { cause: error })));
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

async function forward(request: http.IncomingMessage, response: http.ServerResponse, options: SigningGatewayOptions, agent: http.Agent, maxBodyBytes: number): Promise<void> {
  const browser = browserRefusal(request.headers);
  if (browser) return refuse(response, browser);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) return answer(response, 413, { 'content-type': 'application/json' }, JSON.stringify({ message: 'Request Entity Too Large' }));
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  const method = request.method ?? 'GET';
  const target = request.url ?? '/';
  const authentication = await authenticate({ method, target, headers: request.headers, body }, options.auth, options.service);
  if ('refusal' in authentication) return refuse(response, authentication.refusal);
  const headers: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(request.headers)) if (!NOT_FORWARDED.has(name) && value !== undefined) headers[name] = value;
  headers['content-length'] = body.length;
  if (options.forwardCaller) headers[OFFLINE_AUTHORIZER_HEADER] = JSON.stringify(authentication.authorizer);
  await new Promise<void>((resolve, reject) => {
    // Once the caller has hung up, what happens upstream is nobody's concern.
    let callerGone = false;
    const fail = (error: Error) => (callerGone ? resolve() : reject(error));
    // Verified as signed; offline then gets the function's name where the caller gave its ARN.
    const path = options.service === 'lambda' ? offlineInvokePath(target) : target;
    const upstream = http.request({ socketPath: options.upstream, agent, method, path, headers }, (reply) => {
      const replyHeaders: http.OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(reply.headers)) if (!NOT_RETURNED.has(name) && value !== undefined) replyHeaders[name] = value;
      response.writeHead(reply.statusCode ?? 502, replyHeaders);
      reply.pipe(response);
      reply.once('end', resolve);
      reply.once('error', fail);
    });
    upstream.once('error', fail);
    // A caller that hangs up (the invoker stopping) abandons the invocation upstream too.
    response.once('close', () => {
      if (response.writableFinished) return;
      callerGone = true;
      upstream.destroy();
    });
    upstream.end(body);
  });
}

function refuse(response: http.ServerResponse, refusal: AuthRefusal): void {
  const { statusCode, headers, body } = refusalResponse(refusal);
  answer(response, statusCode, headers, body);
}

function answer(response: http.ServerResponse, statusCode: number, headers: Record<string, string>, body: string): void {
  response.writeHead(statusCode, headers);
  response.end(body);
}
