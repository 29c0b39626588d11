import { createHash } from 'node:crypto';
import net from 'node:net';
import type { Aedes, Client } from 'aedes';
import { LocalStackError } from '../stack/errors';
import { disconnectReason, ForbiddenOperationError } from './disconnect-reason';
import { LifecycleEvents, type Connection, type LifecycleMessage } from './lifecycle-events';
import { lifecycleRuleNames, publishRefusal } from './publish-policy';
import { ruleDelivering } from './rule-delivery';
import type { RuleRouter } from './rule-router';

/** How to run the local IoT Core. */
export interface IotCoreOptions {
  readonly port: number;
  /** Interface to listen on (default 127.0.0.1). */
  readonly host?: string;
  readonly router: RuleRouter;
  readonly events?: LifecycleEvents;
  readonly log: (message: string, error?: Error) => void;
  readonly now?: () => number;
}

/** The running broker. */
export interface RunningIotCore {
  /** `mqtt://host:port`. */
  readonly endpoint: string;
  /** Resolves when every message received so far has been through the rules. */
  idle(): Promise<void>;
  /** Disconnects every client and stops listening; no lifecycle events are sent for it. */
  stop(): Promise<void>;
}

interface Observed {
  keepAliveTimeout: boolean;
  replaced: boolean;
  error: Error | undefined;
  readonly principal: string;
  /** Set once the connection is accepted. */
  connection: Connection | undefined;
  /** Resolves when aedes has unregistered the connection. */
  readonly gone: Promise<void>;
  readonly markGone: () => void;
}

function observe(clientId: string, username: string | undefined): Observed {
  let markGone = () => undefined as void;
  const gone = new Promise<void>((resolve) => (markGone = resolve));
  return { keepAliveTimeout: false, replaced: false, error: undefined, principal: username || standInCertificateId(clientId), connection: undefined, gone, markGone };
}

/**
 * An MQTT broker (aedes) that behaves like AWS IoT Core for the local stack: every message a client
 * publishes goes through the topic rules; connects, disconnects, subscribes and unsubscribes are
 * published as AWS lifecycle events on `$aws/events/...` (to subscribers, and through the rules).
 * A client that publishes to `$aws/events` or under it is disconnected, as AWS IoT does (see
 * `publishRefusal`).
 *
 * One deliberate difference: a QoS 1 message is acknowledged only once its rules have delivered it
 * (every action, or the error action of a rule whose action failed). When one could not, the broker
 * withholds the PUBACK and disconnects the client, whose MQTT library then sends it again; AWS IoT
 * acknowledges on receipt and leaves the rule's error action as the only safety net.
 */
