import { consoleCommand } from '../../cli/commands/console';
import { CONSOLE_STACK_TIMEOUT_MS, startConsoleStack, type ConsoleStack } from './support/console-stack';

/** Polls until `probe` returns a value (not undefined); jest's timeout bounds it, no timing is asserted. */
async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// One local stack (SigV4 verification on, with its default key pair) behind the console's signing
// proxy; the pages in Chromium are console-app.test.ts's.
describe('the console of the local stack', () => {
  let running: ConsoleStack | undefined;
  let consoleUrl: string;

  beforeAll(async () => {
    running = await startConsoleStack();
    consoleUrl = running.consoleUrl;
  }, CONSOLE_STACK_TIMEOUT_MS);

  afterAll(async () => {
    await running?.stop();
  }, 60_000);

  it('signs what it forwards: the API refuses the same call unsigned, and takes a message sent through the console', async () => {
    // Arrange
    const api = (running as ConsoleStack).stack.endpoints.http;
    const payload = Buffer.from(JSON.stringify({ motorid: 'console-1', sensorData: { pressure: 80, temperature: 30 } })).toString('base64');

    // Act
    const unsigned = await fetch(`${api}/detector-models`);
    const listed = await fetch(`${consoleUrl}/api/detector-models`);
    const sent = await fetch(`${consoleUrl}/api/inputs/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ messageId: 'console-m1', inputName: 'PressureInput', payload }] }) });
    const detector = await eventually(async () => {
      const response = await fetch(`${consoleUrl}/api/detectors/motorDetectorModel/keyValues?keyValue=console-1`);
      return response.status === 200 ? ((await response.json()) as { detector: { state: { stateName: string } } }).detector : undefined;
    });

    // Assert
    expect([unsigned.status, unsigned.headers.get('x-amzn-errortype')]).toEqual([403, 'MissingAuthenticationTokenException']);
    expect(listed.status).toBe(200);
    expect([sent.status, await sent.json()]).toEqual([200, { BatchPutMessageErrorEntries: [] }]);
    // The motor model moves to Dangerous on a pressure over 70.
    expect(detector.state.stateName).toBe('Dangerous');
  });

  it('refuses an API call from a page of another origin, before it reaches the API', async () => {
    // Act
    const response = await fetch(`${consoleUrl}/api/detector-models`, { headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } });

    // Assert
    expect([response.status, response.headers.get('x-amzn-errortype')]).toEqual([403, 'AccessDeniedException']);
  });

  it('serves `vigil console` for the stack\'s API too, signing with the local key pair', async () => {
    // Arrange
    const out: string[] = [];
    let stop = () => undefined as void;
    const exit = consoleCommand(['--endpoint', (running as ConsoleStack).stack.endpoints.http, '--port', '0'], { out: (line) => out.push(line), err: () => undefined }, new Promise((resolve) => (stop = resolve)), {});
    const url = await eventually(async () => out.find((line) => line.startsWith('Console '))?.split(' ')[1]);

    // Act
    const response = await fetch(`${url}/api/detector-models`);
    stop();

    // Assert
    expect(response.status).toBe(200);
    expect(((await response.json()) as { detectorModelSummaries: unknown[] }).detectorModelSummaries.length).toBeGreaterThanOrEqual(3);
    expect(await exit).toBe(0);
  });
});
