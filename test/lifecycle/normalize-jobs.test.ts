import { normalizeLifecycleEvent } from '../../lib/lifecycle';
import { normalized, rejected } from './helpers';

describe('normalizeLifecycleEvent: jobs', () => {
  const COMPLETED = '{"eventType":"JOB","eventId":"5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716","timestamp":1763736700,"operation":"completed",' +
    '"jobId":"fw-2026-11-rollout","status":"COMPLETED","targetSelection":"SNAPSHOT","targets":["arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7-pumps"],' +
    '"description":"Firmware 4.2","createdAt":1763730000000,"lastUpdatedAt":1763736690000,"completedAt":1763736690000,' +
    '"jobProcessDetails":{"numberOfCanceledThings":0,"numberOfRejectedThings":1,"numberOfFailedThings":2,"numberOfRemovedThings":0,"numberOfSucceededThings":37}}';

  it('normalises the completed example: the 10-digit seconds timestamp becomes ms, ms dates stay', () => {
    expect(normalized('$aws/events/job/fw-2026-11-rollout/completed', COMPLETED)).toEqual({
      inputName: 'AwsIotJob', messageId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716', timestamp: 1763736700000,
      payload: {
        eventType: 'JOB', eventId: '5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716', timestamp: 1763736700000n, operation: 'completed',
        jobId: 'fw-2026-11-rollout', status: 'COMPLETED', targetSelection: 'SNAPSHOT', targets: ['arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7-pumps'],
        description: 'Firmware 4.2', createdAt: 1763730000000n, lastUpdatedAt: 1763736690000n, completedAt: 1763736690000n,
        jobProcessDetails: { numberOfCanceledThings: 0n, numberOfRejectedThings: 1n, numberOfFailedThings: 2n, numberOfRemovedThings: 0n, numberOfSucceededThings: 37n },
        topic: '$aws/events/job/fw-2026-11-rollout/completed',
      },
    });
  });

  it.each([
    ['cancellation_in_progress', 'CANCELLATION_IN_PROGRESS'],
    ['deletion_in_progress', 'DELETION_IN_PROGRESS'],
    ['canceled', 'CANCELED'],
    ['deleted', 'DELETED'],
  ])('fills jobId, operation %s and status %s from the topic', (verb, status) => {
    const event = normalized(`$aws/events/job/j-1/${verb}`, '{"eventId":"e","timestamp":1763736700,"comment":"rollback"}');
    expect(event.payload).toEqual({
      eventId: 'e', timestamp: 1763736700000n, comment: 'rollback', jobId: 'j-1', operation: verb, eventType: 'JOB', status, topic: `$aws/events/job/j-1/${verb}`,
    });
  });

  it.each([
    ['{"timestamp":1763736700,"targets":"arn"}', "field 'targets' must be an array of strings"],
    ['{"timestamp":1763736700,"createdAt":"yesterday"}', "field 'createdAt' must be an epoch timestamp"],
    ['{"timestamp":1763736700,"jobProcessDetails":3}', "field 'jobProcessDetails' must be an object, got 3"],
    ['{"eventId":"e"}', "AwsIotJob field 'timestamp' is required"],
  ])('rejects a job event %s', (payload, error) => {
    expect(rejected('$aws/events/job/j-1/completed', payload)).toContain(error);
  });

  it('normalises the job execution example and parses thingName from thingArn', () => {
    const event = normalized('$aws/events/jobExecution/fw-2026-11-rollout/failed', '{"eventType":"JOB_EXECUTION","eventId":"6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d",' +
      '"timestamp":1763736800,"operation":"failed","jobId":"fw-2026-11-rollout","thingArn":"arn:aws:iot:eu-west-1:111122223333:thing/pump-0042",' +
      '"status":"FAILED","statusDetails":{"step":"flash","error":"CRC_MISMATCH"}}');
    expect(event).toEqual({
      inputName: 'AwsIotJobExecution', messageId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d', timestamp: 1763736800000,
      payload: {
        eventType: 'JOB_EXECUTION', eventId: '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d', timestamp: 1763736800000n, operation: 'failed',
        jobId: 'fw-2026-11-rollout', thingArn: 'arn:aws:iot:eu-west-1:111122223333:thing/pump-0042', status: 'FAILED',
        statusDetails: { step: 'flash', error: 'CRC_MISMATCH' }, thingName: 'pump-0042', topic: '$aws/events/jobExecution/fw-2026-11-rollout/failed',
      },
    });
  });

  it.each([
    ['arn:aws:iot:us-east-1:123456789012:myThing/6d639fbc-8f85-4a90-924d-a2867f8366a7', 'myThing'],
    ['arn:aws:iot:eu-west-1:111122223333:thing/a:b', 'a:b'],
    ['arn:aws-cn:iot:cn-north-1:111122223333:thing/pump_1', 'pump_1'],
  ])('parses %s leniently to %s', (thingArn, thingName) => {
    const event = normalized('$aws/events/jobExecution/j/timed_out', JSON.stringify({ eventId: 'e', timestamp: 1763736800, thingArn }));
    expect(event.payload).toMatchObject({ thingName, status: 'TIMED_OUT', operation: 'timed_out', jobId: 'j' });
  });

  it('leaves thingName out when the ARN names no thing, and keeps one the payload has', () => {
    const odd = normalized('$aws/events/jobExecution/j/deleted', '{"eventId":"e","timestamp":1763736800,"thingArn":"not-an-arn"}');
    const named = normalized('$aws/events/jobExecution/j/succeeded', '{"eventId":"e","timestamp":1763736800,"thingArn":"arn:aws:iot:r:1:thing/x","thingName":"y"}');
    expect(odd.payload).not.toHaveProperty('thingName');
    expect(odd.payload.status).toBe('DELETED');
    expect(named.payload.thingName).toBe('y');
  });

  it('requires thingArn on a job execution', () => {
    expect(rejected('$aws/events/jobExecution/j/failed', '{"eventId":"e","timestamp":1763736800}')).toContain("AwsIotJobExecution field 'thingArn' is required");
  });
});

