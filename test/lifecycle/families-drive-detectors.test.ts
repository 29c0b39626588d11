import { parseTypedJson } from '../../lib/expression';
import { builtInInputs, lifecycleInput, type LifecycleInputName } from '../../lib/lifecycle';
import { compileModel } from '../../lib/model';
import { messagesFromQueueBody } from '../../lib/runtime/rule-message';
import { Simulator } from '../../lib/simulation';

/**
 * One realistic event per topic family (spec §3.2–3.12 examples, as the lifecycle topic rule
 * `SELECT *, topic() AS topic FROM '$aws/events/#'` delivers them), each driving a detector model
 * written the way a user would: keyed on the input's natural key, reading `$input.<input>.<field>`.
 */
const families: [LifecycleInputName, string, string, string | undefined, string, unknown][] = [
  ['AwsIotPresence', '$aws/events/presence/disconnected/pump-0042', '{"clientId":"pump-0042","timestamp":1763736512987,"eventType":"disconnected","sessionIdentifier":"5f0c","principalIdentifier":"9a8b","clientInitiatedDisconnect":false,"disconnectReason":"MQTT_KEEP_ALIVE_TIMEOUT","versionNumber":7}', 'pump-0042', 'disconnectReason', 'MQTT_KEEP_ALIVE_TIMEOUT'],
  // An odd client id: '/' adds topic levels, and the payload's own clientId is what counts.
  ['AwsIotPresence', '$aws/events/presence/connected/site/7/pump', '{"clientId":"site/7/pump","timestamp":1763736000123,"eventType":"connected","sessionIdentifier":"5f0d","principalIdentifier":"9a8b","ipAddress":"2001:db8::17","versionNumber":1}', 'site/7/pump', 'ipAddress', '2001:db8::17'],
  ['AwsIotConnectFailure', '$aws/events/presence/connect_failed/pump-0042', '{"clientId":"pump-0042","timestamp":1763736000000,"eventType":"connect_failed","failureReason":"AUTHORIZATION_FAILURE"}', 'pump-0042', 'failureReason', 'AUTHORIZATION_FAILURE'],
  ['AwsIotSubscription', '$aws/events/subscriptions/subscribed/pump-0042', '{"clientId":"pump-0042","timestamp":1763736000456,"eventType":"subscribed","sessionIdentifier":"5f0c","principalIdentifier":"1111/ARO","topics":["cmd/pump-0042/#"]}', 'pump-0042', 'eventType', 'subscribed'],
  ['AwsIotThing', '$aws/events/thing/pump-0042/updated', '{"eventType":"THING_EVENT","eventId":"0b9a","timestamp":1763736100000,"operation":"UPDATED","accountId":"111122223333","thingId":"8d3e","thingName":"pump-0042","versionNumber":4,"thingTypeName":"Pump","attributes":{"site":"plant-7"}}', 'pump-0042', 'attributes.site', 'plant-7'],
  ['AwsIotThingType', '$aws/events/thingType/Pump/updated', '{"eventType":"THING_TYPE_EVENT","eventId":"f1d2","timestamp":1763736200000,"operation":"UPDATED","accountId":"111122223333","thingTypeId":"2a1b","thingTypeName":"Pump","isDeprecated":true,"deprecationDate":1763736200,"searchableAttributes":["site"],"description":"Centrifugal pumps"}', 'Pump', 'isDeprecated', true],
  ['AwsIotThingTypeAssociation', '$aws/events/thingTypeAssociation/thing/pump-0042/Pump', '{"eventId":"7c6b","eventType":"THING_TYPE_ASSOCIATION_EVENT","operation":"CREATED","thingId":"8d3e","thingName":"pump-0042","thingTypeName":"Pump","timestamp":1763736300000}', 'pump-0042', 'thingTypeName', 'Pump'],
  ['AwsIotThingGroup', '$aws/events/thingGroup/plant-7-pumps/created', '{"eventType":"THING_GROUP_EVENT","eventId":"aa11","timestamp":1763736400000,"operation":"CREATED","accountId":"111122223333","thingGroupId":"3c2b","thingGroupName":"plant-7-pumps","versionNumber":1,"parentGroupName":"plant-7","description":"All pumps"}', 'plant-7-pumps', 'parentGroupName', 'plant-7'],
  // The membership payload names neither group nor thing: both come from the topic.
  ['AwsIotThingGroupMembership', '$aws/events/thingGroupMembership/thingGroup/plant-7-pumps/thing/pump-0042/added', '{"eventType":"THING_GROUP_MEMBERSHIP_EVENT","eventId":"d4c3","timestamp":1763736500000,"operation":"ADDED","accountId":"111122223333","groupArn":"arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7-pumps","groupId":"3c2b","thingArn":"arn:aws:iot:eu-west-1:111122223333:thing/pump-0042","thingId":"8d3e","membershipId":"0a1b"}', 'pump-0042', 'thingGroupName', 'plant-7-pumps'],
  ['AwsIotThingGroupHierarchy', '$aws/events/thingGroupHierarchy/thingGroup/plant-7/childThingGroup/plant-7-pumps/added', '{"eventType":"THING_GROUP_HIERARCHY_EVENT","eventId":"12ab","timestamp":1763736600000,"operation":"ADDED","accountId":"111122223333","thingGroupId":"9988","thingGroupName":"plant-7","childGroupId":"3c2b","childGroupName":"plant-7-pumps"}', 'plant-7-pumps', 'thingGroupName', 'plant-7'],
  // Job events carry their timestamp in seconds: it reaches the model in milliseconds.
  ['AwsIotJob', '$aws/events/job/fw-2026-11-rollout/completed', '{"eventType":"JOB","eventId":"5e4d","timestamp":1763736700,"operation":"completed","jobId":"fw-2026-11-rollout","status":"COMPLETED","targetSelection":"SNAPSHOT","jobProcessDetails":{"numberOfFailedThings":2,"numberOfSucceededThings":37}}', 'fw-2026-11-rollout', 'timestamp', 1763736700000n],
  ['AwsIotJobExecution', '$aws/events/jobExecution/fw-2026-11-rollout/failed', '{"eventType":"JOB_EXECUTION","eventId":"6a5b","timestamp":1763736800,"operation":"failed","jobId":"fw-2026-11-rollout","thingArn":"arn:aws:iot:eu-west-1:111122223333:thing/pump-0042","status":"FAILED","statusDetails":{"step":"flash"}}', 'pump-0042', 'statusDetails.step', 'flash'],
  // Optional fields missing: no statusDetails, no thingArn name to derive.
  ['AwsIotJobExecution', '$aws/events/jobExecution/fw-9/timed_out', '{"eventId":"6a5c","timestamp":1763736800000,"jobId":"fw-9","thingArn":"arn:aws:iot:eu-west-1:111122223333:thing/valve-1"}', 'valve-1', 'status', 'TIMED_OUT'],
  ['AwsIotCertificate', '$aws/events/certificates/registered/cfa7d772', '{"certificateId":"b1a2c3","caCertificateId":"cfa7d772","timestamp":1763736900000,"certificateStatus":"PENDING_ACTIVATION","awsAccountId":"111122223333","certificateRegistrationTimestamp":"1763736899000"}', 'b1a2c3', 'certificateStatus', 'PENDING_ACTIVATION'],
  // A family AWS adds later is passed through on the generic input, not dropped.
  ['AwsIotEvent', '$aws/events/newFamily/x/happened', '{"eventId":"n1","timestamp":1763737000000,"detail":"kept"}', undefined, 'detail', 'kept'],
];

