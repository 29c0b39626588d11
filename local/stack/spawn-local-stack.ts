import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../project-root';
import { LocalStackError } from './errors';
import type { LocalStackMessage } from './main';
import { PORT_VARIABLES, type LocalStackPorts } from './ports';
import type { LocalStack } from './start-local-stack';

/** What {@link spawnLocalStack} takes: the environment settings of `npm start`, as values. */
export interface SpawnOptions {
  /** 0 (the default here) picks a free port, so a test never clashes with a running `npm start`. */
  readonly ports?: Partial<LocalStackPorts>;
  readonly minTimerSeconds?: number;
  readonly modelsDir?: string;
  readonly asyncRetryDelaysMs?: readonly number[];
  /** Where the functions send their DynamoDB requests (a metering proxy); default DynamoDB Local. */
  readonly functionsDynamodbEndpoint?: string;
  /** Where the stack writes its log (default: a file beside the models, in the OS temp folder). */
  readonly logFile?: string;
  /** The project folder (`VIGIL_ROOT`: serverless.yml, serverless/, models/); default this checkout. */
  readonly root?: string;
  /** The stack's folder (`VIGIL_DIR`): given, the stack writes its state file there, as `npm start` does in `.vigil/`. */
  readonly vigilDir?: string;
  /** Keep DynamoDB Local's data in `<vigilDir>/dynamodb` (`--persist`). */
  readonly persist?: boolean;
  /** Receives the child's stderr lines (the warnings and errors it prints). */
  readonly onStderr?: (line: string) => void;
}

/** A local stack running in a child process. */
export type SpawnedLocalStack = Omit<LocalStack, 'stage' | 'modelNotices'> & { readonly pid: number };

/**
 * Starts the local stack in its own process (`bin/local-stack.cjs`, as `npm start` does) and
 * resolves when it is ready. For tests: jest cannot load the ESM-only packages the stack uses
 * (aedes, fauxqs), and a child process also proves the real entry point starts and stops cleanly.
 * The child stops when `stop()` is called or when this process exits.
 *
 * @throws LocalStackError with the child's message when it could not start.
 */
export function spawnLocalStack(options: SpawnOptions = {}): Promise<SpawnedLocalStack> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, variable] of Object.entries(PORT_VARIABLES) as [keyof LocalStackPorts, string][]) env[variable] = String(options.ports?.[name] ?? 0);
  if (options.minTimerSeconds !== undefined) env.VIGIL_MIN_TIMER_SECONDS = String(options.minTimerSeconds);
  if (options.modelsDir !== undefined) env.VIGIL_MODELS_DIR = options.modelsDir;
  if (options.asyncRetryDelaysMs !== undefined) env.VIGIL_ASYNC_RETRY_DELAYS_MS = options.asyncRetryDelaysMs.join(',');
  if (options.functionsDynamodbEndpoint !== undefined) env.VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT = options.functionsDynamodbEndpoint;
  if (options.root !== undefined) env.VIGIL_ROOT = options.root;
  if (options.vigilDir !== undefined) env.VIGIL_DIR = options.vigilDir;
  if (options.persist) env.VIGIL_PERSIST = '1';
  env.VIGIL_LOG_FILE = options.logFile ?? path.join(os.tmpdir(), `vigil-local-stack-${process.pid}-${Date.now()}.log`);
  const root = projectRoot(__dirname, path.join('bin', 'local-stack.cjs'), path.resolve(__dirname, '..', '..'));
  // Bundles of its own, so it never races an `npm start` or `serverless package` in the same checkout.
  const workFolder = env.VIGIL_ESBUILD_DIR ? undefined : (env.VIGIL_ESBUILD_DIR = `.esbuild-stack-${process.pid}-${Date.now()}`);
  const child = fork(path.join(root, 'bin', 'local-stack.cjs'), [], { env, execArgv: [], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
    const lines = stderr.split('\n');
    stderr = lines.pop() ?? '';
    for (const line of lines) options.onStderr?.(line);
  });
  child.stdout?.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGTERM');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    if (workFolder) rmSync(path.join(root, workFolder), { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    child.on('message', (message: LocalStackMessage) => {
      if (message.type === 'ready') resolve({ pid: child.pid as number, endpoints: message.endpoints, ports: message.ports, provisioned: message.provisioned, readyMs: message.readyMs, stop });
      else reject(new LocalStackError('start', message.message));
    });
    child.once('exit', (code, signal) => reject(new LocalStackError('start', `the local stack exited (${code ?? signal}) before it was ready; see ${env.VIGIL_LOG_FILE}`)));
  });
}
