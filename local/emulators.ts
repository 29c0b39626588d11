import net from 'node:net';
import { browserRefusal } from './auth/browser-guard';
import { mapEmulatorTargets, type EmulatorApp } from './targets/emulator-targets';
import type { RulesFile } from './targets/rules-file';

export { startDynamoDbLocal } from './dynamodb-local/start-dynamodb-local';

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

/** The part of fauxqs' Fastify app this uses. */
interface FauxqsApp {
  addHook(name: 'onRequest', hook: (request: { headers: import('node:http').IncomingHttpHeaders }, reply: FauxqsReply) => Promise<unknown>): void;
  listen(options: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
}
interface FauxqsReply {
  code(status: number): FauxqsReply;
  header(name: string, value: string): FauxqsReply;
  send(body: string): FauxqsReply;
}

/**
 * Starts fauxqs, the local SNS/SQS, on 127.0.0.1. Its `startFauxqs` listens on 0.0.0.0 (hard-coded),
 * so this builds the same app with its exported `buildApp` (which makes its own stores) and listens
 * itself. Requests a web page could send are refused: SNS's query protocol takes form posts, which
 * browsers send cross-origin without a CORS preflight (Subscribe a queue, then Publish to it).
 * With `targets`, foreign topic ARNs and queue URLs are sent to local ones (`local-targets.json`).
 */
export async function startSnsSqs(port: number, targets?: { readonly rules: RulesFile; readonly log: (message: string, error?: Error) => void }): Promise<RunningService> {
  const { buildApp } = (await import('fauxqs')) as unknown as { buildApp: (options: { logger: boolean }) => FauxqsApp & EmulatorApp };
  const app = buildApp({ logger: false });
  app.addHook('onRequest', async (request, reply) => {
    const refusal = browserRefusal(request.headers);
    if (refusal) return reply.code(403).header('content-type', 'application/json').header('x-amzn-errortype', refusal.errorType).send(JSON.stringify({ message: refusal.message }));
    return undefined;
  });
  if (targets) mapEmulatorTargets(app, targets.rules, targets.log);
  const endpoint = await app.listen({ port, host: '127.0.0.1' });
  return { endpoint, stop: () => app.close() };
}
