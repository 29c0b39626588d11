import { DescribeEventConfigurationsCommand, UpdateEventConfigurationsCommand, type Configuration, type EventType, type IoTClient } from '@aws-sdk/client-iot';
import { AppError } from '../../errors';
import { EVENT_CONFIGURATION_KEYS, isEventConfigurationKey, type EventConfigurationKey } from '../../lifecycle';

/** A requested family is not a documented `UpdateEventConfigurations` key. Nothing was changed. */
export class UnknownEventConfigurationError extends AppError {
  constructor(readonly unknownKeys: readonly string[]) {
    super(`unknown event configuration key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((key) => JSON.stringify(key)).join(', ')}; ` +
      `valid keys (case-sensitive): ${EVENT_CONFIGURATION_KEYS.join(', ')}`);
  }
}

/** What a reconciliation is for: the CloudFormation request types. */
export type ReconcileRequestType = 'Create' | 'Update' | 'Delete';

/** Arguments of {@link reconcileEventConfigurations}. */
export interface ReconcileOptions {
  readonly iot: IoTClient;
  /** The families that must be on (ignored on Delete). */
  readonly requested: readonly string[];
  /** The families an earlier call turned on, and so owns (empty on Create). */
  readonly previouslyEnabledByUs: readonly string[];
  readonly request: ReconcileRequestType;
}

/** What a reconciliation did; every list in the documented key order. */
export interface ReconcileResult {
  /** The families this resource owns now: it turned them on and will turn them off on Delete. */
  readonly enabledByUs: EventConfigurationKey[];
  /** Turned on by this call. */
  readonly enabled: EventConfigurationKey[];
  /** Turned off by this call. */
  readonly disabled: EventConfigurationKey[];
}

/** Deduplicates and sorts keys in the order of the API reference, so equal sets give equal ids. */
function canonicalKeys(keys: readonly EventConfigurationKey[]): EventConfigurationKey[] {
  return EVENT_CONFIGURATION_KEYS.filter((key) => keys.includes(key));
}

/**
 * Brings the account's event configurations to what a deployment asks for, touching only what it
 * owns (spec §3.1: registry, job and certificate events are off until enabled).
 *
 * - Create/Update: turns on requested families that are off and records them as ours; families
 *   already on were turned on by someone else, so they are left alone and not recorded. Families
 *   we own that are no longer requested are turned off (Create is an Update from nothing).
 * - Delete: turns off the families we own that are still on, and nothing else.
 *
 * Idempotent: reads the settings first and sends one `UpdateEventConfigurations` with only the
 * changes, none when there are none, so a retried request changes nothing twice. Unknown keys
 * fail Create/Update before anything changes; on Delete they are ignored, so a stack can always go.
 * https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateEventConfigurations.html
 *
 * @throws UnknownEventConfigurationError for an unknown requested key; SDK errors as they are.
 */
export async function reconcileEventConfigurations(options: ReconcileOptions): Promise<ReconcileResult> {
  const { iot, request } = options;
  const unknown = request === 'Delete' ? [] : options.requested.filter((key) => !isEventConfigurationKey(key));
  if (unknown.length) throw new UnknownEventConfigurationError([...new Set(unknown)]);
  const requested = request === 'Delete' ? [] : canonicalKeys(options.requested.filter(isEventConfigurationKey));
  const ours = canonicalKeys(options.previouslyEnabledByUs.filter(isEventConfigurationKey));

  const on = await enabledNow(iot);
  const enabled = requested.filter((key) => !on.has(key));
  const disabled = ours.filter((key) => !requested.includes(key) && on.has(key));
  if (enabled.length || disabled.length) {
    const eventConfigurations: Partial<Record<EventType, Configuration>> = {};
    for (const key of enabled) eventConfigurations[key] = { Enabled: true };
    for (const key of disabled) eventConfigurations[key] = { Enabled: false };
    await iot.send(new UpdateEventConfigurationsCommand({ eventConfigurations }));
  }
  // Still ours: owned before and still requested (re-enabled above if someone turned it off).
  const enabledByUs = canonicalKeys([...ours.filter((key) => requested.includes(key)), ...enabled]);
  return { enabledByUs, enabled, disabled };
}

/** The families currently on; a key missing from the answer counts as off. */
async function enabledNow(iot: IoTClient): Promise<Set<string>> {
  const output = await iot.send(new DescribeEventConfigurationsCommand({}));
  const on = new Set<string>();
  for (const [key, configuration] of Object.entries(output.eventConfigurations ?? {})) if (configuration?.Enabled === true) on.add(key);
  return on;
}
