import { integerOf, isRecord, stringOf } from './guard-values';

/**
 * AWS documents presence timestamps as accurate to ±2 minutes (spec §3.1): a lower version must be
 * newer than the applied event by more than this to count as a counter reset.
 */
export const PRESENCE_ACCURACY_MS = 120_000n;

interface ConnectionEvent {
  readonly clientId: string | undefined;
  readonly eventType: 'connected' | 'disconnected';
  readonly version: bigint;
  readonly session: string | undefined;
  readonly timestamp: bigint | undefined;
}

/** The ordering data of a connected/disconnected payload; undefined for anything else. */
function connectionEvent(payload: unknown): ConnectionEvent | undefined {
  if (!isRecord(payload)) return undefined;
  const eventType = payload.eventType;
  const version = integerOf(payload.versionNumber);
  if ((eventType !== 'connected' && eventType !== 'disconnected') || version === undefined) return undefined;
  return { clientId: stringOf(payload.clientId), eventType, version, session: stringOf(payload.sessionIdentifier), timestamp: integerOf(payload.timestamp) };
}

const describe = (e: ConnectionEvent): string => `${e.eventType} (version ${e.version}${e.session ? `, session ${e.session}` : ''})`;

/**
 * Spec §3.2's suggested presence rule, keyed by client id. Returns why `next` must not be applied
 * after `previous` (the detector's last applied AwsIotPresence payload), or undefined to apply it.
 *
 * - Only connected/disconnected events are ordered; `connect_failed` and anything without a
 *   `versionNumber` always apply. A previous payload without ordering data (none yet, or a
 *   `connect_failed`) cannot reject anything.
 * - Versions count per client id, so events of different client ids (a detector keyed on
 *   something else) are not compared.
 * - A higher version is a newer connection: applied, unless its timestamp is older than the
 *   applied one by more than the ±2 min accuracy (it predates a counter reset).
 * - Equal version, same session: the same connection, whose connect and disconnect share the
 *   version. The same event again is a duplicate; `disconnected` beats `connected`, so a late
 *   `connected` is stale.
 * - A lower version — or an equal one from another session — is out of order, unless its timestamp
 *   is newer by more than the ±2 min accuracy: the counter restarts at 0 after about an hour offline.
 */
export function presenceGuard(previous: unknown, next: Readonly<Record<string, unknown>>): string | undefined {
  const incoming = connectionEvent(next);
  const applied = connectionEvent(previous);
  if (!incoming || !applied || incoming.clientId !== applied.clientId) return undefined;
  if (incoming.version > applied.version) {
    // Unless it is older by more than the accuracy: then it predates a counter reset (a late
    // redelivery of the connection before the device's hour offline).
    if (incoming.timestamp !== undefined && applied.timestamp !== undefined && applied.timestamp - incoming.timestamp > PRESENCE_ACCURACY_MS) {
      return `stale: ${describe(incoming)} is more than 2 minutes older than the applied ${describe(applied)}; it predates the reset of the version counter`;
    }
    return undefined;
  }
  // A missing session cannot contradict: trust the shared version number.
  const sameSession = incoming.session === undefined || applied.session === undefined || incoming.session === applied.session;
  if (incoming.version === applied.version && sameSession) {
    if (incoming.eventType === applied.eventType) return `duplicate: ${describe(incoming)} of client ${incoming.clientId} was already applied`;
    if (incoming.eventType === 'connected') {
      return `stale: ${describe(incoming)} arrived after the disconnected event of the same connection`;
    }
    return undefined;
  }
  if (incoming.timestamp !== undefined && applied.timestamp !== undefined && incoming.timestamp - applied.timestamp > PRESENCE_ACCURACY_MS) {
    return undefined;
  }
  return `out of order: ${describe(incoming)} does not follow the applied ${describe(applied)}: ` +
    'its version is not higher and it is not more than 2 minutes newer (which would mean the counter was reset)';
}
