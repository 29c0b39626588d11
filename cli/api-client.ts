import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { IoTEventsClient } from '@aws-sdk/client-iot-events';
import type { IoTEventsDataClient } from '@aws-sdk/client-iot-events-data';
import { vigilClientConfig } from '../lib/api/client-config';
import { findLocalStack, NoLocalStackError } from '../local/stack/find-local-stack';
import { localCredentials } from '../local/stack/local-identity';
import { EXIT, UsageError, type CommandIo } from './io';

/** The options every API command takes. */
export const API_OPTIONS = {
  endpoint: { type: 'string' },
  region: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

/** The lines of help text that describe {@link API_OPTIONS}. */
export const API_OPTIONS_HELP = `  --endpoint <url>   the Vigil API (default $VIGIL_ENDPOINT, else the running \`npm start\`
                     (.vigil/local-stack.json), else http://127.0.0.1:$VIGIL_HTTP_PORT)
  --region <region>  the deployment's region, part of the signature (default $AWS_REGION or us-east-1)
  --json             print the API's response as JSON, as the AWS CLI does`;

/** Parses a command line; a wrong option is a usage error, not a crash. */
export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O, help: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${help}`);
  }
}

/** The official SDK clients, configured for a Vigil endpoint (SigV4 for `execute-api`). */
export interface ApiClients {
  readonly endpoint: string;
  /** Which stack this is and how it was found (`local stack at … (pid …)`); undefined when `--endpoint` named it. */
  readonly found?: string;
  readonly control: IoTEventsClient;
  readonly data: IoTEventsDataClient;
}

/**
 * Builds both clients. The SDK is loaded here, not at start-up, so commands that never call the API
 * (`eval`, `validate`) stay fast. On a loopback endpoint the clients sign with the local stack's key
 * pair (`VIGIL_LOCAL_ACCESS_KEY_ID`/`VIGIL_LOCAL_SECRET_ACCESS_KEY`, default `local`/`local`), which
 * the local API verifies; elsewhere, or when a `profile` is named, with the usual AWS credential
 * chain (of that profile). The endpoint is found by {@link findLocalStack}.
 *
 * @throws NoLocalStackError when no endpoint is named and no local stack runs.
 */
export async function apiClients(values: { endpoint?: string; region?: string; profile?: string }, env: NodeJS.ProcessEnv = process.env): Promise<ApiClients> {
  const location = findLocalStack(['http'], values, env);
  const endpoint = location.endpoints.http as string;
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  let config;
  try {
    config = vigilClientConfig({ endpoint, region });
  } catch (error) {
    throw new UsageError(`${location.via}: ${(error as Error).message}`);
  }
  const local = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(endpoint);
  let credentials;
  try {
    credentials = local && values.profile === undefined ? localCredentials(env) : undefined;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [{ IoTEventsClient }, { IoTEventsDataClient }] = await Promise.all([import('@aws-sdk/client-iot-events'), import('@aws-sdk/client-iot-events-data')]);
  const options = { ...config, ...(credentials ? { credentials } : {}), ...(values.profile === undefined ? {} : { profile: values.profile }), maxAttempts: 2 };
  return {
    endpoint,
    ...(location.via === '--endpoint' ? {} : { found: location.description }),
    control: new IoTEventsClient(options),
    data: new IoTEventsDataClient(options),
  };
}

/**
 * Runs an API command: a service error prints `vigil <command>: <ErrorType>: <message>` (every
 * line of it: a rejected model lists each problem) and exits 1; an endpoint that cannot be reached
 * exits 3, as does finding none. Unless `--endpoint` named it, one line on stderr says which stack
 * the command talks to. The clients are closed either way.
 */
export async function withApi(io: CommandIo, command: string, values: { endpoint?: string; region?: string; profile?: string }, run: (clients: ApiClients) => Promise<number>, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let clients: ApiClients;
  try {
    clients = await apiClients(values, env);
  } catch (error) {
    if (!(error instanceof NoLocalStackError)) throw error;
    io.err(`vigil ${command}: ${error.message}`);
    return EXIT.unavailable;
  }
  if (clients.found) io.err(`vigil: ${clients.found}`);
  try {
    return await run(clients);
  } catch (error) {
    const e = error as Error & { $metadata?: unknown; $fault?: string; code?: string; cause?: { code?: string } };
    if (e.$fault !== undefined && e.$metadata !== undefined) {
      io.err(`vigil ${command}: ${e.name}: ${e.message}`);
      return EXIT.invalid;
    }
    // The SDK sometimes wraps a socket error into a bare message ("AWS SDK error wrapper for Error: connect ECONNREFUSED …").
    const code = e.code ?? e.cause?.code ?? /\b(ECONNREFUSED|ENOTFOUND|ECONNRESET|ETIMEDOUT|EHOSTUNREACH)\b/.exec(e.message)?.[1];
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || e.name === 'TimeoutError') {
      io.err(`vigil ${command}: cannot reach ${clients.endpoint} (${code ?? e.name}); is the stack running? (--endpoint sets where)`);
      return EXIT.unavailable;
    }
    if (e.name === 'CredentialsProviderError') {
      io.err(`vigil ${command}: no AWS credentials for ${clients.endpoint}: ${e.message}`);
      return EXIT.invalid;
    }
    throw error;
  } finally {
    clients.control.destroy();
    clients.data.destroy();
  }
}

/** Prints a command's help; exit status 0. */
export function printHelp(io: CommandIo, text: string): number {
  io.out(text);
  return EXIT.ok;
}

/** Prints a response as JSON the way the AWS CLI does: times in epoch seconds, no `$metadata`. */
export function printJson(io: CommandIo, response: object): void {
  const { $metadata: _metadata, ...body } = response as { $metadata?: unknown };
  // Dates turn into strings (toJSON) before a replacer sees them, so read the raw member.
  io.out(JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  }, 2));
}

/** Every item of a paged list operation: calls `page` with each `nextToken` until there is none. */
export async function allPages<P extends { nextToken?: string }, T>(page: (nextToken: string | undefined) => Promise<P>, items: (response: P) => T[] | undefined): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const response = await page(nextToken);
    all.push(...(items(response) ?? []));
    nextToken = response.nextToken;
  } while (nextToken);
  return all;
}

/**
 * Prints what a list command found: with `--json` as the API's response would hold them all under
 * `member`, else one formatted line each, or `empty` on stderr when there is nothing.
 */
export function printItems<T>(io: CommandIo, json: boolean | undefined, member: string, items: T[], format: (items: T[]) => string[], empty: string): void {
  if (json) printJson(io, { [member]: items });
  else if (!items.length) io.err(empty);
  else format(items).forEach((line) => io.out(line));
}
