import { ACCOUNT_ID, EVENT_ID, TIMESTAMP, TOPIC, field, type LifecycleInput } from './lifecycle-input';

// https://docs.aws.amazon.com/iot/latest/developerguide/registry-events.html

/** `AwsIotThingGroup`: thing group created, updated, deleted (spec §3.7; config key THING_GROUP). */
export const THING_GROUP_INPUT: LifecycleInput = {
  inputName: 'AwsIotThingGroup',
  description: 'AWS IoT registry thing group events: $aws/events/thingGroup/{groupName}/created|updated|deleted',
  topicFilters: ['$aws/events/thingGroup/+/+'],
  eventConfiguration: 'THING_GROUP',
  key: 'thingGroupName',
  attributes: [
    field('eventType', 'string', 'Always THING_GROUP_EVENT (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'CREATED, UPDATED or DELETED (from the topic when missing)', 'always'),
    ACCOUNT_ID,
    field('thingGroupId', 'string', 'Thing group id; a group deleted and created again gets a new one'),
    field('thingGroupName', 'string', 'Thing group name (from the topic when missing)', 'always'),
    field('versionNumber', 'integer', 'Group version: 1 at creation, +1 per update (required except on deleted)', ['created', 'updated']),
    field('parentGroupName', 'string', 'Parent group name, null at the root'),
    field('parentGroupId', 'string', 'Parent group id, null at the root'),
    field('description', 'string', 'Thing group description'),
    field('rootToParentThingGroups', 'list', 'null, or [{groupName, groupArn}] from the parent up to the root'),
    field('attributes', 'object', 'Thing group attributes, a map of strings'),
    TOPIC,
  ],
};

/** `AwsIotThingGroupMembership`: a thing added to or removed from a group (spec §3.8). */
export const THING_GROUP_MEMBERSHIP_INPUT: LifecycleInput = {
  inputName: 'AwsIotThingGroupMembership',
  description: 'AWS IoT thing group membership events: $aws/events/thingGroupMembership/thingGroup/{groupName}/thing/{thingName}/added|removed',
  topicFilters: ['$aws/events/thingGroupMembership/thingGroup/+/thing/+/+'],
  eventConfiguration: 'THING_GROUP_MEMBERSHIP',
  key: 'thingName',
  attributes: [
    field('eventType', 'string', 'Always THING_GROUP_MEMBERSHIP_EVENT (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'ADDED or REMOVED (from the topic when missing)', 'always'),
    ACCOUNT_ID,
    field('groupArn', 'string', 'Thing group ARN'),
    field('groupId', 'string', 'Thing group id'),
    field('thingArn', 'string', 'Thing ARN'),
    field('thingId', 'string', 'Thing id'),
    field('membershipId', 'string', 'Id generated when the thing was added'),
    // AWS sends no names in this payload; topic levels 5 and 7 carry them.
    field('thingGroupName', 'string', 'Thing group name, from the topic', 'always'),
    field('thingName', 'string', 'Thing name, from the topic', 'always'),
    TOPIC,
  ],
};

/** `AwsIotThingGroupHierarchy`: a group attached to or detached from a parent group (spec §3.9). */
export const THING_GROUP_HIERARCHY_INPUT: LifecycleInput = {
  inputName: 'AwsIotThingGroupHierarchy',
  description: 'AWS IoT thing group hierarchy events: $aws/events/thingGroupHierarchy/thingGroup/{parent}/childThingGroup/{child}/added|removed',
  topicFilters: ['$aws/events/thingGroupHierarchy/thingGroup/+/childThingGroup/+/+'],
  eventConfiguration: 'THING_GROUP_HIERARCHY',
  key: 'childGroupName',
  attributes: [
    field('eventType', 'string', 'Always THING_GROUP_HIERARCHY_EVENT (added when missing)', 'always'),
    EVENT_ID,
    TIMESTAMP,
    field('operation', 'string', 'ADDED or REMOVED (from the topic when missing)', 'always'),
    ACCOUNT_ID,
    field('thingGroupId', 'string', 'Parent group id'),
    field('thingGroupName', 'string', 'Parent group name (from the topic when missing)', 'always'),
    field('childGroupId', 'string', 'Child group id'),
    field('childGroupName', 'string', 'Child group name (from the topic when missing)', 'always'),
    TOPIC,
  ],
};
