import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { median, printTable } from './measure';

/** Fresh processes per function and checkout; the figure is their median. */
const RUNS = Math.max(5, Number(process.env.VIGIL_BENCH_RUNS) || 7);
/** The functions on the message path: their init is the cold start a burst of telemetry pays. */
const INGEST = ['ingestQueue', 'ingestRule'];

/** One function as `serverless package` left it: its zip, its handler, its environment. */
interface PackagedFunction {
  readonly name: string;
  readonly zipBytes: number;
  readonly unzippedBytes: number;
  readonly jsBytes: number;
  /** The handler module, unzipped, and the name of its export. */
  readonly file: string;
  readonly exportName: string;
  readonly environment: Record<string, string>;
}

/** What one fresh process measured (see PROBE). */
interface Probe {
  /** CPU time (user + system) of require and build: what the work costs whatever else the machine runs. */
  readonly cpuMs: number;
  readonly requireMs: number;
  /** Null when the handler has no `init` (it builds nothing before its first request). */
  readonly buildMs: number | null;
  readonly clients: string[];
}

// Lambda's INIT, then what the first invocation does before any I/O: load the module, then build
// the handler and its runtime (`init`, see functions/shared/runtime.ts). The SDK clients listed are
// the ones loaded by then.
const PROBE = `
const [file, exportName] = process.argv.slice(2);
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
const handler = require(file)[exportName];
const required = process.hrtime.bigint();
if (typeof handler.init === 'function') handler.init();
const built = process.hrtime.bigint();
const { user, system } = process.cpuUsage(cpu);
const clients = new Set(Object.keys(require.cache).map((key) => /@aws-sdk[\\\\/](client-[^\\\\/]+)/.exec(key)?.[1]).filter(Boolean));
const ms = (from, to) => Number(to - from) / 1e6;
process.stdout.write(JSON.stringify({ cpuMs: (user + system) / 1000, requireMs: ms(start, required), buildMs: typeof handler.init === 'function' ? ms(required, built) : null, clients: [...clients].sort() }));
`;

