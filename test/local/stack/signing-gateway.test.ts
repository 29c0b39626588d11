import http from 'node:http';
import { localAuthFromEnv } from '../../../local/auth/local-auth';
import { signRequest } from '../../../local/auth/sign-request';
import { LOCAL_CALLER_ARN, LOCAL_CREDENTIALS } from '../../../local/stack/local-identity';
import { privateSockets, type PrivateSockets } from '../../../local/stack/private-sockets';
import { OFFLINE_AUTHORIZER_HEADER, startSigningGateway, type RunningGateway } from '../../../local/stack/signing-gateway';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('the signing gateway in front of serverless-offline', () => {
  let sockets: PrivateSockets;
  let upstream: http.Server;
  let gateway: RunningGateway;
  const seen: Seen[] = [];
  const logs: string[] = [];

  const start = async (service: 'execute-api' | 'lambda') => {
    gateway = await startSigningGateway({ port: 0, upstream: sockets.path('up'), service, auth: localAuthFromEnv({}), forwardCaller: service === 'execute-api', log: (message) => logs.push(message) });
  };
  const send = async (path: string, init: { method?: string; body?: string; headers?: Record<string, string>; service?: string; sign?: boolean } = {}) => {
    const url = new URL(`${gateway.endpoint}${path}`);
    const method = init.method ?? 'POST';
    const signed = init.sign === false ? {} : await signRequest({ method, url, body: init.body, headers: init.headers }, { service: init.service ?? 'execute-api', region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    const { host: _host, ...headers } = { ...init.headers, ...signed };
    return fetch(url, { method, headers, body: init.body });
  };

  beforeEach(async () => {
    seen.length = 0;
    logs.length = 0;
    sockets = privateSockets();
    upstream = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method, url: request.url, headers: request.headers, body });
        response.writeHead(201, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' });
        response.end('{"from":"upstream"}');
      });
    });
    await new Promise<void>((resolve) => upstream.listen(sockets.path('up'), resolve));
  });

  afterEach(async () => {
    await gateway?.stop();
    await new Promise((resolve) => upstream.close(resolve));
    sockets.remove();
  });

  it('forwards a signed request unchanged, with the verified caller as offline’s authorizer context, and returns the answer', async () => {
    // Arrange: a caller trying to choose its own identity with offline's override header.
    await start('execute-api');
    const forged = JSON.stringify({ iam: { userArn: 'arn:aws:iam::000000000000:role/admin' } });

    // Act
    const response = await send('/detectors/m%20x/keyValues/?keyValue=a%2Bb', { body: '{"x":1}', headers: { 'content-type': 'application/json', [OFFLINE_AUTHORIZER_HEADER]: forged } });

    // Assert
    expect(response.status).toBe(201);
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.text()).toBe('{"from":"upstream"}');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/detectors/m%20x/keyValues/?keyValue=a%2Bb', body: '{"x":1}' });
    expect(JSON.parse(seen[0].headers[OFFLINE_AUTHORIZER_HEADER] as string)).toEqual({
      iam: { accessKey: 'local', accountId: '000000000000', callerId: expect.any(String), cognitoIdentity: null, principalOrgId: null, userArn: LOCAL_CALLER_ARN, userId: expect.any(String) },
    });
  });

  it('refuses an unsigned request in AWS’s shape and forwards nothing', async () => {
    // Arrange
    await start('lambda');

    // Act: what anyone on the machine could send to forge a lifecycle event.
    const response = await send('/2015-03-31/functions/vigil-local-ingestQueue/invocations', { sign: false, body: '{"Records":[{"body":"{\\"eventType\\":\\"disconnected\\"}"}]}' });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    expect(seen).toEqual([]);
  });

  it('refuses a signature for another service, and passes no caller on the Lambda port', async () => {
    // Arrange
    await start('lambda');

    // Act
    const wrongService = await send('/2015-03-31/functions/f/invocations', { body: '{}', service: 'execute-api' });
    const right = await send('/2015-03-31/functions/f/invocations', { body: '{}', service: 'lambda' });

    // Assert
    expect(wrongService.status).toBe(403);
    expect(await wrongService.json()).toEqual({ message: "Credential should be scoped to correct service: 'lambda'. " });
    expect(right.status).toBe(201);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers[OFFLINE_AUTHORIZER_HEADER]).toBeUndefined();
  });

  it('refuses what a web page sends: an Origin header, or a Host that is not a loopback name', async () => {
    // Arrange
    await start('execute-api');

    // Act
    const withOrigin = await send('/inputs/messages', { body: '{}', headers: { origin: 'http://attacker.example' } });
    const rebound = await new Promise<number>((resolve, reject) => {
      const request = http.request(`${gateway.endpoint}/inputs/messages`, { method: 'POST', headers: { host: `attacker.example:${gateway.port}` } }, (response) => resolve(response.statusCode as number));
      request.once('error', reject);
      request.end('{}');
    });

    // Assert
    expect(withOrigin.status).toBe(403);
    expect(withOrigin.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(rebound).toBe(403);
    expect(seen).toEqual([]);
  });

  it('answers 502 when offline does not answer, and logs why', async () => {
    // Arrange
    await start('execute-api');
    await new Promise((resolve) => upstream.close(resolve));

    // Act
    const response = await send('/inputs/messages', { body: '{}' });

    // Assert
    expect(response.status).toBe(502);
    expect(logs.some((line) => line.includes('execute-api gateway: forwarding POST /inputs/messages failed'))).toBe(true);
  });
});
