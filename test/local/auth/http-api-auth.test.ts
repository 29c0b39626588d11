import { BatchPutMessageCommand, IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { respond } from '../../../functions/shared/http';
import { vigilClientConfig } from '../../../lib/api/client-config';
import { json, type ApiCaller } from '../../../lib/api/http';
import { localAuthFromEnv } from '../../../local/auth/local-auth';
import { signRequest } from '../../../local/auth/sign-request';
import { startHttpApiServer, type HttpApiHandler, type RunningHttpApi } from '../../support/http-api-server';
import { LOCAL_CALLER_ARN, LOCAL_CREDENTIALS } from '../../../local/stack/local-identity';
import { SILENT } from '../../../lib/ports';

const KEYS = { accessKeyId: 'AKIDVIGILTEST', secretAccessKey: 'a-secret-only-this-test-knows' };
const BODY = '{"messages":[{"messageId":"m1","inputName":"PressureInput","payload":"e30="}]}';

describe('the local HTTP API verifies SigV4 (IAM authorization)', () => {
  let server: RunningHttpApi;
  const callers: (ApiCaller | undefined)[] = [];
  // BatchPutMessage's route, through the handlers' own request parsing: what they see as the caller.
  const handler = ((event: APIGatewayProxyEventV2) =>
    respond(event, SILENT, async (request) => {
      callers.push(request.caller);
      return json(200, { BatchPutMessageErrorEntries: [] });
    })) as HttpApiHandler;
  const client = (credentials: typeof KEYS) => new IoTEventsDataClient({ ...vigilClientConfig({ endpoint: server.url, region: 'eu-west-1' }), credentials, maxAttempts: 1 });

  beforeEach(async () => {
    callers.length = 0;
    server = await startHttpApiServer({ routes: [{ method: 'POST', path: '/inputs/messages', handler }], auth: localAuthFromEnv({ VIGIL_LOCAL_ACCESS_KEY_ID: KEYS.accessKeyId, VIGIL_LOCAL_SECRET_ACCESS_KEY: KEYS.secretAccessKey }) });
  });

  afterEach(async () => {
    await server.close();
  });

  it('serves the official SDK client signing with the configured key pair, and hands the handler the caller', async () => {
    // Arrange
    const data = client(KEYS);

    // Act
    const response = await data.send(new BatchPutMessageCommand({ messages: [{ messageId: 'm1', inputName: 'PressureInput', payload: Buffer.from('{}') }] }));
    data.destroy();

    // Assert
    expect(response.$metadata.httpStatusCode).toBe(200);
    expect(callers).toEqual([{ arn: LOCAL_CALLER_ARN, accountId: '000000000000' }]);
  });

  it('refuses an unsigned request with 403 in API Gateway’s shape, without running the handler', async () => {
    // Act
    const response = await fetch(`${server.url}/inputs/messages`, { method: 'POST', body: BODY });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await response.json()).toEqual({ message: 'Missing Authentication Token' });
    expect(callers).toEqual([]);
  });

  it('refuses the SDK signing with another secret, or the default key pair', async () => {
    // Arrange
    const wrongSecret = client({ ...KEYS, secretAccessKey: 'guessed' });
    const defaults = client(LOCAL_CREDENTIALS);
    const send = (data: IoTEventsDataClient) => data.send(new BatchPutMessageCommand({ messages: [] })).finally(() => data.destroy());

    // Act
    const errors = await Promise.all([send(wrongSecret), send(defaults)].map((call) => call.then(() => undefined, (error: Error & { $metadata: { httpStatusCode: number } }) => error)));

    // Assert
    expect(errors.map((error) => [error?.name, error?.$metadata.httpStatusCode])).toEqual([
      ['InvalidSignatureException', 403],
      ['UnrecognizedClientException', 403],
    ]);
    expect(callers).toEqual([]);
  });

  it('refuses a signed body changed on the way', async () => {
    // Arrange
    const url = new URL(`${server.url}/inputs/messages`);
    const { host: _host, ...headers } = await signRequest({ method: 'POST', url, body: BODY }, { service: 'execute-api', region: 'us-east-1', credentials: KEYS });

    // Act
    const response = await fetch(url, { method: 'POST', headers, body: BODY.replace('m1', 'm2') });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');
    expect(callers).toEqual([]);
  });

  it('refuses a request a web page sends, signed or not', async () => {
    // Arrange: a page can compute a signature with a known key pair, but cannot hide its Origin.
    const url = new URL(`${server.url}/inputs/messages`);
    const { host: _host, ...headers } = await signRequest({ method: 'POST', url, body: BODY }, { service: 'execute-api', region: 'us-east-1', credentials: KEYS });

    // Act
    const response = await fetch(url, { method: 'POST', headers: { ...headers, origin: 'https://attacker.example' }, body: BODY });

    // Assert
    expect(response.status).toBe(403);
    expect(response.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    expect(callers).toEqual([]);
  });

  it('takes every request as the local caller’s when VIGIL_LOCAL_AUTH=off', async () => {
    // Arrange
    await server.close();
    server = await startHttpApiServer({ routes: [{ method: 'POST', path: '/inputs/messages', handler }], auth: localAuthFromEnv({ VIGIL_LOCAL_AUTH: 'off' }) });

    // Act
    const response = await fetch(`${server.url}/inputs/messages`, { method: 'POST', body: BODY });

    // Assert
    expect(response.status).toBe(200);
    expect(callers).toEqual([{ arn: LOCAL_CALLER_ARN, accountId: '000000000000' }]);
  });
});
