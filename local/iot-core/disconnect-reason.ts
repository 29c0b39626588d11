import { AppError } from '../../lib/errors';
import type { DisconnectReason } from './lifecycle-events';

/** What the broker observed about a connection before it closed. */
export interface CloseSignals {
  /** The client sent an MQTT DISCONNECT packet. */
  readonly disconnectPacket: boolean;
  /** No packet arrived within 1.5 × the keep-alive interval. */
  readonly keepAliveTimeout: boolean;
  /** Another connection with the same client id took over. */
  readonly replaced: boolean;
  /** The broker is shutting down. */
  readonly brokerClosing: boolean;
  /** The error the connection failed with, if any. */
  readonly error: Error | undefined;
}

/**
 * The client did something its policy would not allow on AWS IoT Core (publishing to a reserved
 * `$aws/events/...` topic): AWS closes such connections with `AUTH_ERROR`.
 */
export class ForbiddenOperationError extends AppError {}

/**
 * A QoS 1 message the rules could not deliver (an action failed and no error action took it): the
 * local broker withholds the PUBACK and closes the connection, so the client's MQTT library sends
 * the message again. AWS would have acknowledged it; the closest reason it reports is `SERVER_ERROR`.
 */
export class UndeliveredMessageError extends AppError {}

// Socket failures that mean the network path went away, not that the client misbehaved.
const NETWORK_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

/**
 * Maps how a connection ended to AWS's `disconnectReason`. Precedence follows causality: being
 * replaced or the broker closing explains everything after it; a DISCONNECT packet makes any
 * later socket error irrelevant; a keep-alive timeout is reported as such even though the broker
 * then destroys the socket with an error.
 */
export function disconnectReason(signals: CloseSignals): DisconnectReason {
  if (signals.replaced) return 'DUPLICATE_CLIENTID';
  if (signals.brokerClosing) return 'SERVER_INITIATED_DISCONNECT';
  if (signals.disconnectPacket) return 'CLIENT_INITIATED_DISCONNECT';
  if (signals.keepAliveTimeout) return 'MQTT_KEEP_ALIVE_TIMEOUT';
  const { error } = signals;
  if (error instanceof ForbiddenOperationError) return 'AUTH_ERROR';
  if (error instanceof UndeliveredMessageError) return 'SERVER_ERROR';
  if (error === undefined) return 'CONNECTION_LOST';
  const code = (error as NodeJS.ErrnoException).code;
  return code !== undefined && NETWORK_ERRORS.has(code) ? 'CONNECTION_LOST' : 'CLIENT_ERROR';
}
