import { integerOf, isRecord, stringOf } from './guard-values';

/** Which fields name and identify the entity of a versioned registry family. */
export interface RegistryIdentity {
  /** `thingName`, `thingGroupName`. */
  readonly nameField: string;
  /** `thingId`, `thingGroupId`: new for every incarnation of a name. */
  readonly idField: string;
  /** `thing`, `thing group`: for reasons. */
  readonly entity: string;
}

interface RegistryEvent {
  readonly name: string | undefined;
  readonly id: string | undefined;
  readonly operation: string | undefined;
  readonly version: bigint | undefined;
  readonly timestamp: bigint | undefined;
}

function registryEvent(payload: unknown, identity: RegistryIdentity): RegistryEvent | undefined {
  if (!isRecord(payload)) return undefined;
  return {
    name: stringOf(payload[identity.nameField]),
    id: stringOf(payload[identity.idField]),
    operation: stringOf(payload.operation),
    version: integerOf(payload.versionNumber),
    timestamp: integerOf(payload.timestamp),
  };
}

/**
 * Orders thing and thing-group events by `versionNumber` (spec §3.4, §3.7: 1 at creation, +1 per
 * update, "use it to order and deduplicate"). Returns why `next` must not be applied after
 * `previous`, or undefined to apply it.
 *
 * What a DELETED event carries is not documented; most likely the version of the last update, so
 * it ties with that UPDATED event. A delete ends the entity whatever its version, so it is never
 * skipped for its version. A name deleted and created again starts over at version 1 with a new
 * id: versions of different ids (or a CREATED after a DELETED) are not compared, and such events
 * are ordered by timestamp instead.
 */
export function registryGuard(identity: RegistryIdentity, previous: unknown, next: Readonly<Record<string, unknown>>): string | undefined {
  const applied = registryEvent(previous, identity);
  const incoming = registryEvent(next, identity);
  if (!applied || !incoming) return undefined;
  // A detector keyed on something else may see several entities: their versions are unrelated.
  if (applied.name !== undefined && incoming.name !== undefined && applied.name !== incoming.name) return undefined;
  const what = `${incoming.operation ?? 'event'} (version ${incoming.version ?? 'none'})`;
  const newIncarnation = applied.id !== undefined && incoming.id !== undefined
    ? applied.id !== incoming.id
    : applied.operation === 'DELETED' && incoming.operation === 'CREATED';
  if (newIncarnation) {
    if (applied.timestamp === undefined || incoming.timestamp === undefined || incoming.timestamp >= applied.timestamp) return undefined;
    return `stale: ${what} belongs to an earlier ${identity.entity} of the same name and is older than the applied ${applied.operation ?? 'event'}`;
  }
  if (applied.operation === 'DELETED') {
    return incoming.operation === 'DELETED' ? `duplicate: DELETED was already applied` : `stale: ${what} arrived after this ${identity.entity} was DELETED`;
  }
  if (incoming.operation === 'DELETED' || applied.version === undefined || incoming.version === undefined) return undefined;
  if (incoming.version < applied.version) return `stale: ${what} is older than the applied version ${applied.version}`;
  if (incoming.version === applied.version && incoming.operation === applied.operation) return `duplicate: ${what} was already applied`;
  return undefined;
}