describe('every lifecycle topic family as a detector input', () => {
  it.each(families)('%s from %s reaches a detector keyed on its natural key', (inputName, topic, payload, keyValue, field, expected) => {
    // Arrange
    const key = lifecycleInput(inputName)?.key;
    const model = compileModel(
      {
        detectorModelName: `watch${inputName}`,
        ...(key ? { key } : {}),
        detectorModelDefinition: {
          initialStateName: 'Watching',
          states: [
            {
              stateName: 'Watching',
              onInput: { events: [{ eventName: 'seen', condition: `currentInput("${inputName}")`, actions: [{ setVariable: { variableName: 'seen', value: `$input.${inputName}.${field}` } }] }] },
            },
          ],
        },
      },
      { inputs: builtInInputs() },
    );
    const [message, ...more] = messagesFromQueueBody(JSON.stringify({ ...(JSON.parse(payload) as object), topic }), 'sqs-1', 'lifecycle');
    expect(more).toEqual([]);
    if ('error' in message) throw new Error(message.error);
    // Act
    const simulator = new Simulator([model]);
    const events = simulator.send({ messageId: message.messageId, inputName: message.inputName, payload: parseTypedJson(message.payload), raw: message.payload, timestamp: message.timestamp ?? 0 });
    // Assert
    expect(message.inputName).toBe(inputName);
    expect(events.filter((event) => event.type === 'error')).toEqual([]);
    const [detector] = simulator.snapshots();
    expect(detector.keyValue).toBe(keyValue);
    expect(detector.variables.seen).toEqual(typeof expected === 'number' ? BigInt(expected) : expected);
  });
});
