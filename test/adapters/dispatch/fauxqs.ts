import { ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { spawn } from 'node:child_process';
import path from 'node:path';

/** A running fauxqs (SNS/SQS emulator), as `startFauxqs` returns it, reduced to what tests use. */
export interface FauxqsProcess {
  /** `http://127.0.0.1:<port>`: the endpoint for SDK clients. */
  readonly address: string;
  stop(): Promise<void>;
}

/**
 * Starts fauxqs in a child process. `import { startFauxqs } from 'fauxqs'` cannot work inside
 * jest here: the package is ESM-only ("exports" has only an `import` condition) and jest runs
 * tests as CommonJS without transforming node_modules/fauxqs.
 */
export function startFauxqsProcess(): Promise<FauxqsProcess> {
  const child = spawn(process.execPath, [path.join(__dirname, 'fauxqs-server.mjs')], { cwd: path.resolve(__dirname, '../../..'), stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let output = '';
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fauxqs exited with code ${code} before starting`)));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const newline = output.indexOf('\n');
      if (newline >= 0) resolve({ address: output.slice(0, newline).trim(), stop });
    });
  });
}

/** Receives from a queue until `count` messages arrived or ten 1-second polls passed. */
export async function receiveMessages(sqs: SQSClient, queueUrl: string, count: number): Promise<Message[]> {
  const messages: Message[] = [];
  for (let round = 0; round < 10 && messages.length < count; round++) {
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    messages.push(...(Messages ?? []));
  }
  return messages;
}
