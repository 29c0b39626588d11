import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { serverlessConfig, type ServerlessConfig } from '../../local/serverless-config';

const ROOT = path.resolve(__dirname, '../..');
let dir = '';
let config: ServerlessConfig;

// Run in a fresh node: `require` the bundle and `init` its handler, building its runtime as the
// first invocation would (or call `call` with the JSON `args`), then list the SDK packages loaded.
const PROBE = `
const [file, call, args] = process.argv.slice(2);
const loaded = () => [...new Set(Object.keys(require.cache).map((key) => /@aws-sdk[\\\\/](client-[^\\\\/]+)/.exec(key)?.[1]).filter(Boolean))].sort();
(async () => {
  const module = require(file);
  if (call) {
    const before = loaded();
    const result = await module[call](JSON.parse(args));
    process.stdout.write(JSON.stringify({ before, result, after: loaded() }));
  } else {
    const built = typeof module.handler.init === 'function';
    if (built) module.handler.init();
    process.stdout.write(JSON.stringify({ built, loaded: loaded() }));
  }
})();
`;

/**
 * Runs the probe on a bundle with the function's environment and, as on Lambda, only
 * `@aws-sdk/*` resolvable outside the bundle (from NODE_PATH: what the Lambda runtime provides).
 */
async function probe(bundle: string, env: Record<string, string>, call?: string, args: unknown = null): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(dir, 'probe.cjs'), bundle, ...(call ? [call, JSON.stringify(args)] : [])], {
    env: { PATH: process.env.PATH, NODE_PATH: path.join(dir, 'runtime'), AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'dummy', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...env },
  });
  return stdout;
}

/** The file serverless.yml names as a function's handler, bundled. */
const bundleOf = (name: string) => path.join(dir, config.functions[name].handler.replace(/\.[^.]+$/, '.js'));

// Each function and this suite's fixtures bundled with serverless.yml's esbuild settings, as
// serverless-esbuild bundles them (its `exclude` is esbuild's `external`).
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vigil-bundles-'));
  config = await serverlessConfig(ROOT, 'ci');
  const { exclude, outputWorkFolder: _folder, ...options } = (config.custom as { esbuild: BuildOptions & { exclude: string[]; outputWorkFolder: string } }).esbuild;
  const entryPoints = Object.values(config.functions).map((fn) => path.join(ROOT, fn.handler.replace(/\.[^.]+$/, '.ts')));
  const fixtures = ['dispatch-entry.ts', 'role-check-entry.ts'].map((file) => path.join(__dirname, 'fixtures', file));
  await build({ ...options, entryPoints: [...entryPoints, ...fixtures], outbase: ROOT, outdir: dir, external: exclude, logLevel: 'error' });
  mkdirSync(path.join(dir, 'runtime'));
  symlinkSync(path.join(ROOT, 'node_modules', '@aws-sdk'), path.join(dir, 'runtime', '@aws-sdk'), 'dir');
  writeFileSync(path.join(dir, 'probe.cjs'), PROBE);
}, 120_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('each Lambda bundle', () => {
  // eventConfigurations builds its clients on its first request; loading its module loads their packages.
  it.each([
    ['ingestQueue', true, ['client-dynamodb']],
    ['ingestRule', true, ['client-dynamodb']],
    ['dataApi', true, ['client-dynamodb']],
    ['controlApi', true, ['client-dynamodb']],
    ['scheduler', true, ['client-dynamodb']],
    ['timerSweep', true, ['client-dynamodb']],
    ['seedModels', true, ['client-dynamodb']],
    ['dispatchActions', true, ['client-dynamodb']],
    ['alarmNotifier', true, []],
    ['eventConfigurations', false, ['client-cloudformation', 'client-iot']],
  ])('loads no SDK client %s does not use when its runtime is built', async (name, built, expected) => {
    // Arrange
    const env = { ...config.provider.environment, ...config.functions[name].environment };

    // Act
    const outcome = JSON.parse(await probe(bundleOf(name), env));

    // Assert
    expect(outcome).toEqual({ built, loaded: expected });
  });

  describe('loads a client when first needed, and only that one', () => {
    // Nothing answers there: every call fails at once, having loaded what it needed.
    const unreachable = Object.fromEntries(['SNS', 'LAMBDA', 'STS', 'IAM'].map((service) => [`AWS_ENDPOINT_URL_${service}`, 'http://127.0.0.1:9']));
    const fixture = (name: string) => path.join(dir, 'test/functions/fixtures', `${name}.js`);

    it('loads an action client when an outbox first needs it', async () => {
      // Act
      const sns = JSON.parse(await probe(fixture('dispatch-entry'), unreachable, 'dispatchActions', { mode: 'ignore', types: ['sns'] }));
      const both = JSON.parse(await probe(fixture('dispatch-entry'), unreachable, 'dispatchActions', { mode: 'ignore', types: ['sns', 'lambda', 'sns'] }));

      // Assert
      expect(sns).toEqual({ before: [], result: [false], after: ['client-sns'] });
      expect(both).toEqual({ before: [], result: [false, false, false], after: ['client-lambda', 'client-sns'] });
    });

    it('loads STS when a model’s role is first assumed, and no action client while it cannot be', async () => {
      // Act
      const outcome = JSON.parse(await probe(fixture('dispatch-entry'), unreachable, 'dispatchActions', { mode: 'assume', types: ['sns'] }));

      // Assert
      expect(outcome).toEqual({ before: [], result: [false], after: ['client-sts'] });
    });

    it('loads IAM when the control API first checks a role', async () => {
      // Arrange
      const env = { ...config.provider.environment, ...unreachable };

      // Act
      const outcome = JSON.parse(await probe(fixture('role-check-entry'), env, 'checkRolePass'));

      // Assert: building the control API's runtime loaded DynamoDB only, the check IAM.
      expect(outcome).toEqual({ before: ['client-dynamodb'], result: 'RolePassCheckError', after: ['client-dynamodb', 'client-iam'] });
    });
  });
});