describe('normalizeLifecycleEvent: certificates', () => {
  it('normalises the JITR example, parsing the numeric-string registration timestamp', () => {
    const event = normalized('$aws/events/certificates/registered/cfa7d772', '{"certificateId":"b1a2c3d4e5f6","caCertificateId":"cfa7d772",' +
      '"timestamp":1763736900000,"certificateStatus":"PENDING_ACTIVATION","awsAccountId":"111122223333","certificateRegistrationTimestamp":"1763736899000"}');
    expect(event).toEqual({
      inputName: 'AwsIotCertificate', messageId: expect.stringMatching(/^certificate-[0-9a-f]{16}$/), timestamp: 1763736900000,
      payload: {
        certificateId: 'b1a2c3d4e5f6', caCertificateId: 'cfa7d772', timestamp: 1763736900000n, certificateStatus: 'PENDING_ACTIVATION',
        awsAccountId: '111122223333', certificateRegistrationTimestamp: 1763736899000n, operation: 'registered',
        topic: '$aws/events/certificates/registered/cfa7d772',
      },
    });
  });

  it.each([
    ['"1763736899"', 1763736899000n],
    ['" 1763736899000 "', 1763736899000n],
    ['"1763736899.5"', 1763736899500n],
    ['1763736899', 1763736899000n],
  ])('accepts the registration timestamp %s', (value, millis) => {
    const event = normalized('$aws/events/certificates/registered/ca1', `{"certificateId":"c1","timestamp":"1763736900","certificateRegistrationTimestamp":${value}}`);
    expect(event.payload).toMatchObject({ certificateRegistrationTimestamp: millis, timestamp: 1763736900000n, caCertificateId: 'ca1' });
  });

  it.each([
    ['{"timestamp":1763736900000}', "AwsIotCertificate field 'certificateId' is required"],
    ['{"certificateId":"c1","timestamp":1763736900000,"certificateRegistrationTimestamp":"soon"}', "field 'certificateRegistrationTimestamp' must be an epoch timestamp"],
    ['{"certificateId":"c1","timestamp":"1e12"}', "field 'timestamp' must be an epoch timestamp"],
  ])('rejects %s', (payload, error) => {
    expect(rejected('$aws/events/certificates/registered/ca1', payload)).toContain(error);
  });
});

