import { SECONDS_BELOW, classifyTopic, thingNameFromArn, toEpochMillis } from '../../lib/lifecycle';

describe('classifyTopic', () => {
  it.each([
    ['$aws/events/presence/connected/a/b', { inputName: 'AwsIotPresence', verb: 'connected', names: { clientId: 'a/b' } }],
    ['$aws/events/subscriptions/unsubscribed/c', { inputName: 'AwsIotSubscription', verb: 'unsubscribed', names: { clientId: 'c' } }],
    ['$aws/events/thingGroupMembership/thingGroup/g/thing/t/added', { inputName: 'AwsIotThingGroupMembership', verb: 'added', names: { thingGroupName: 'g', thingName: 't' } }],
    ['$aws/events/thingTypeAssociation/thing/t/T', { inputName: 'AwsIotThingTypeAssociation', verb: '', names: { thingName: 't', thingTypeName: 'T' } }],
    ['$aws/events/certificates/registered/ca', { inputName: 'AwsIotCertificate', verb: 'registered', names: { caCertificateId: 'ca' } }],
  ])('reads %s', (topic, info) => {
    expect(classifyTopic(topic)).toEqual(info);
  });

  it.each([
    '$aws/events/presence/connected/', '$aws/events/thing//created', '$aws/events/thingGroupMembership/thingGroup/g/thing//added',
    '$aws/events/thingTypeAssociation/thing/t', '$aws/events/job/j/completed/extra', '$aws/events/toString/x',
  ])('passes the malformed or unknown %s to AwsIotEvent', (topic) => {
    expect(classifyTopic(topic)?.inputName).toBe('AwsIotEvent');
  });

  it('ignores topics outside $aws/events/', () => {
    expect(classifyTopic('$aws/eventsX/thing/a/created')).toBeUndefined();
  });
});

describe('toEpochMillis', () => {
  it.each([
    [1763736000123n, 1763736000123n],
    [1763736000n, 1763736000000n],
    [1763736000123, 1763736000123n],
    [1763736000.5, 1763736000500n],
    [1763736000123.4, 1763736000123n],
    ['1763736000', 1763736000000n],
    ['1763736000123', 1763736000123n],
    [0n, 0n],
    [SECONDS_BELOW - 1, 999_999_999_999_000n],
    [SECONDS_BELOW, 1_000_000_000_000n],
  ])('reads %p as %p ms', (value, millis) => {
    expect(toEpochMillis(value)).toEqual({ ok: true, millis });
  });

  it.each([[-1], [-1n], [Number.NaN], [Number.POSITIVE_INFINITY], [''], ['12abc'], ['-5'], ['1e12'], [true], [null], [{}], [[]], [2n ** 64n], ['99999999999999999999']])(
    'refuses %p', (value) => {
      expect(toEpochMillis(value)).toEqual({ ok: false, error: expect.stringMatching(/^must be an epoch timestamp in ms or s/) });
    });
});

describe('thingNameFromArn', () => {
  it.each([
    ['arn:aws:iot:eu-west-1:111122223333:thing/pump-0042', 'pump-0042'],
    ['arn:aws:iot:eu-west-1:111122223333:thing/a:b:c', 'a:b:c'],
    ['arn:aws:iot:us-east-1:123456789012:myThing/6d639fbc-8f85-4a90-924d-a2867f8366a7', 'myThing'],
    ['arn:aws:iot:eu-west-1:111122223333:thing', undefined],
    ['arn:aws:iot:eu-west-1:111122223333:thing/', undefined],
    ['arn:aws:iot:eu-west-1:111122223333:thing/has space', undefined],
    ['pump-0042', undefined],
    ['arn:aws:iot', undefined],
  ])('reads %s as %p', (arn, name) => {
    expect(thingNameFromArn(arn)).toBe(name);
  });
});
