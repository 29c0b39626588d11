import type { LocalCredentials } from '../stack/local-identity';
import { LOCAL_REGION } from '../stack/local-identity';
import { LocalStackError } from '../stack/errors';
import { buildConsole } from './build-console';
import { startConsoleServer, type RunningConsole } from './console-server';

/** What the local stack's console needs. */
export interface StackConsoleOptions {
  /** `VIGIL_CONSOLE_PORT` (default 3003; 0 picks a free one). */
  readonly port: number;
  /** The stack's HTTP API (its signing gateway). */
  readonly apiEndpoint: string;
  /** The local key pair the gateway verifies. */
  readonly credentials: LocalCredentials;
  readonly log: (message: string, error?: Error) => void;
}

/**
 * The console of `npm start`: built in memory from `console/`, served on 127.0.0.1, its `/api`
 * calls signed with the local key pair like every other local client's.
 *
 * @throws LocalStackError (`console: …`) when the console does not build or its port is taken.
 */
export async function startStackConsole(options: StackConsoleOptions): Promise<RunningConsole> {
  try {
    const files = await buildConsole();
    return await startConsoleServer({ port: options.port, files, api: { endpoint: options.apiEndpoint, region: LOCAL_REGION, credentials: options.credentials }, log: options.log });
  } catch (error) {
    throw new LocalStackError('console', (error as Error).message, { cause: error });
  }
}
