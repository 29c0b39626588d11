import path from 'node:path';
import { localAuthFromEnv } from '../auth/local-auth';
import { LocalStackError } from './errors';
import { portsFromEnv } from './ports';
import type { LocalStackOptions } from './start-local-stack';

/** `npm start`'s settings, beyond {@link LocalStackOptions}. */
export interface CommandSettings {
  readonly options: LocalStackOptions;
  /** Print every line the functions log, not only warnings and errors. */
  readonly verbose: boolean;
}

/**
 * Reads `npm start`'s settings from the environment:
 *
 * - `VIGIL_HTTP_PORT`, `VIGIL_LAMBDA_PORT`, `VIGIL_MQTT_PORT`, `VIGIL_DYNAMODB_PORT`,
 *   `VIGIL_SQS_PORT`, `VIGIL_CONSOLE_PORT`: the ports (0 picks a free one);
 * - `VIGIL_MIN_TIMER_SECONDS`: the shortest timer a model may set (default 60, as on AWS);
 * - `VIGIL_MODELS_DIR`: the folder of models to load (default `models/`);
 * - `VIGIL_MQTT_HOST`: the broker's interface (default 127.0.0.1; `0.0.0.0` lets real devices on
 *   the network connect);
 * - `VIGIL_ASYNC_RETRY_DELAYS_MS`: Lambda's asynchronous retry delays, comma-separated (default
 *   `60000,120000`, AWS's);
 * - `VIGIL_LOCAL_ACCESS_KEY_ID`, `VIGIL_LOCAL_SECRET_ACCESS_KEY`: the key pair the HTTP and Lambda
 *   APIs accept SigV4 signatures from (default `local`/`local`); `VIGIL_LOCAL_AUTH=off` accepts
 *   unsigned requests too;
 * - `VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT`: a loopback `http://` URL the functions send their DynamoDB
 *   requests to instead of DynamoDB Local (a metering proxy that forwards to it; see
 *   {@link LocalStackOptions.functionsDynamodbEndpoint});
 * - `VIGIL_LOCAL_TARGETS`: the file mapping models' real topic ARNs and queue URLs to local ones
 *   (default `local-targets.json` in the project);
 * - `VIGIL_VERBOSE=1`: print every function log line.
 *
 * @throws LocalStackError (LocalAuthConfigError, LocalCredentialsError) naming the variable when a value is invalid.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): CommandSettings {
  const minTimer = env.VIGIL_MIN_TIMER_SECONDS;
  let minTimerSeconds: number | undefined;
  if (minTimer !== undefined && minTimer !== '') {
    minTimerSeconds = Number(minTimer);
    if (!Number.isInteger(minTimerSeconds) || minTimerSeconds < 1) throw new LocalStackError('config', `VIGIL_MIN_TIMER_SECONDS must be a whole number of seconds ≥ 1, not '${minTimer}'`);
  }
  let asyncRetryDelaysMs: number[] | undefined;
  if (env.VIGIL_ASYNC_RETRY_DELAYS_MS) {
    asyncRetryDelaysMs = env.VIGIL_ASYNC_RETRY_DELAYS_MS.split(',').map((part) => Number(part.trim()));
    if (asyncRetryDelaysMs.some((delay) => !Number.isInteger(delay) || delay < 0)) {
      throw new LocalStackError('config', `VIGIL_ASYNC_RETRY_DELAYS_MS must be comma-separated milliseconds, not '${env.VIGIL_ASYNC_RETRY_DELAYS_MS}'`);
    }
  }
  const functionsDynamodbEndpoint = env.VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT ? loopbackEndpoint('VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT', env.VIGIL_FUNCTIONS_DYNAMODB_ENDPOINT) : undefined;
  return {
    options: {
      ports: portsFromEnv(env),
      auth: localAuthFromEnv(env),
      ...(minTimerSeconds === undefined ? {} : { minTimerSeconds }),
      ...(env.VIGIL_MODELS_DIR ? { modelsDir: path.resolve(cwd, env.VIGIL_MODELS_DIR) } : {}),
      ...(env.VIGIL_MQTT_HOST ? { mqttHost: env.VIGIL_MQTT_HOST } : {}),
      ...(env.VIGIL_LOCAL_TARGETS ? { localTargetsFile: path.resolve(cwd, env.VIGIL_LOCAL_TARGETS) } : {}),
      ...(asyncRetryDelaysMs ? { asyncRetryDelaysMs } : {}),
      ...(functionsDynamodbEndpoint ? { functionsDynamodbEndpoint } : {}),
    },
    verbose: env.VIGIL_VERBOSE === '1' || env.VIGIL_VERBOSE === 'true',
  };
}

/**
 * An `http://` URL on this machine, without path: the functions sign their requests with the
 * stack's key pair, which must not travel to another host.
 */
function loopbackEndpoint(variable: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  const loopback = url !== undefined && url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.pathname === '/' && !url.search && !url.username;
  if (!url || !loopback) throw new LocalStackError('config', `${variable} must be an http:// URL on this machine (127.0.0.1, localhost or [::1]) with a port and no path, not '${value}'`);
  return url.origin;
}
