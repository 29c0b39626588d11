import type { EventConfigurationKey } from './event-configuration-keys';

/** The names of the built-in lifecycle inputs (AWS input-name pattern `^[a-zA-Z][a-zA-Z0-9_]*$`). */
export type LifecycleInputName =
  | 'AwsIotPresence' | 'AwsIotConnectFailure' | 'AwsIotSubscription' | 'AwsIotThing' | 'AwsIotThingType' | 'AwsIotThingTypeAssociation'
  | 'AwsIotThingGroup' | 'AwsIotThingGroupMembership' | 'AwsIotThingGroupHierarchy' | 'AwsIotJob'
  | 'AwsIotJobExecution' | 'AwsIotCertificate' | 'AwsIotEvent';

/**
 * What a normalised field holds. `timestamp` is an epoch-millisecond Integer (`bigint`) whatever
 * unit or form AWS sent; `integer` is a `bigint`; `string-list` an array of strings; `list` any
 * array; `object` any JSON object (string maps such as `attributes`).
 */
export type FieldType = 'string' | 'integer' | 'boolean' | 'timestamp' | 'string-list' | 'list' | 'object';

/** One top-level field of a normalised lifecycle payload. */
export interface LifecycleAttribute {
  /** The field name, which is also the attribute's `jsonPath`. */
  readonly name: string;
  readonly type: FieldType;
  /** One line for the README and for `inputDescription`-style documentation. */
  readonly description: string;
  /**
   * When the normalised payload must have the field: `'always'`, or only for these topic verbs
   * (`connected`, `created`, …). Optional fields may be missing or `null` (AWS sends `null` for
   * unset values, e.g. `parentGroupName` at the root); present ones must have the right type.
   */
  readonly required?: 'always' | readonly string[];
}

/** A built-in input: one family of `$aws/events/...` topics. */
export interface LifecycleInput {
  readonly inputName: LifecycleInputName;
  /** One sentence, also used as the CreateInput `inputDescription`. */
  readonly description: string;
  /** MQTT topic filters that select the family in a topic rule. */
  readonly topicFilters: readonly string[];
  /** The `UpdateEventConfigurations` key that turns the family on; undefined when always on. */
  readonly eventConfiguration: EventConfigurationKey | undefined;
  /** The attribute a detector model usually keys on; undefined when there is no natural key. */
  readonly key: string | undefined;
  readonly attributes: readonly LifecycleAttribute[];
}

/** Builds an attribute entry; keeps the catalog files to one line per field. */
export function field(name: string, type: FieldType, description: string, required?: LifecycleAttribute['required']): LifecycleAttribute {
  return required === undefined ? { name, type, description } : { name, type, description, required };
}

/** `topic`: every normalised payload carries the full topic it arrived on. */
export const TOPIC = field('topic', 'string', 'The full MQTT topic the event arrived on', 'always');
/** `eventId`: the registry and job families' unique event id. */
export const EVENT_ID = field('eventId', 'string', 'Unique id of the event; the message id is derived from it');
/** `accountId`: the registry families' AWS account. */
export const ACCOUNT_ID = field('accountId', 'string', 'AWS account id');
/** A required `timestamp` in epoch ms. */
export const TIMESTAMP = field('timestamp', 'timestamp', 'When it happened, epoch ms (seconds are converted)', 'always');
