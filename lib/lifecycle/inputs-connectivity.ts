import { field, TOPIC, type LifecycleInput } from './lifecycle-input';

const CONNECTION = ['connected', 'disconnected'];

/**
 * `AwsIotPresence`: connect and disconnect lifecycle events (spec §3.2). Always on; cannot be
 * turned off. https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html
 */
export const PRESENCE_INPUT: LifecycleInput = {
  inputName: 'AwsIotPresence',
  description: 'AWS IoT Core presence lifecycle events: $aws/events/presence/connected|disconnected/{clientId}',
  // `+/#`, not `+/+`: MQTT client ids may contain '/', which adds topic levels.
  topicFilters: ['$aws/events/presence/connected/#', '$aws/events/presence/disconnected/#'],
  eventConfiguration: undefined,
  key: 'clientId',
  attributes: [
    field('clientId', 'string', 'MQTT client id (taken from the topic when the payload lacks it)', 'always'),
    field('eventType', 'string', 'connected or disconnected (from the topic when missing)', 'always'),
    field('timestamp', 'timestamp', 'When it happened, epoch ms; AWS documents ±2 minutes accuracy', CONNECTION),
    field('versionNumber', 'integer', 'Per-client connection counter shared by a connect and its disconnect; resets after ~1 h offline', CONNECTION),
    field('sessionIdentifier', 'string', 'Globally unique id of the MQTT session'),
    field('principalIdentifier', 'string', 'Certificate id (mTLS) or IAM principal that connected'),
    field('ipAddress', 'string', 'Client IP address (connected events only)'),
    field('thingName', 'string', 'Present only when the client connected with the exclusive-thing feature'),
    field('clientInitiatedDisconnect', 'boolean', 'disconnected only: true when the client closed the connection'),
    field('disconnectReason', 'string', 'disconnected only: CONNECTION_LOST, MQTT_KEEP_ALIVE_TIMEOUT, …; unknown values kept as sent'),
    TOPIC,
  ],
};

/**
 * `AwsIotConnectFailure`: failed connection attempts, `$aws/events/presence/connect_failed/{clientId}`,
 * documented on the current AWS page only (UNVERIFIED shape: the client id and verb are
 * guaranteed, everything else is passed through). Separate from `AwsIotPresence` so that input
 * only ever keeps ordered connect and disconnect events. Always on.
 */
export const CONNECT_FAILURE_INPUT: LifecycleInput = {
  inputName: 'AwsIotConnectFailure',
  description: 'AWS IoT Core failed connection attempts: $aws/events/presence/connect_failed/{clientId}',
  topicFilters: ['$aws/events/presence/connect_failed/#'],
  eventConfiguration: undefined,
  key: 'clientId',
  attributes: [
    field('clientId', 'string', 'MQTT client id (taken from the topic when the payload lacks it)', 'always'),
    field('eventType', 'string', 'connect_failed (from the topic when missing)', 'always'),
    field('timestamp', 'timestamp', 'When it happened, epoch ms, when the event carries it'),
    field('failureReason', 'string', 'Why the attempt failed (e.g. AUTHORIZATION_FAILURE), as sent'),
    TOPIC,
  ],
};

/**
 * `AwsIotSubscription`: subscribe and unsubscribe lifecycle events (spec §3.3). Always on.
 * https://docs.aws.amazon.com/iot/latest/developerguide/life-cycle-events.html
 */
export const SUBSCRIPTION_INPUT: LifecycleInput = {
  inputName: 'AwsIotSubscription',
  description: 'AWS IoT Core subscription lifecycle events: $aws/events/subscriptions/subscribed|unsubscribed/{clientId}',
  topicFilters: ['$aws/events/subscriptions/#'],
  eventConfiguration: undefined,
  key: 'clientId',
  attributes: [
    field('clientId', 'string', 'MQTT client id (taken from the topic when the payload lacks it)', 'always'),
    field('eventType', 'string', 'subscribed or unsubscribed (from the topic when missing)', 'always'),
    field('timestamp', 'timestamp', 'When it happened, epoch ms; AWS documents ±2 minutes accuracy', 'always'),
    field('sessionIdentifier', 'string', 'Globally unique id of the MQTT session'),
    field('principalIdentifier', 'string', 'Certificate id (mTLS) or IAM principal of the client'),
    field('topics', 'string-list', 'The topic filters subscribed to or unsubscribed from', 'always'),
    TOPIC,
  ],
};
