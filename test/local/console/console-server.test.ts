import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startConsoleServer, type RunningConsole } from '../../../local/console/console-server';
import { startFakeApi, type FakeApi } from './fake-api';

const CREDENTIALS = { accessKeyId: 'console-test', secretAccessKey: 'console-secret' };
const FILES = new Map([
  ['/index.html', { body: Buffer.from('<!doctype html><title>t</title>'), type: 'text/html; charset=utf-8' }],
  ['/app.js', { body: Buffer.from('void 0;'), type: 'text/javascript; charset=utf-8' }],
]);
const motor = readFileSync(path.resolve(__dirname, '../../../models/motor-detector-model.json'), 'utf8');
const JSON_TYPE = { 'content-type': 'application/json' };

describe('the console server', () => {
  let api: FakeApi;
  let server: RunningConsole;

  beforeAll(async () => {
    api = await startFakeApi(CREDENTIALS, (call) => {
      if (call.target.startsWith('/detector-models/nope')) return { status: 404, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' }, body: '{"message":"no such model"}' };
      return { status: 200, body: JSON.stringify({ echo: call.target, body: call.body }) };
    });
    server = await startConsoleServer({ port: 0, files: FILES, api: { endpoint: api.endpoint, region: 'eu-west-1', credentials: CREDENTIALS } });
  });

  afterAll(async () => {
    await server.stop();
    await api.stop();
  });

  beforeEach(() => api.calls.splice(0));

  it('serves the built pages, index at /, with headers that keep other pages from framing or sniffing them', async () => {
    // Act
    const index = await fetch(`${server.url}/`);
    const script = await fetch(`${server.url}/app.js`);
    const missing = await fetch(`${server.url}/nothing.js`);

    // Assert
    expect([index.status, index.headers.get('content-type'), await index.text()]).toEqual([200, 'text/html; charset=utf-8', '<!doctype html><title>t</title>']);
    expect(index.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(missing.status).toBe(404);
  });

  it('forwards an API read signed for execute-api, and relays the answer unchanged', async () => {
    // Act
    const found = await fetch(`${server.url}/api/detectors/motor?stateName=Normal`, { headers: { cookie: 'session=secret' } });
    const notFound = await fetch(`${server.url}/api/detector-models/nope`);

    // Assert
    expect([found.status, await found.json()]).toEqual([200, { echo: '/detectors/motor?stateName=Normal', body: '' }]);
    expect([notFound.status, notFound.headers.get('x-amzn-errortype'), await notFound.text()]).toEqual([404, 'ResourceNotFoundException', '{"message":"no such model"}']);
    expect(api.calls.map((call) => call.signer)).toEqual(['console-test', 'console-test']);
    expect(api.calls[0].headers.authorization).toContain('/eu-west-1/execute-api/aws4_request');
    expect(api.calls[0].headers.cookie).toBeUndefined();
  });

  it('forwards messages to inputs and alarm operations with their JSON body, signed', async () => {
    // Arrange
    const messages = JSON.stringify({ messages: [{ messageId: 'm1', inputName: 'PressureInput', payload: 'e30=' }] });

    // Act
    const sent = await fetch(`${server.url}/api/inputs/messages`, { method: 'POST', headers: JSON_TYPE, body: messages });
    const acknowledged = await fetch(`${server.url}/api/alarms/acknowledge`, { method: 'POST', headers: JSON_TYPE, body: '{"acknowledgeActionRequests":[]}' });

    // Assert
    expect([sent.status, await sent.json()]).toEqual([200, { echo: '/inputs/messages', body: messages }]);
    expect(acknowledged.status).toBe(200);
    expect(api.calls.map((call) => [call.method, call.signer])).toEqual([['POST', 'console-test'], ['POST', 'console-test']]);
  });

  it.each([
    ['DELETE', '/api/detector-models/motorDetectorModel'],
    ['POST', '/api/detector-models'],
    ['POST', '/api/inputs/../detectors/delete'],
    ['PUT', '/api/inputs/PressureInput'],
  ])('refuses %s %s without reaching the API: the console only reads, sends messages and operates alarms', async (method, target) => {
    // Act
    const response = await fetch(`${server.url}${target}`, { method, headers: JSON_TYPE, body: '{}' });

    // Assert
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([403, 'AccessDeniedException']);
    expect(api.calls).toEqual([]);
  });

  it.each([
    ['a foreign Origin', { origin: 'http://evil.example' }, 403],
    ['the Origin of another port of this machine', { origin: 'http://127.0.0.1:1' }, 403],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }, 403],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }, 403],
  ])('refuses an API call with %s', async (_what, headers, status) => {
    // Act
    const response = await fetch(`${server.url}/api/detector-models`, { headers });

    // Assert
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([status, 'AccessDeniedException']);
    expect(api.calls).toEqual([]);
  });

  it('takes an API call from its own pages (its own Origin, same-origin)', async () => {
    // Act
    const response = await fetch(`${server.url}/api/detector-models`, { headers: { origin: server.url, 'sec-fetch-site': 'same-origin' } });

    // Assert
    expect(response.status).toBe(200);
  });

  it('refuses a form post (not JSON) to the API with 415', async () => {
    // Act
    const response = await fetch(`${server.url}/api/inputs/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });

    // Assert
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([415, 'UnsupportedMediaTypeException']);
    expect(api.calls).toEqual([]);
  });

  it('refuses a request whose Host is not a loopback name (DNS rebinding), pages included', async () => {
    // Arrange
    const http = await import('node:http');
    const get = (target: string) => new Promise<number>((resolve, reject) => {
      http.get(`${server.url}${target}`, { headers: { host: `rebound.example:${server.port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).once('error', reject);
    });

    // Act
    const statuses = [await get('/'), await get('/api/detector-models')];

    // Assert
    expect(statuses).toEqual([403, 403]);
    expect(api.calls).toEqual([]);
  });

  it('validates a pasted model itself, placing each problem in the text', async () => {
    // Arrange
    const text = motor.replace('"$input.PressureInput.sensorData.pressure > 70"', '"$input.PressureInput.sensorData.pressure >> 70"');

    // Act
    const response = await fetch(`${server.url}/api/console/validate`, { method: 'POST', headers: JSON_TYPE, body: text });

    // Assert
    const { problems } = (await response.json()) as { problems: { position: { start: number } }[] };
    expect(response.status).toBe(200);
    expect(problems).toHaveLength(1);
    expect(problems[0].position.start).toBe(text.indexOf('>> 70') + 1);
    expect(api.calls).toEqual([]);
  });

  it('replays messages through a model itself, answering the simulator\'s records', async () => {
    // Arrange
    const messages = [60, 80, 80].map((pressure, i) => JSON.stringify({ messageId: `m${i}`, inputName: 'PressureInput', payload: { motorid: 'Fulton-A32', sensorData: { pressure, temperature: 30 } } })).join('\n');

    // Act
    const response = await fetch(`${server.url}/api/console/simulate`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ model: JSON.parse(motor), messages }) });

    // Assert
    const answer = (await response.json()) as { records: { type: string; stateName?: string; state?: { stateName: string } }[]; truncated: boolean };
    expect(response.status).toBe(200);
    expect(answer.truncated).toBe(false);
    expect(answer.records.filter((record) => record.type === 'trace')).toHaveLength(3);
    expect(answer.records.filter((record) => record.type === 'action').length).toBeGreaterThan(0);
    expect(answer.records.at(-1)).toMatchObject({ type: 'detector', state: { stateName: 'Dangerous' } });
  });

  it('answers a replay of an invalid model with its problems (400)', async () => {
    // Arrange
    const model = JSON.parse(motor) as { detectorModelDefinition: { initialStateName: string } };
    model.detectorModelDefinition.initialStateName = 'Nowhere';

    // Act
    const response = await fetch(`${server.url}/api/console/simulate`, { method: 'POST', headers: JSON_TYPE, body: JSON.stringify({ model, messages: '' }) });

    // Assert
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'the model is not valid', problems: [expect.objectContaining({ path: 'initialStateName', level: 'ERROR' })] });
  });

  it('refuses a body over the size limit with 413', async () => {
    // Act
    const response = await fetch(`${server.url}/api/console/validate`, { method: 'POST', headers: JSON_TYPE, body: 'x'.repeat(1024 * 1024 + 1) });

    // Assert
    expect(response.status).toBe(413);
  });

  it('says which API it cannot reach, as a 502', async () => {
    // Arrange
    const unreachable = await startFakeApi(CREDENTIALS, () => ({ status: 200, body: '{}' }));
    await unreachable.stop();
    const orphan = await startConsoleServer({ port: 0, files: FILES, api: { endpoint: unreachable.endpoint, region: 'eu-west-1', credentials: CREDENTIALS } });

    // Act
    const response = await fetch(`${orphan.url}/api/detector-models`);
    await orphan.stop();

    // Assert
    expect(response.status).toBe(502);
    expect(await response.json()).toEqual({ message: `Cannot reach the Vigil API at ${unreachable.endpoint}: ECONNREFUSED` });
  });
});
