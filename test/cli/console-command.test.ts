import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { consoleCommand } from '../../cli/commands/console';
import { startFakeApi, type FakeApi } from '../local/console/fake-api';

/** Runs `vigil console` until the test stops it; resolves once it serves, with its URL and output. */
async function serveConsole(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  let stop = () => undefined as void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const exit = consoleCommand(args, { out: (line) => out.push(line), err: (line) => err.push(line) }, stopped, env);
  const url = await Promise.race([
    exit.then((code) => {
      throw new Error(`vigil console exited ${code}: ${err.join('\n')}`);
    }),
    (async () => {
      for (;;) {
        const line = out.find((printed) => printed.startsWith('Console '));
        if (line) return line.split(' ')[1];
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })(),
  ]);
  return { url, out, err, stop: async () => (stop(), exit) };
}

describe('vigil console', () => {
  const saved = { ...process.env };
  let api: FakeApi | undefined;

  afterEach(async () => {
    process.env = { ...saved };
    await api?.stop();
  });

  it('signs the console\'s calls to a deployed API with the default credential chain and the region given', async () => {
    // Arrange: 127.0.0.2 is not the local stack's address, so the CLI treats it as a deployment.
    const credentials = { accessKeyId: 'AKIDCHAIN', secretAccessKey: 'chain-secret' };
    process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    api = await startFakeApi(credentials, () => ({ status: 200, body: '{"detectorModelSummaries":[]}' }), '127.0.0.2');
    const running = await serveConsole(['--endpoint', api.endpoint, '--region', 'eu-west-3', '--port', '0'], {});

    // Act
    const response = await fetch(`${running.url}/api/detector-models`);
    const code = await running.stop();

    // Assert
    expect([response.status, await response.text()]).toEqual([200, '{"detectorModelSummaries":[]}']);
    expect(api.calls.map((call) => call.signer)).toEqual(['AKIDCHAIN']);
    expect(api.calls[0].headers.authorization).toContain('/eu-west-3/execute-api/aws4_request');
    expect(running.out).toEqual([`Console ${running.url} → ${api.endpoint} (eu-west-3; Ctrl-C stops)`]);
    expect(code).toBe(0);
  });

  it('signs with the local key pair for a local stack', async () => {
    // Arrange
    const local = { accessKeyId: 'local-key', secretAccessKey: 'local-secret' };
    api = await startFakeApi(local, () => ({ status: 200, body: '{}' }));
    const running = await serveConsole(['--endpoint', api.endpoint, '--port', '0'], { VIGIL_LOCAL_ACCESS_KEY_ID: local.accessKeyId, VIGIL_LOCAL_SECRET_ACCESS_KEY: local.secretAccessKey });

    // Act
    const response = await fetch(`${running.url}/api/detector-models`);
    await running.stop();

    // Assert
    expect(response.status).toBe(200);
    expect(api.calls.map((call) => call.signer)).toEqual(['local-key']);
  });

  it('says at start that there are no AWS credentials, and exits 1', async () => {
    // Arrange: an empty default chain (no variables, no files, no instance metadata). The real
    // command in its own process: the chain loads its providers with import(), which jest's VM refuses.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' };

    // Act
    const { status, stderr } = spawnSync(process.execPath, [path.resolve(__dirname, '../../bin/vigil.cjs'), 'console', '--endpoint', 'https://abc123.execute-api.eu-west-1.amazonaws.com', '--port', '0'], { env, encoding: 'utf8' });

    // Assert
    expect(status).toBe(1);
    expect(stderr).toMatch(/^vigil console: no AWS credentials for https:\/\/abc123\.execute-api\.eu-west-1\.amazonaws\.com: /);
  });

  it('refuses a port that is not a port number', async () => {
    // Act
    const running = consoleCommand(['--endpoint', 'http://127.0.0.1:1', '--port', 'web'], { out: () => undefined, err: () => undefined }, Promise.resolve(), {});

    // Assert
    await expect(running).rejects.toThrow("--port must be a port number (0 for any free port), not 'web'");
  });
});
