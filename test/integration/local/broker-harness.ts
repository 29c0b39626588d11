import { fork } from 'node:child_process';
import path from 'node:path';

/** The broker child process of broker-process.ts, as the test sees it. */
export interface BrokerHarness {
  readonly endpoint: string;
  /** Every line the broker logged so far. */
  readonly logs: string[];
  /** Resolves with the first logged line (from now or before) that matches. */
  logged(matches: (line: string) => boolean): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the real local broker and rules engine in a child process; the rules send to `<prefix>-…` queues. */
export function startBrokerHarness(prefix: string, host?: string): Promise<BrokerHarness> {
  const child = fork(path.join(__dirname, 'broker-process.ts'), [], {
    execArgv: ['--require', 'tsx/cjs'],
    env: { ...process.env, HARNESS_PREFIX: prefix, ...(host ? { HARNESS_HOST: host } : {}) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const logs: string[] = [];
  const waiting: { matches: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type: string; message?: string; endpoint?: string }) => {
      if (message.type === 'log') {
        const line = message.message as string;
        logs.push(line);
        for (const waiter of waiting.filter((candidate) => candidate.matches(line))) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      } else if (message.type === 'failed') reject(new Error(message.message));
      else if (message.type === 'ready') {
        resolve({
          endpoint: message.endpoint as string,
          logs,
          logged: (matches) => {
            const found = logs.find(matches);
            return found !== undefined ? Promise.resolve(found) : new Promise((done) => waiting.push({ matches, resolve: done }));
          },
          stop: async () => {
            if (child.connected) child.send('stop');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the broker process exited (${code}) before it was ready`)));
  });
}