/** Packages the checkout at `root` with dummy credentials and no network, as the deploy test does, and unzips every function under `into`. */
async function packageFunctions(root: string, into: string): Promise<PackagedFunction[]> {
  const out = path.join(into, 'package');
  const workFolder = `.esbuild-bench-${process.pid}`;
  try {
    await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/serverless/bin/serverless.js'), 'package', '--stage', 'bench', '--package', out], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'dummy', AWS_SECRET_ACCESS_KEY: 'dummy', AWS_SESSION_TOKEN: '', SLS_TELEMETRY_DISABLED: '1', VIGIL_ESBUILD_DIR: workFolder },
    });
  } finally {
    rmSync(path.join(root, workFolder), { recursive: true, force: true });
  }
  const resources = JSON.parse(readFileSync(path.join(out, 'cloudformation-template-update-stack.json'), 'utf8')).Resources as Record<string, { Type: string; Properties: Record<string, any> }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::Function')
    .map(({ Properties: fn }) => {
      const zip = path.join(out, path.basename(fn.Code.S3Key as string));
      const name = path.basename(zip, '.zip');
      const code = path.join(into, name);
      mkdirSync(code);
      unzip(zip, code);
      const handler = fn.Handler as string;
      const files = readdirSync(code, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
      const bytes = files.map((entry) => ({ name: entry.name, size: statSync(path.join(entry.parentPath, entry.name)).size }));
      return {
        name,
        zipBytes: statSync(zip).size,
        unzippedBytes: bytes.reduce((sum, file) => sum + file.size, 0),
        jsBytes: bytes.filter((file) => file.name.endsWith('.js')).reduce((sum, file) => sum + file.size, 0),
        file: path.join(code, `${handler.slice(0, handler.lastIndexOf('.'))}.js`),
        exportName: handler.slice(handler.lastIndexOf('.') + 1),
        environment: fn.Environment?.Variables ?? {},
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Extracts a function's zip as Lambda does, with the `unzip` command. */
function unzip(zip: string, into: string): void {
  try {
    execFileSync('unzip', ['-q', zip, '-d', into]);
  } catch (error) {
    throw new Error(`could not unzip ${zip} (the lambdas bench needs the unzip command): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Runs the probe in a fresh `node`, with the function's own environment (its NODE_OPTIONS too) and
 * only `@aws-sdk/*` resolvable outside the bundle, from `sdk`, as Lambda's runtime provides it.
 */
function probe(fn: PackagedFunction, probeFile: string, sdk: string): Probe {
  const env = {
    ...fn.environment,
    PATH: process.env.PATH ?? '',
    NODE_PATH: sdk,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'dummy',
    AWS_SECRET_ACCESS_KEY: 'dummy',
    AWS_LAMBDA_FUNCTION_NAME: `vigil-bench-${fn.name}`,
    // Lambda runs Node 22; the SDK's notice about Node 20 (this machine) is not part of a cold start.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return JSON.parse(execFileSync(process.execPath, [probeFile, fn.file, fn.exportName], { env, cwd: path.dirname(fn.file), encoding: 'utf8' })) as Probe;
}

/** A folder holding only `node_modules/@aws-sdk`, linked to the checkout's: what NODE_PATH offers the bundle. */
function sdkFolder(root: string, into: string): string {
  const modules = path.join(into, 'runtime', 'node_modules');
  mkdirSync(modules, { recursive: true });
  symlinkSync(path.join(root, 'node_modules', '@aws-sdk'), path.join(modules, '@aws-sdk'), 'dir');
  return modules;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const ms = (value: number) => value.toFixed(1);

/**
 * Bundle size and init time of every Lambda function (`npm run bench -- lambdas`). Set
 * `VIGIL_BENCH_BASE` to another checkout (with its node_modules) to measure it too, interleaved
 * run by run with this one, and print both: before/after on the same machine at the same time.
 */
export async function run(): Promise<void> {
  const checkouts = [{ label: 'this checkout', root: path.resolve(__dirname, '..') }];
  if (process.env.VIGIL_BENCH_BASE) checkouts.unshift({ label: `base (${process.env.VIGIL_BENCH_BASE})`, root: path.resolve(process.env.VIGIL_BENCH_BASE) });
  const work = mkdtempSync(path.join(tmpdir(), 'vigil-lambdas-'));
  try {
    const probeFile = path.join(work, 'probe.cjs');
    writeFileSync(probeFile, PROBE);
    const measured = [];
    for (const [index, checkout] of checkouts.entries()) {
      const into = path.join(work, String(index));
      mkdirSync(into);
      const functions = await packageFunctions(checkout.root, into);
      measured.push({ ...checkout, sdk: sdkFolder(checkout.root, into), functions: functions.map((fn) => ({ fn, probes: [] as Probe[] })) });
    }
    // Round-robin over functions and checkouts, so a noisy moment of a shared machine hits all alike.
    const load = os.loadavg()[0];
    for (let round = 0; round < RUNS; round++) {
      for (const checkout of measured) for (const entry of checkout.functions) entry.probes.push(probe(entry.fn, probeFile, checkout.sdk));
    }
    console.log(`\nLoad average (1 min) while measuring: ${load.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs; wall times grow with it, CPU times hardly.`);
    for (const checkout of measured) {
      const rows = checkout.functions.map(({ fn, probes }) => {
        const init = median(probes.map((p) => p.requireMs + (p.buildMs ?? 0)));
        const builds = probes.flatMap((p) => (p.buildMs === null ? [] : [p.buildMs]));
        return [
          fn.name,
          kb(fn.zipBytes),
          kb(fn.unzippedBytes),
          kb(fn.jsBytes),
          ms(median(probes.map((p) => p.requireMs))),
          builds.length ? ms(median(builds)) : '—',
          ms(init),
          ms(median(probes.map((p) => p.cpuMs))),
          `${INGEST.includes(fn.name) ? (init < 100 ? ' ✓' : ' ✗') : ''}`,
          probes[0].clients.map((client) => client.replace(/^client-/, '')).join(' '),
        ];
      });
      printTable(
        `Lambda functions, ${checkout.label}: bundle, and init = require the handler + build its runtime (median of ${RUNS} fresh processes, ms; its CPU time too; ingest goal: init < 100 ms)`,
        ['function', 'zip', 'unzipped', 'of it .js', 'require', 'build', 'init', 'init CPU', 'goal', 'SDK clients loaded by init'],
        rows,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
