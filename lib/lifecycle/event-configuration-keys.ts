/**
 * The event families `UpdateEventConfigurations` switches, in the order of the API reference.
 * Presence and subscription events are not among them: they are always on (spec §3.1).
 * https://docs.aws.amazon.com/iot/latest/apireference/API_UpdateEventConfigurations.html
 */
export const EVENT_CONFIGURATION_KEYS = [
  'THING', 'THING_GROUP', 'THING_TYPE', 'THING_GROUP_MEMBERSHIP', 'THING_GROUP_HIERARCHY', 'THING_TYPE_ASSOCIATION',
  'JOB', 'JOB_EXECUTION', 'POLICY', 'CERTIFICATE', 'CA_CERTIFICATE',
] as const;

/** One key of the `eventConfigurations` map of `UpdateEventConfigurations`. */
export type EventConfigurationKey = (typeof EVENT_CONFIGURATION_KEYS)[number];

/** True when `key` is a documented `UpdateEventConfigurations` key (case-sensitive, as AWS is). */
export function isEventConfigurationKey(key: unknown): key is EventConfigurationKey {
  return typeof key === 'string' && (EVENT_CONFIGURATION_KEYS as readonly string[]).includes(key);
}
