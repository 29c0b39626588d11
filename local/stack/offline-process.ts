import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { LocalStackError } from './errors';

/** How to start `serverless offline start`. */
export interface OfflineOptions {
  readonly root: string;
  readonly stage: string;
  /** The Unix socket (or Windows pipe) offline serves the HTTP APIs on; the signing gateway is their public door. */
  readonly httpSocket: string;
  /** The socket offline serves its Lambda Invoke API on. */
  readonly lambdaSocket: string;
  /** `--param key=value` for serverless.yml's `${param:…}`. */
  readonly params: Readonly<Record<string, string>>;
  /** Added to this process's environment (offline passes every `AWS_*` variable to the functions). */
  readonly env: Readonly<Record<string, string>>;
  /** Receives every line offline prints, stdout and stderr. */
  readonly onLine: (line: string) => void;
  /** Called when offline exits on its own once ready (a crash): the stack cannot go on without it. */
  readonly onExit?: (code: number | null) => void;
}

/** A running serverless-offline. */
export interface RunningOffline {
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * Starts `serverless offline start` (the HTTP APIs and the Lambda API; serverless-esbuild builds
 * the handlers first) as a child process and waits until both sockets accept connections. Offline
 * checks no signature (`--noAuth`; its Lambda API takes any invocation), so it listens on no TCP
 * port at all: hapi serves a port given as a path on that Unix socket, which only the sockets'
 * folder's owner can open; see `startSigningGateway` for the public ports.
 *
 * @throws LocalStackError with offline's last output when it exits before it is ready.
 */
export async function startOffline(options: OfflineOptions): Promise<RunningOffline> {
  const args = [
    path.join(options.root, 'node_modules', 'serverless', 'bin', 'serverless.js'),
    'offline',
    'start',
    '--stage',
    options.stage,
    '--host',
    '127.0.0.1',
    '--httpPort',
    options.httpSocket,
    '--lambdaPort',
    options.lambdaSocket,
    '--noPrependStageInUrl',
    '--noAuth',
    '--noSponsor',
    ...Object.entries(options.params).flatMap(([key, value]) => ['--param', `${key}=${value}`]),
  ];
  const child = spawn(process.execPath, args, {
    cwd: options.root,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const onLine = (line: string) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    options.onLine(line);
  };
  forwardLines(child.stdout, onLine);
  forwardLines(child.stderr, onLine);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping = false;
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // Offline waits for open requests before it exits; do not wait forever.
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const failed = exited.then((code) => {
    throw new LocalStackError('offline', `serverless offline exited (${code}) before it was ready:\n${tail.join('\n')}`);
  });
  try {
    await Promise.race([Promise.all([waitForSocket(options.httpSocket, child), waitForSocket(options.lambdaSocket, child)]), failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  failed.catch(() => undefined);
  void exited.then((code) => stopping || options.onExit?.(code));
  return { pid: child.pid as number, stop };
}

function forwardLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      onLine(buffered.slice(0, newline).replace(/\r$/, ''));
      buffered = buffered.slice(newline + 1);
    }
  });
  stream.on('end', () => buffered && onLine(buffered));
}

async function waitForSocket(socketPath: string, child: { exitCode: number | null }): Promise<void> {
  while (child.exitCode === null) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ path: socketPath });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
