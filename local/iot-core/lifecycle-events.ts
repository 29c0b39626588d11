import { randomUUID } from 'node:crypto';

/**
 * Why AWS IoT Core closed a connection, as its `disconnected` event says
 * (https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html). The local broker
 * produces the first six; the others exist for completeness and are passed through as strings.
 */
export type DisconnectReason =
  | 'CLIENT_INITIATED_DISCONNECT'
  | 'CONNECTION_LOST'
  | 'MQTT_KEEP_ALIVE_TIMEOUT'
  | 'DUPLICATE_CLIENTID'
  | 'CLIENT_ERROR'
  | 'SERVER_INITIATED_DISCONNECT'
  | 'AUTH_ERROR'
  | 'FORBIDDEN_ACCESS'
  | 'SERVER_ERROR'
  | 'API_INITIATED_DISCONNECT'
  | 'THROTTLED'
  | 'WEBSOCKET_TTL_EXPIRATION'
  | 'CUSTOMAUTH_TTL_EXPIRATION';

/** A connection as the broker accepted it. */
export interface ConnectionInfo {
  readonly clientId: string;
  /** MQTT clean session (3.1.1) / clean start (5): false keeps the session across connections. */
  readonly cleanSession: boolean;
  /** What `principalIdentifier` says: a certificate id for mTLS, an IAM identity for SigV4. */
  readonly principal: string;
  readonly ipAddress: string | undefined;
}

/** A lifecycle message to publish: its reserved topic and its JSON payload. */
export interface LifecycleMessage {
  readonly topic: string;
  readonly payload: Record<string, unknown>;
}

/** Timing rules of the event generator; AWS's values by default. */
export interface LifecycleEventOptions {
  readonly now?: () => number;
  readonly newSessionId?: () => string;
  /** After this long disconnected, `versionNumber` starts again at 0 (AWS: about an hour). */
  readonly versionResetMs?: number;
  /** How long a persistent session outlives its connection (AWS default: one hour). */
  readonly sessionExpiryMs?: number;
}

/** One connection, numbered as AWS numbers it: its events carry these. */
export interface Connection {
  readonly clientId: string;
  readonly versionNumber: number;
  readonly sessionIdentifier: string;
  readonly principal: string;
}

interface ClientState {
  version: number;
  session: string;
  persistent: boolean;
  /** The client's newest connection while it is open. */
  current: Connection | undefined;
  disconnectedAt: number | undefined;
}

/**
 * Generates AWS IoT Core's presence and subscription lifecycle events for the local broker, in
 * AWS's payload shapes and field order. Per client id it keeps what AWS keeps: the connection
 * counter `versionNumber` (shared by a connect and its disconnect, one higher for each new
 * connection, back to 0 after about an hour offline) and the session (a new `sessionIdentifier`
 * per clean session; a persistent session keeps its id until it expires). Each event belongs to
 * one connection, so an old connection closing after its replacement opened still reports its own
 * version. Client ids containing `#` or `+` get no events, as on AWS.
 */
export class LifecycleEvents {
  private readonly clients = new Map<string, ClientState>();
  private readonly ended = new WeakSet<Connection>();
  private readonly now: () => number;
  private readonly newSessionId: () => string;
  private readonly versionResetMs: number;
  private readonly sessionExpiryMs: number;

  constructor(options: LifecycleEventOptions = {}) {
    this.now = options.now ?? Date.now;
    // AWS's documented sample is 32 hex digits.
    this.newSessionId = options.newSessionId ?? (() => randomUUID().replaceAll('-', ''));
    this.versionResetMs = options.versionResetMs ?? 3_600_000;
    this.sessionExpiryMs = options.sessionExpiryMs ?? 3_600_000;
  }

  /** A new connection and its `connected` event (none for client ids AWS sends no events for). */
  connected(info: ConnectionInfo): { readonly connection: Connection; readonly message: LifecycleMessage | undefined } {
    const { clientId } = info;
    const time = this.now();
    const previous = this.clients.get(clientId);
    // Still connected through an older connection (being replaced): not offline at all.
    const offlineFor = previous?.current !== undefined || previous?.disconnectedAt === undefined ? 0 : time - previous.disconnectedAt;
    const version = previous === undefined || offlineFor > this.versionResetMs ? 0 : previous.version + 1;
    const resume = previous !== undefined && previous.persistent && !info.cleanSession && offlineFor <= this.sessionExpiryMs;
    const connection: Connection = { clientId, versionNumber: version, sessionIdentifier: resume ? previous.session : this.newSessionId(), principal: info.principal };
    this.clients.set(clientId, { version, session: connection.sessionIdentifier, persistent: !info.cleanSession, current: connection, disconnectedAt: undefined });
    if (!hasEvents(clientId)) return { connection, message: undefined };
    return {
      connection,
      message: {
        topic: `$aws/events/presence/connected/${clientId}`,
        payload: {
          clientId,
          timestamp: time,
          eventType: 'connected',
          sessionIdentifier: connection.sessionIdentifier,
          principalIdentifier: connection.principal,
          ...(info.ipAddress === undefined ? {} : { ipAddress: info.ipAddress }),
          versionNumber: connection.versionNumber,
        },
      },
    };
  }

  /** The `disconnected` event of a connection; undefined when it was already reported. */
  disconnected(connection: Connection, reason: DisconnectReason): LifecycleMessage | undefined {
    if (this.ended.has(connection)) return undefined;
    this.ended.add(connection);
    const time = this.now();
    const state = this.clients.get(connection.clientId);
    if (state?.current === connection) {
      state.current = undefined;
      state.disconnectedAt = time;
    }
    if (!hasEvents(connection.clientId)) return undefined;
    return {
      topic: `$aws/events/presence/disconnected/${connection.clientId}`,
      payload: {
        clientId: connection.clientId,
        timestamp: time,
        eventType: 'disconnected',
        sessionIdentifier: connection.sessionIdentifier,
        principalIdentifier: connection.principal,
        clientInitiatedDisconnect: reason === 'CLIENT_INITIATED_DISCONNECT',
        disconnectReason: reason,
        versionNumber: connection.versionNumber,
      },
    };
  }

  /** A `subscribed` event for the topic filters a connection subscribed to. */
  subscribed(connection: Connection, topics: readonly string[]): LifecycleMessage | undefined {
    return this.subscription(connection, 'subscribed', topics);
  }

  /** An `unsubscribed` event for the topic filters a connection unsubscribed from. */
  unsubscribed(connection: Connection, topics: readonly string[]): LifecycleMessage | undefined {
    return this.subscription(connection, 'unsubscribed', topics);
  }

  private subscription(connection: Connection, eventType: 'subscribed' | 'unsubscribed', topics: readonly string[]): LifecycleMessage | undefined {
    const { clientId } = connection;
    if (!hasEvents(clientId) || this.ended.has(connection) || !topics.length) return undefined;
    return {
      topic: `$aws/events/subscriptions/${eventType}/${clientId}`,
      payload: { clientId, timestamp: this.now(), eventType, sessionIdentifier: connection.sessionIdentifier, principalIdentifier: connection.principal, topics: [...topics] },
    };
  }
}

// https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html: "Lifecycle events
// aren't sent for client IDs that contain # or +".
function hasEvents(clientId: string): boolean {
  return clientId.length > 0 && !clientId.includes('#') && !clientId.includes('+');
}
