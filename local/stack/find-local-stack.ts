import { AppError } from '../../lib/errors';
import { PORT_VARIABLES, portsFromEnv, type LocalStackPorts } from './ports';
import { localStackDir, readStateFile, stateFilePath, type LocalStackState } from './state-file';

/** A service of the local stack a tool talks to. */
export type LocalService = keyof LocalStackPorts;

/** Where a tool found the stack it talks to. */
export interface StackLocation {
  /** The endpoint of each service asked for (`http` alone when the API was named by URL). */
  readonly endpoints: Readonly<Partial<Record<LocalService, string>>>;
  /** The running stack's state file, when that is how it was found (its queues, tables, pid). */
  readonly state?: LocalStackState;
  /** How it was found: `--endpoint`, `VIGIL_ENDPOINT`, `state file` or the port variables. */
  readonly via: string;
  /** One line naming the stack, for stderr: `local stack at http://127.0.0.1:3000 (pid 1234, started 12:01:05)`. */
  readonly description: string;
}

/** No stack to talk to: the message says what to do. */
export class NoLocalStackError extends AppError {}

const SCHEMES: Record<LocalService, string> = { http: 'http', lambda: 'http', mqtt: 'mqtt', dynamodb: 'http', sqs: 'http', console: 'http' };

/**
 * Finds the stack a local tool talks to, the same way for every `vigil` command, `vigil tail` and
 * `npm run devices`: an explicit `--endpoint` (the API only), else `VIGIL_ENDPOINT` (the API
 * only), else the running `npm start` named by its state file (`.vigil/local-stack.json`, or
 * `$VIGIL_DIR/local-stack.json`; only while its process lives), else the port variables of the
 * services needed (`VIGIL_HTTP_PORT`, `VIGIL_MQTT_PORT`, … on 127.0.0.1). `needs` lists the
 * services the tool uses, the first one named in the description.
 *
 * @throws NoLocalStackError saying how to start a stack or name one, when none of these is set.
 */
export function findLocalStack(needs: readonly [LocalService, ...LocalService[]], options: { endpoint?: string } = {}, env: NodeJS.ProcessEnv = process.env): StackLocation {
  if (needs.includes('http')) {
    const named = options.endpoint !== undefined ? { url: options.endpoint, via: '--endpoint' } : env.VIGIL_ENDPOINT ? { url: env.VIGIL_ENDPOINT, via: 'VIGIL_ENDPOINT' } : undefined;
    if (named) return { endpoints: { http: named.url }, via: named.via, description: `API at ${named.url} (${named.via})` };
  }
  const dir = localStackDir(env);
  const state = readStateFile(stateFilePath(dir));
  if (state) {
    const endpoints = Object.fromEntries(needs.map((service) => [service, state.endpoints[service]]));
    return { endpoints, state, via: 'state file', description: `local stack at ${endpoints[needs[0]]} (${describeState(state)})` };
  }
  const variables = needs.map((service) => PORT_VARIABLES[service]);
  const set = variables.filter((variable) => env[variable]);
  if (set.length) {
    let ports: LocalStackPorts;
    try {
      ports = portsFromEnv(env);
    } catch (error) {
      throw new NoLocalStackError((error as Error).message, { cause: error });
    }
    const endpoints = Object.fromEntries(needs.map((service) => [service, `${SCHEMES[service]}://127.0.0.1:${ports[service]}`]));
    return { endpoints, via: set.join(', '), description: `local stack at ${endpoints[needs[0]]} (${set.join(', ')})` };
  }
  const api = needs.includes('http') ? ', or name an API with --endpoint <url> or VIGIL_ENDPOINT' : '';
  throw new NoLocalStackError(`no local stack is running (none in ${stateFilePath(dir)}): start one with \`npm start\`${api}, or set ${variables.join(' / ')} to reach one on 127.0.0.1`);
}

/** `pid 1234, started 12:01:05` (UTC, as the tools print their times). */
export function describeState(state: LocalStackState): string {
  return `pid ${state.pid}, started ${new Date(state.startedAt).toISOString().slice(11, 19)}`;
}

/** Whether two looks at the state file saw the same running stack. */
export function sameStack(a: LocalStackState | undefined, b: LocalStackState | undefined): boolean {
  return a?.pid === b?.pid && a?.startedAt === b?.startedAt;
}
