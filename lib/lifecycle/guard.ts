import { presenceGuard } from './presence-guard';
import { registryGuard } from './registry-guard';

/**
 * Decides whether a lifecycle message may be applied to a detector, given the payload of the same
 * input the detector last applied. AWS publishes these events at least once and in no guaranteed
 * order (spec §3.1), so a retained `$input` must not be overwritten by an older event.
 *
 * - `AwsIotPresence`: versionNumber, then disconnected-beats-connected, with the ~1 h counter reset
 *   (spec §3.2; see `presenceGuard`).
 * - `AwsIotThing`, `AwsIotThingGroup`: versionNumber per entity (spec §3.4, §3.7; see `registryGuard`).
 * - Every other family carries no ordering data: no guard. Exact redeliveries are still dropped by
 *   the engine's message-id check, since their ids are deterministic.
 *
 * @param previous the detector's last applied payload of `inputName`, undefined when none.
 * @returns why `next` must not be applied (for the trace), or undefined to apply it.
 */
export function lifecycleGuard(inputName: string, previous: unknown, next: Readonly<Record<string, unknown>>): string | undefined {
  if (previous === undefined) return undefined;
  switch (inputName) {
    case 'AwsIotPresence':
      return presenceGuard(previous, next);
    case 'AwsIotThing':
      return registryGuard({ nameField: 'thingName', idField: 'thingId', entity: 'thing' }, previous, next);
    case 'AwsIotThingGroup':
      return registryGuard({ nameField: 'thingGroupName', idField: 'thingGroupId', entity: 'thing group' }, previous, next);
    default:
      return undefined;
  }
}