describe('normalizeLifecycleEvent: other topics', () => {
  it.each([
    ['$aws/events/policy/p1/created', 'policy'],
    ['$aws/events/presence/reconnected/d1', 'presence'],
    ['$aws/events/thing/p1/renamed', 'thing'],
    ['$aws/events/thing/p1', 'thing'],
    ['$aws/events/jobExecution/j/queued', 'jobExecution'],
    ['$aws/events/thingGroupMembership/thingGroup/g/thing/t/moved', 'thingGroupMembership'],
    ['$aws/events/certificates/revoked/ca1', 'certificates'],
    ['$aws/events/__proto__/x', '__proto__'],
  ])('passes %s through as AwsIotEvent, never dropping it', (topic, eventFamily) => {
    const event = normalized(topic, '{"eventId":"ev-1","anything":[1,2.5,"x"],"timestamp":1763737000}');
    expect(event).toEqual({
      inputName: 'AwsIotEvent', messageId: 'ev-1', timestamp: 1763737000000,
      payload: { eventId: 'ev-1', anything: [1n, 2.5, 'x'], timestamp: 1763737000000n, eventFamily, topic },
    });
  });

  it('keeps a passthrough timestamp it cannot read as it was, and hashes a message id', () => {
    const event = normalized('$aws/events/policy/p1/created', '{"timestamp":"today","x":true}');
    expect(event.payload).toEqual({ timestamp: 'today', x: true, eventFamily: 'policy', topic: '$aws/events/policy/p1/created' });
    expect(event.messageId).toMatch(/^event-[0-9a-f]{16}$/);
    expect(event.timestamp).toBeUndefined();
  });

  it('uses the payload topic when no topic is given, and the given topic over the payload one', () => {
    const fromPayload = normalizeLifecycleEvent('', { topic: '$aws/events/thing/p1/deleted', eventId: 'e', timestamp: 1763737000000 });
    const given = normalized('$aws/events/thing/p2/deleted', '{"topic":"$aws/events/thing/other/deleted","eventId":"e","timestamp":1763737000000}');
    expect(fromPayload).toMatchObject({ ok: true, event: { inputName: 'AwsIotThing', payload: { thingName: 'p1', topic: '$aws/events/thing/p1/deleted' } } });
    expect(given.payload).toMatchObject({ thingName: 'p2', topic: '$aws/events/thing/p2/deleted' });
  });

  it.each([
    ['dt/pump-1/telemetry', '"dt/pump-1/telemetry" is not an AWS IoT event topic'],
    ['$aws/things/pump-1/shadow/update', '"$aws/things/pump-1/shadow/update" is not an AWS IoT event topic'],
    ['', '"" is not an AWS IoT event topic'],
  ])('refuses the topic %s', (topic, error) => {
    expect(normalizeLifecycleEvent(topic, {})).toEqual({ ok: false, error: `${error}: expected one starting with $aws/events/` });
  });

  it('never throws, whatever the payload', () => {
    for (const payload of [undefined, null, 0, 'x', [], { timestamp: {} }, { versionNumber: 1n, timestamp: 10n ** 20n }, Object.create(null)]) {
      expect(() => normalizeLifecycleEvent('$aws/events/presence/connected/d', payload)).not.toThrow();
    }
  });
});
