/**
 * Built-in inputs for AWS IoT Core lifecycle and registry events (`$aws/events/...`): the input
 * catalog, payload normalisation and the ordering guard; and AWS IoT SiteWise property value
 * notifications (`$aws/sitewise/...`), the other events AWS publishes that Vigil takes in. Pure: no AWS SDK, no clock, no environment.
 */
export { builtInInputs } from './built-in-inputs';
export { LIFECYCLE_INPUTS, isLifecycleInputName, lifecycleInput } from './catalog';
export { EVENT_CONFIGURATION_KEYS, isEventConfigurationKey, type EventConfigurationKey } from './event-configuration-keys';
export { lifecycleGuard } from './guard';
export type { FieldType, LifecycleAttribute, LifecycleInput, LifecycleInputName } from './lifecycle-input';
export { lifecycleInputsMarkdown, lifecycleInputsPage } from './markdown';
export { MESSAGE_ID_PATTERN, lifecycleMessageId } from './message-id';
export { normalizeLifecycleEvent, type LifecycleEvent, type NormalizeResult } from './normalize';
export { PRESENCE_ACCURACY_MS } from './presence-guard';
export { thingNameFromArn } from './thing-arn';
export { SITEWISE_TOPIC_PREFIX, normalizeSiteWiseNotification, type SiteWiseMessage, type SiteWiseNotificationResult } from './sitewise-notification';
export { SECONDS_BELOW, toEpochMillis } from './timestamp';
export { EVENTS_TOPIC_PREFIX, classifyTopic, type TopicInfo } from './topic';
