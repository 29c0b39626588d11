import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { refusalResponse, type AuthRefusal } from '../../local/auth/auth-refusal';
import { browserRefusal } from '../../local/auth/browser-guard';
import { authenticate, localAuthFromEnv, type IamAuthorizerContext, type LocalAuth } from '../../local/auth/local-auth';

/** A Lambda handler behind an HTTP API (payload format 2.0). */
export type HttpApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** One route, as serverless.yml declares it: `{method: 'GET', path: '/detectors/{detectorModelName}'}`. */
export interface HttpApiRoute {
  /** An HTTP method, or `ANY`. */
  readonly method: string;
  /** Literal segments and `{name}` parameters; a last `{name+}` takes the rest of the path. */
  readonly path: string;
  readonly handler: HttpApiHandler;
  /** The function's name, for the Lambda context (and the ARN its handler may read). */
  readonly functionName?: string;
}

/** Options of {@link startHttpApiServer}. */
export interface HttpApiServerOptions {
  readonly routes: readonly HttpApiRoute[];
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** A loopback address: the local API never listens beyond this machine. */
  readonly host?: '127.0.0.1' | '::1' | 'localhost';
  /** How requests are authenticated (SigV4 for `execute-api`). Default: from the environment, see {@link localAuthFromEnv}. */
  readonly auth?: LocalAuth;
  /** Region and account that the Lambda context's function ARN names. */
  readonly region?: string;
  readonly accountId?: string;
  /** Largest request body accepted (Lambda's limit for synchronous invocations: 6 MB). */
  readonly maxBodyBytes?: number;
}

/** A running local HTTP API. */
export interface RunningHttpApi {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

interface CompiledRoute extends HttpApiRoute {
  readonly regex: RegExp;
  readonly names: readonly string[];
  /** Literal segments: API Gateway prefers the route with the most, and a greedy one last. */
  readonly literals: number;
  readonly greedy: boolean;
}

/**
 * Serves Lambda handlers the way an API Gateway HTTP API invokes them: each request becomes an
 * `APIGatewayProxyEventV2` (raw path and query, lower-case headers, decoded parameters, the body as
 * text or base64), the most specific matching route wins, and the handler's result becomes the
 * response. Unmatched requests get API Gateway's `{"message":"Not Found"}` and a handler that throws
 * its `{"message":"Internal Server Error"}`. A trailing slash is ignored when matching.
 *
 * Every route has IAM authorization, as in serverless.yml: a request must carry a valid SigV4
 * signature for `execute-api` with the local key pair (else 403 in API Gateway's shape), and the
 * handler finds the signer in `requestContext.authorizer.iam`. Requests from web pages are refused.
 */
export async function startHttpApiServer(options: HttpApiServerOptions): Promise<RunningHttpApi> {
  const host = options.host ?? '127.0.0.1';
  const auth = options.auth ?? localAuthFromEnv();
  const maxBodyBytes = options.maxBodyBytes ?? 6 * 1024 * 1024;
  const routes = options.routes.map(compile).sort((a, b) => b.literals - a.literals || Number(a.greedy) - Number(b.greedy));
  const server = http.createServer((request, response) => {
    void serve(request, response, routes, { ...options, auth }, maxBodyBytes);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host === '::1' ? '[::1]' : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function compile(route: HttpApiRoute): CompiledRoute {
  const names: string[] = [];
  let literals = 0;
  const source = route.path
    .replace(/\/+$/, '')
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      const param = /^\{(\w+)\}$/.exec(segment);
      if (greedy) names.push(greedy[1]);
      else if (param) names.push(param[1]);
      else if (segment) literals++;
      return greedy ? '(.+)' : param ? '([^/]+)' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return { ...route, regex: new RegExp(`^${source}/?$`), names, literals, greedy: /\+\}\/*$/.test(route.path) };
}

async function serve(request: http.IncomingMessage, response: http.ServerResponse, routes: readonly CompiledRoute[], options: HttpApiServerOptions & { auth: LocalAuth }, maxBodyBytes: number): Promise<void> {
  const send = (statusCode: number, headers: Record<string, string>, body: Buffer | string) => {
    response.writeHead(statusCode, headers);
    response.end(body);
  };
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > maxBodyBytes) return send(413, { 'content-type': 'application/json' }, '{"message":"Request Entity Too Large"}');
      chunks.push(chunk as Buffer);
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    const method = (request.method ?? 'GET').toUpperCase();
    const body = Buffer.concat(chunks);
    const browser = browserRefusal(request.headers);
    if (browser) return refuse(send, browser);
    const route = routes.find((candidate) => (candidate.method.toUpperCase() === method || candidate.method.toUpperCase() === 'ANY') && candidate.regex.test(url.pathname));
    if (!route) return send(404, { 'content-type': 'application/json' }, '{"message":"Not Found"}');
    const authentication = await authenticate({ method, target: request.url ?? '/', headers: request.headers, body }, options.auth, 'execute-api');
    if ('refusal' in authentication) return refuse(send, authentication.refusal);
    const event = toEvent(request, url, method, route, body, options.accountId ?? '000000000000', authentication.authorizer);
    const result = fromResult(await route.handler(event, lambdaContext(route, options)));
    send(result.statusCode, result.headers, result.body);
  } catch {
    // What API Gateway answers when the integration fails; the handler logs its own errors.
    send(500, { 'content-type': 'application/json' }, '{"message":"Internal Server Error"}');
  }
}

function refuse(send: (statusCode: number, headers: Record<string, string>, body: string) => void, refusal: AuthRefusal): void {
  const { statusCode, headers, body } = refusalResponse(refusal);
  send(statusCode, headers, body);
}

function toEvent(request: http.IncomingMessage, url: URL, method: string, route: CompiledRoute, body: Buffer, accountId: string, authorizer: IamAuthorizerContext): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = name in query ? `${query[name]},${value}` : value;
  const match = route.regex.exec(url.pathname) as RegExpExecArray;
  const pathParameters = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
  const text = body.toString('utf8');
  // Bodies that are not UTF-8 text reach the handler base64-encoded, as API Gateway sends binary.
  const binary = !Buffer.from(text, 'utf8').equals(body);
  const routeKey = `${route.method.toUpperCase()} ${route.path}`;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.search ? query : undefined,
    pathParameters: route.names.length ? pathParameters : undefined,
    body: body.length ? (binary ? body.toString('base64') : text) : undefined,
    isBase64Encoded: binary,
    requestContext: {
      accountId,
      apiId: 'local',
      // The types of aws-lambda leave out the IAM authorizer's context; API Gateway sends it.
      ...({ authorizer } as object),
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0],
      http: { method, path: url.pathname, protocol: `HTTP/${request.httpVersion}`, sourceIp: request.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
  };
}

function lambdaContext(route: CompiledRoute, options: HttpApiServerOptions): Context {
  const functionName = route.functionName ?? 'local-http-api';
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region ?? 'us-east-1'}:${options.accountId ?? '000000000000'}:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A handler's result as a response: strings and bare objects become 200 JSON, as API Gateway does. */
function fromResult(result: APIGatewayProxyResultV2): { statusCode: number; headers: Record<string, string>; body: Buffer | string } {
  if (typeof result === 'string') return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: result };
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result) };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  return { statusCode: result.statusCode ?? 200, headers, body };
}
