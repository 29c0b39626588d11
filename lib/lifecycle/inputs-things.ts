import { ACCOUNT_ID, EVENT_ID, TIMESTAMP, TOPIC, field, type LifecycleInput } from './lifecycle-input';

// https://docs.aws.amazon.com/iot/latest/developerguide/registry-events.html

/** `AwsIotThing`: thing created, updated, deleted (spec §3.4; config key THING). */
export const THING_INPUT: LifecycleInput = {
  inputName: 'AwsIotThing',
  description: 'AWS IoT registry thing events: $aws/events/thing/{thingName}/created|updated|deleted',
  topicFilters: ['$aws/events/thing/+/+'],
  eventConfiguration: 'THING',
  key: 'thingName',
  attributes: [
    field('eventType', 'string', 'Always THING_EVENT (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'CREATED, UPDATED or DELETED (from the topic when missing)', 'always'),
    ACCOUNT_ID,
    field('thingId', 'string', 'Thing id; a thing deleted and created again gets a new one'),
    field('thingName', 'string', 'Thing name (from the topic when missing)', 'always'),
    // Deleted events are accepted without it: the guard never orders a delete by version.
    field('versionNumber', 'integer', 'Thing version: 1 at creation, +1 per update (required except on deleted)', ['created', 'updated']),
    field('thingTypeName', 'string', 'Thing type, or null'),
    field('attributes', 'object', 'Thing attributes, a map of strings'),
    TOPIC,
  ],
};

/** `AwsIotThingType`: thing type created, updated (incl. (un)deprecation), deleted (spec §3.5). */
export const THING_TYPE_INPUT: LifecycleInput = {
  inputName: 'AwsIotThingType',
  description: 'AWS IoT registry thing type events: $aws/events/thingType/{thingTypeName}/created|updated|deleted',
  topicFilters: ['$aws/events/thingType/+/+'],
  eventConfiguration: 'THING_TYPE',
  key: 'thingTypeName',
  attributes: [
    field('eventType', 'string', 'Always THING_TYPE_EVENT (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'CREATED, UPDATED (also deprecate/undeprecate) or DELETED (from the topic when missing)', 'always'),
    ACCOUNT_ID,
    field('thingTypeId', 'string', 'Thing type id'),
    field('thingTypeName', 'string', 'Thing type name (from the topic when missing)', 'always'),
    field('isDeprecated', 'boolean', 'True when the type is deprecated'),
    field('deprecationDate', 'timestamp', 'When it was deprecated, epoch ms (AWS sends seconds), or null'),
    field('searchableAttributes', 'string-list', 'Names of the searchable attributes'),
    field('description', 'string', 'Thing type description'),
    TOPIC,
  ],
};

/** `AwsIotThingTypeAssociation`: a thing associated with or disassociated from a type (spec §3.6). */
export const THING_TYPE_ASSOCIATION_INPUT: LifecycleInput = {
  inputName: 'AwsIotThingTypeAssociation',
  description: 'AWS IoT thing type association events: $aws/events/thingTypeAssociation/thing/{thingName}/{thingTypeName}',
  topicFilters: ['$aws/events/thingTypeAssociation/thing/+/+'],
  eventConfiguration: 'THING_TYPE_ASSOCIATION',
  key: 'thingName',
  attributes: [
    field('eventType', 'string', 'Always THING_TYPE_ASSOCIATION_EVENT (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    // The single topic carries no verb, so the payload must say which way it went.
    field('operation', 'string', 'CREATED (associated) or DELETED (disassociated)', 'always'),
    field('accountId', 'string', 'AWS account id (missing from the AWS example)'),
    field('thingId', 'string', 'Thing id'),
    field('thingName', 'string', 'Thing name (from the topic when missing)', 'always'),
    field('thingTypeName', 'string', 'Thing type name (from the topic when missing)', 'always'),
    TOPIC,
  ],
};
