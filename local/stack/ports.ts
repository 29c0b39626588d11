import net from 'node:net';
import { LocalStackError } from './errors';

/** The ports the local stack listens on. */
export interface LocalStackPorts {
  /** serverless-offline's HTTP APIs (the iotevents-data and iotevents APIs). */
  readonly http: number;
  /** serverless-offline's Lambda Invoke API. */
  readonly lambda: number;
  /** The MQTT broker emulating AWS IoT Core. */
  readonly mqtt: number;
  /** DynamoDB Local (and its Streams API). */
  readonly dynamodb: number;
  /** fauxqs: SNS and SQS on one port. */
  readonly sqs: number;
  /** The Vigil Console (its pages and its signing proxy to the HTTP API). */
  readonly console: number;
}

/** The ports a newcomer expects: serverless-offline's, MQTT's, DynamoDB Local's and LocalStack's; the console beside offline's. */
export const DEFAULT_PORTS: LocalStackPorts = { http: 3000, lambda: 3002, mqtt: 1883, dynamodb: 8000, sqs: 4566, console: 3003 };

/** The environment variable that overrides each port. */
export const PORT_VARIABLES: Readonly<Record<keyof LocalStackPorts, string>> = {
  http: 'VIGIL_HTTP_PORT',
  lambda: 'VIGIL_LAMBDA_PORT',
  mqtt: 'VIGIL_MQTT_PORT',
  dynamodb: 'VIGIL_DYNAMODB_PORT',
  sqs: 'VIGIL_SQS_PORT',
  console: 'VIGIL_CONSOLE_PORT',
};

/**
 * The ports from the environment, defaults for the rest. `0` asks for any free port.
 *
 * @throws LocalStackError naming the variable when a value is not a port number.
 */
export function portsFromEnv(env: NodeJS.ProcessEnv, defaults: LocalStackPorts = DEFAULT_PORTS): LocalStackPorts {
  const ports = { ...defaults };
  for (const [name, variable] of Object.entries(PORT_VARIABLES) as [keyof LocalStackPorts, string][]) {
    const raw = env[variable];
    if (raw === undefined || raw.trim() === '') continue;
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new LocalStackError('ports', `${variable} must be a port number (0 for any free port), not '${raw}'`);
    ports[name] = port;
  }
  return ports;
}

/**
 * Turns every `0` into a free port and checks that the others are free and distinct, so a clash
 * is reported before anything starts (and not as an emulator's obscure bind error).
 *
 * @throws LocalStackError naming the port, its variable and what to do.
 */
export async function resolvePorts(requested: LocalStackPorts): Promise<LocalStackPorts> {
  const entries = Object.entries(requested) as [keyof LocalStackPorts, number][];
  const seen = new Map<number, keyof LocalStackPorts>();
  for (const [name, port] of entries) {
    const other = port === 0 ? undefined : seen.get(port);
    if (other) throw new LocalStackError('ports', `${PORT_VARIABLES[name]} and ${PORT_VARIABLES[other]} are both ${port}: give each service its own port`);
    seen.set(port, name);
  }
  // Hold every listener until all ports are known, so no two services get the same free port.
  const held: net.Server[] = [];
  try {
    const resolved = { ...requested };
    for (const [name, port] of entries) {
      const server = await listen(port).catch((error: NodeJS.ErrnoException) => {
        throw new LocalStackError('ports', error.code === 'EADDRINUSE' ? `port ${port} is in use: stop what uses it, or set ${PORT_VARIABLES[name]} (0 picks a free port)` : `cannot listen on port ${port}: ${error.message}`, { cause: error });
      });
      held.push(server);
      resolved[name] = (server.address() as net.AddressInfo).port;
    }
    return resolved;
  } finally {
    await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

// Every service listens on 127.0.0.1: a port is free for it when it is free there (a service on
// all interfaces holds it there too).
function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
