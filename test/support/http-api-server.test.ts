import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { signRequest } from '../../local/auth/sign-request';
import { startHttpApiServer, type HttpApiHandler, type RunningHttpApi } from './http-api-server';
import { LOCAL_CREDENTIALS } from '../../local/stack/local-identity';

/** A handler that answers with what it was invoked with. */
const echo =
  (name: string): HttpApiHandler =>
  async (event: APIGatewayProxyEventV2, context: Context) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, event, arn: context.invokedFunctionArn }) });

describe('the local HTTP API server', () => {
  let server: RunningHttpApi;

  afterEach(async () => {
    await server?.close();
  });

  /** Sends a request signed as the AWS SDK would, with the local key pair the server verifies by default. */
  async function get(path: string, init: { method?: string; body?: string | Uint8Array; headers?: Record<string, string> } = {}) {
    const url = new URL(`${server.url}${path}`);
    const method = init.method ?? 'GET';
    const { host: _host, ...headers } = await signRequest({ method, url, headers: init.headers, body: init.body }, { service: 'execute-api', region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    const response = await fetch(url, { method, headers, body: init.body });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
  }

  it('turns a request into an HTTP API 2.0 event for the most specific route', async () => {
    // Arrange
    server = await startHttpApiServer({
      routes: [
        { method: 'GET', path: '/detectors/{detectorModelName}', handler: echo('list') },
        { method: 'GET', path: '/detectors/{detectorModelName}/keyValues', handler: echo('describe'), functionName: 'vigil-dev-dataApi' },
        { method: 'ANY', path: '/{proxy+}', handler: echo('fallback') },
      ],
      region: 'eu-west-1',
      accountId: '123456789012',
    });
    // Act: the trailing slash the AWS CLI sends, an escaped key value.
    const { status, json } = await get('/detectors/motor%20Model/keyValues/?keyValue=Fulton%3AA32&x=1&x=2', { headers: { 'X-Custom': 'yes' } });
    // Assert
    expect(status).toBe(200);
    expect(json.name).toBe('describe');
    expect(json.arn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:vigil-dev-dataApi');
    expect(json.event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /detectors/{detectorModelName}/keyValues',
      rawPath: '/detectors/motor%20Model/keyValues/',
      rawQueryString: 'keyValue=Fulton%3AA32&x=1&x=2',
      queryStringParameters: { keyValue: 'Fulton:A32', x: '1,2' },
      pathParameters: { detectorModelName: 'motor Model' },
      headers: { 'x-custom': 'yes' },
      isBase64Encoded: false,
      requestContext: { accountId: '123456789012', stage: '$default', http: { method: 'GET', path: '/detectors/motor%20Model/keyValues/' } },
    });
    expect((await get('/detectors/m')).json.name).toBe('list');
    expect((await get('/anything/else')).json.name).toBe('fallback');
  });

  it('passes a text body as text and a binary body as base64', async () => {
    server = await startHttpApiServer({ routes: [{ method: 'POST', path: '/in', handler: echo('in') }] });
    const text = await get('/in', { method: 'POST', body: '{"a": 1}' });
    const binary = await get('/in', { method: 'POST', body: new Uint8Array([0xff, 0xfe, 0x00]) });
    expect(text.json.event).toMatchObject({ body: '{"a": 1}', isBase64Encoded: false });
    expect(binary.json.event).toMatchObject({ body: '//4A', isBase64Encoded: true });
  });

  it("answers as API Gateway does when no route matches, the handler throws, or the body is too large", async () => {
    server = await startHttpApiServer({
      routes: [{ method: 'POST', path: '/boom', handler: async () => Promise.reject(new Error('boom')) }],
      maxBodyBytes: 10,
    });
    expect(await get('/nowhere')).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    expect(await get('/boom', { method: 'GET' })).toMatchObject({ status: 404 });
    expect(await get('/boom', { method: 'POST', body: '{}' })).toMatchObject({ status: 500, json: { message: 'Internal Server Error' } });
    expect(await get('/boom', { method: 'POST', body: '{"too": "large"}' })).toMatchObject({ status: 413 });
  });

  it('sends status, headers and body of a structured result, and 200 JSON for a bare one', async () => {
    server = await startHttpApiServer({
      routes: [
        { method: 'GET', path: '/error', handler: async () => ({ statusCode: 404, headers: { 'x-amzn-ErrorType': 'ResourceNotFoundException' }, body: '{"message":"gone"}' }) },
        { method: 'GET', path: '/empty', handler: async () => ({ statusCode: 204 }) },
        { method: 'GET', path: '/bare', handler: (async () => ({ hello: 'world' })) as unknown as HttpApiHandler },
      ],
    });
    const error = await get('/error');
    expect(error.status).toBe(404);
    expect(error.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
    expect(error.json).toEqual({ message: 'gone' });
    expect(await get('/empty')).toMatchObject({ status: 204, json: undefined });
    expect(await get('/bare')).toMatchObject({ status: 200, json: { hello: 'world' } });
  });

  it('listens on the loopback interface only', async () => {
    server = await startHttpApiServer({ routes: [] });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });
});
