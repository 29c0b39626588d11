import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../lib/errors';
import { forwardToApi, type ApiUpstream } from './api-proxy';
import type { ConsoleFiles } from './build-console';
import { consoleRefusal } from './console-guard';
import { INFER_LIMITS, InferRefusal, inferHistory, type InferRequest } from './infer-history';
import { ReplayRefusal, replay, type ReplayRequest } from './simulate-replay';
import { validateModelText } from './validate-text';

/** How to run the console server. */
export interface ConsoleServerOptions {
  /** The port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** The built console ({@link buildConsole}). */
  readonly files: ConsoleFiles;
  /** The Vigil API behind `/api`, and the credentials that sign for it. */
  readonly api: ApiUpstream;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  readonly maxBodyBytes?: number;
  /** Problems worth saying: the API unreachable, credentials missing. */
  readonly log?: (message: string, error?: Error) => void;
}

/** A running console server. */
export interface RunningConsole {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The console server cannot listen. */
export class ConsoleServerError extends AppError {}

// The pages may load only their own scripts and talk only to their own server; no other page may frame them.
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The Vigil Console's server, on 127.0.0.1: the built pages, `/api/console/validate` and
 * `/api/console/simulate`, `/api/console/infer` (pure functions, answered here), and every other `/api/<path>` forwarded
 * to the Vigil API signed with the credentials it was given ({@link forwardToApi}), which never
 * reach the browser. {@link consoleRefusal} keeps other web pages out.
 *
 * @throws ConsoleServerError when the port cannot be listened on.
 */
export async function startConsoleServer(options: ConsoleServerOptions): Promise<RunningConsole> {
  const log = options.log ?? (() => undefined);
  const server = http.createServer((request, response) => {
    void handle(request, response, options).catch((error: Error) => {
      log(`console: ${request.method} ${request.url} failed`, error);
      if (!response.headersSent) send(response, 502, { 'content-type': 'application/json', 'x-amzn-errortype': 'BadGatewayException' }, JSON.stringify({ message: upstreamProblem(options.api.endpoint, error) }));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new ConsoleServerError(error.code === 'EADDRINUSE' ? `port ${options.port} is in use: set VIGIL_CONSOLE_PORT (0 picks a free port)` : error.message, { cause: error })));
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(request: http.IncomingMessage, response: http.ServerResponse, options: ConsoleServerOptions): Promise<void> {
  const method = request.method ?? 'GET';
  const target = request.url ?? '/';
  const path = target.split('?')[0];
  const refusal = consoleRefusal(method, path, request.headers);
  if (refusal) return error(response, refusal.status, refusal.errorType, refusal.message);
  if (path !== '/api' && !path.startsWith('/api/')) return serveFile(method, path, response, options.files);
  // A history is larger than a model or a replay's messages: its path has its own bound.
  const maxBody = path === '/api/console/infer' ? Math.max(INFER_LIMITS.bodyBytes, options.maxBodyBytes ?? 0) : options.maxBodyBytes ?? 1024 * 1024;
  const body = await readBody(request, maxBody);
  if (body === undefined) return error(response, 413, 'PayloadTooLargeException', 'The request body is too large for the console.');
  if (path === '/api/console/validate' || path === '/api/console/simulate' || path === '/api/console/infer') {
    if (method !== 'POST') return error(response, 405, 'MethodNotAllowedException', `${path} takes a POST.`);
    return path.endsWith('/validate') ? validate(body, response) : path.endsWith('/infer') ? infer(body, response) : simulate(body, response);
  }
  if (path.startsWith('/api/console/')) return error(response, 404, 'ResourceNotFoundException', `The console has no ${path}.`);
  const answer = await forwardToApi(method, target.slice('/api'.length) || '/', body, request.headers['content-type'], options.api);
  send(response, answer.status, answer.headers, answer.body);
}

function validate(body: Buffer, response: http.ServerResponse): void {
  // The body is the model's text itself, exactly as pasted: positions are offsets into it.
  send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(validateModelText(body.toString('utf8'))));
}

function simulate(body: Buffer, response: http.ServerResponse): void {
  let request: ReplayRequest;
  try {
    request = JSON.parse(body.toString('utf8')) as ReplayRequest;
  } catch (caught) {
    return error(response, 400, 'InvalidRequestException', `The body is not JSON: ${(caught as Error).message}`);
  }
  if (typeof request !== 'object' || request === null || typeof request.messages !== 'string') {
    return error(response, 400, 'InvalidRequestException', 'The body must be {"model": <CreateDetectorModel body>, "inputs"?: [<CreateInput body>…], "messages": "<JSON lines>"}.');
  }
  try {
    send(response, 200, { 'content-type': 'application/json' }, replay(request));
  } catch (caught) {
    if (!(caught instanceof ReplayRefusal)) throw caught;
    send(response, 400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidRequestException' }, JSON.stringify({ message: caught.message, problems: caught.problems }));
  }
}

function infer(body: Buffer, response: http.ServerResponse): void {
  let request: InferRequest;
  try {
    request = JSON.parse(body.toString('utf8')) as InferRequest;
  } catch (caught) {
    return error(response, 400, 'InvalidRequestException', `The body is not JSON: ${(caught as Error).message}`);
  }
  try {
    if (typeof request !== 'object' || request === null) throw new InferRefusal('The body must be a JSON object.');
    send(response, 200, { 'content-type': 'application/json' }, JSON.stringify(inferHistory(request)));
  } catch (caught) {
    if (!(caught instanceof InferRefusal)) throw caught;
    send(response, 400, { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidRequestException' }, JSON.stringify({ message: caught.message, problems: caught.problems }));
  }
}

function serveFile(method: string, path: string, response: http.ServerResponse, files: ConsoleFiles): void {
  if (method !== 'GET' && method !== 'HEAD') return error(response, 405, 'MethodNotAllowedException', `The console's pages take GET, not ${method}.`);
  const file = files.get(path === '/' ? '/index.html' : path);
  if (!file) return send(response, 404, { 'content-type': 'text/plain; charset=utf-8' }, `Not found: ${path}`);
  response.writeHead(200, { ...SECURITY_HEADERS, 'content-type': file.type, 'content-length': file.body.length });
  response.end(method === 'HEAD' ? undefined : file.body);
}

/** The whole body, or undefined when it is larger than `max` bytes. */
async function readBody(request: http.IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function upstreamProblem(endpoint: string, caught: Error): string {
  const e = caught as Error & { cause?: { code?: string } };
  if (e.name === 'CredentialsProviderError') return `No AWS credentials to sign the console's calls to ${endpoint}: ${e.message}`;
  if (e.name === 'TimeoutError') return `The Vigil API at ${endpoint} did not answer in time.`;
  return `Cannot reach the Vigil API at ${endpoint}: ${e.cause?.code ?? e.message}`;
}

function error(response: http.ServerResponse, status: number, errorType: string, message: string): void {
  send(response, status, { 'content-type': 'application/json', 'x-amzn-errortype': errorType }, JSON.stringify({ message }));
}

function send(response: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  response.writeHead(status, { ...SECURITY_HEADERS, ...headers });
  response.end(body);
}