export async function startIotCore(options: IotCoreOptions): Promise<RunningIotCore> {
  const now = options.now ?? Date.now;
  const events = options.events ?? new LifecycleEvents({ now });
  const observed = new WeakMap<Client, Observed>();
  const live = new Map<string, Client>();
  const inFlight = new Set<Promise<unknown>>();
  // Lifecycle events of one client are routed one after the other, so they reach the queue in order.
  const chains = new Map<string, Promise<unknown>>();
  let closing = false;

  const track = (work: Promise<unknown>) => {
    const settled = work.catch((error: Error) => options.log('routing a message failed', error));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
    return settled;
  };
  // Read again when the rules are replaced (serverless.yml edited): a new rule on lifecycle topics is guarded at once.
  let lifecycleRules = { of: options.router.rules, names: lifecycleRuleNames(options.router.rules) };
  const lifecycleRuleNamesNow = () => {
    if (lifecycleRules.of !== options.router.rules) lifecycleRules = { of: options.router.rules, names: lifecycleRuleNames(options.router.rules) };
    return lifecycleRules.names;
  };
  const { route, routeBeforeAck } = ruleDelivering(options.router, options.log);
  const clientMessage = (client: Client, packet: { topic: string; payload: Buffer | string }) => ({
    topic: packet.topic,
    payload: Buffer.from(packet.payload),
    clientId: client.id,
    principal: state(client).principal,
    receivedAt: now(),
    sourceIp: remoteAddress(client),
  });
  const emit = (clientId: string, message: LifecycleMessage | undefined) => {
    if (!message || closing) return;
    const payload = Buffer.from(JSON.stringify(message.payload), 'utf8');
    broker.publish({ cmd: 'publish', topic: message.topic, payload, qos: 0, retain: false, dup: false }, () => undefined);
    const next = (chains.get(clientId) ?? Promise.resolve()).then(() => route({ topic: message.topic, payload, receivedAt: now() }));
    chains.set(clientId, track(next));
  };

  const { Aedes: AedesBroker } = (await import('aedes')) as unknown as { Aedes: typeof Aedes };
  const broker: Aedes = await AedesBroker.createBroker({
    authenticate(client, username, _password, done) {
      const current = live.get(client.id);
      observed.set(client, observe(client.id, username));
      if (!current || current === client) return done(null, true);
      // [MQTT-3.1.4-2]: a second connection with the same client id closes the first; AWS says why.
      if (!current.closed) state(current).replaced = true;
      if (!current.closed) return done(null, true);
      // The old connection is still closing. aedes would register this one meanwhile, and the old
      // one's unregistration would then drop it from the broker's table: let the old one go first.
      void Promise.race([state(current).gone, new Promise((resolve) => setTimeout(resolve, 2000))]).then(() => done(null, true));
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null);
      const refusal = publishRefusal(client.id, packet.topic, lifecycleRuleNamesNow());
      if (refusal) return done(new ForbiddenOperationError(refusal));
      if (packet.qos !== 1 || closing) return done(null);
      // A will is published as its client goes: nobody to acknowledge to, nothing to withhold.
      const will = packet === (client as Client & { will?: unknown }).will;
      const routed = routeBeforeAck(clientMessage(client, packet), will);
      track(routed);
      void routed.then((error) => done(error));
    },
  });
  const state = (client: Client): Observed => {
    let found = observed.get(client);
    if (!found) observed.set(client, (found = observe(client.id, undefined)));
    return found;
  };

  // 'client' (registered, CONNACK on its way), not 'clientReady': aedes emits the latter after the
  // CONNACK is written, so a client that hangs up at once can be gone before it is "ready".
  broker.on('client', (client) => {
    live.set(client.id, client);
    const seen = state(client);
    const { connection, message } = events.connected({ clientId: client.id, cleanSession: client.clean, principal: seen.principal, ipAddress: remoteAddress(client) });
    seen.connection = connection;
    emit(client.id, message);
  });
  broker.on('keepaliveTimeout', (client) => (state(client).keepAliveTimeout = true));
  broker.on('clientError', (client, error) => (state(client).error ??= error));
  broker.on('clientDisconnect', (client) => {
    if (live.get(client.id) === client) live.delete(client.id);
    const seen = state(client);
    seen.markGone();
    // aedes marks a connection that ended with a DISCONNECT packet; it has no public flag for it.
    const disconnectPacket = (client as Client & { _disconnected?: boolean })._disconnected === true;
    if (seen.connection) emit(client.id, events.disconnected(seen.connection, disconnectReason({ ...seen, disconnectPacket, brokerClosing: closing })));
  });
  broker.on('subscribe', (subscriptions, client) => {
    const { connection } = state(client);
    // qos 128 is a refused subscription.
    if (connection) emit(client.id, events.subscribed(connection, subscriptions.filter((s) => (s.qos as number) !== 128).map((s) => s.topic)));
  });
  broker.on('unsubscribe', (topics, client) => {
    const { connection } = state(client);
    // aedes also "unsubscribes" a closing clean session from everything; AWS sends no event for that.
    if (connection && !client.closed) emit(client.id, events.unsubscribed(connection, topics));
  });
  broker.on('publish', (packet, client) => {
    // No client: aedes' own $SYS messages and the lifecycle events, which emit() routes itself.
    // A client's QoS 1 messages (and wills) were routed before their PUBACK, in authorizePublish.
    if (!client || closing || packet.qos === 1) return;
    track(route(clientMessage(client, packet)));
  });

  const host = options.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new LocalStackError('mqtt', error.code === 'EADDRINUSE' ? `port ${options.port} is in use: stop what uses it or set VIGIL_MQTT_PORT` : error.message, { cause: error })),
    );
    server.listen(options.port, host, () => resolve());
  }).catch(async (error) => {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  });
  const { port } = server.address() as net.AddressInfo;
  const idle = async () => {
    while (inFlight.size) await Promise.allSettled([...inFlight]);
  };
  return {
    endpoint: `mqtt://${host}:${port}`,
    idle,
    async stop() {
      closing = true;
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      // Connections that never sent CONNECT are not clients yet; close them too.
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idle();
    },
  };
}

// Locally nobody presents a certificate. AWS reports the certificate id (64 hex digits) of an mTLS
// client; a stable stand-in derived from the client id keeps that shape.
function standInCertificateId(clientId: string): string {
  return createHash('sha256').update(`vigil-local:${clientId}`).digest('hex');
}

function remoteAddress(client: Client): string | undefined {
  const address = (client.conn as net.Socket).remoteAddress;
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}
