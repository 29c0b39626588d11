import { normalized, rejected } from './helpers';

describe('normalizeLifecycleEvent: things and thing types', () => {
  const THING = '{"eventType":"THING_EVENT","eventId":"0b9a3c1e-3a51-4bde-9e3e-6a2f3f1c0d11","timestamp":1763736100000,"operation":"UPDATED",' +
    '"accountId":"111122223333","thingId":"8d3e5c7a-1f2b-4c6d-9e0f-123456789abc","thingName":"pump-0042","versionNumber":4,"thingTypeName":"Pump",' +
    '"attributes":{"site":"plant-7","model":"XR-2"}}';

  it('normalises the thing example; the eventId is the message id', () => {
    expect(normalized('$aws/events/thing/pump-0042/updated', THING)).toEqual({
      inputName: 'AwsIotThing', messageId: '0b9a3c1e-3a51-4bde-9e3e-6a2f3f1c0d11', timestamp: 1763736100000,
      payload: {
        eventType: 'THING_EVENT', eventId: '0b9a3c1e-3a51-4bde-9e3e-6a2f3f1c0d11', timestamp: 1763736100000n, operation: 'UPDATED',
        accountId: '111122223333', thingId: '8d3e5c7a-1f2b-4c6d-9e0f-123456789abc', thingName: 'pump-0042', versionNumber: 4n,
        thingTypeName: 'Pump', attributes: { site: 'plant-7', model: 'XR-2' }, topic: '$aws/events/thing/pump-0042/updated',
      },
    });
  });

  it('fills thingName, operation and eventType from the topic, and keeps a null thingTypeName', () => {
    const event = normalized('$aws/events/thing/pump:7/created', '{"eventId":"e1","timestamp":1763736100000,"versionNumber":1,"thingTypeName":null}');
    expect(event.payload).toEqual({
      eventId: 'e1', timestamp: 1763736100000n, versionNumber: 1n, thingTypeName: null, thingName: 'pump:7', operation: 'CREATED',
      eventType: 'THING_EVENT', topic: '$aws/events/thing/pump:7/created',
    });
  });

  it('accepts a deleted event without a versionNumber, but not a created or updated one', () => {
    expect(normalized('$aws/events/thing/p1/deleted', '{"eventId":"e2","timestamp":1763736100000}').payload.operation).toBe('DELETED');
    expect(rejected('$aws/events/thing/p1/updated', '{"eventId":"e2","timestamp":1763736100000}')).toContain("AwsIotThing field 'versionNumber' is required");
  });

  it.each([
    ['{"timestamp":1763736100000,"versionNumber":1,"attributes":["a"]}', "field 'attributes' must be an object, got an array"],
    ['{"timestamp":1763736100000,"versionNumber":1,"thingName":7}', "field 'thingName' must be a string, got 7"],
    ['{"versionNumber":1}', "AwsIotThing field 'timestamp' is required"],
    ['{"timestamp":true,"versionNumber":1}', "field 'timestamp' must be an epoch timestamp in ms or s (a non-negative number or numeric string), got true"],
  ])('rejects a thing event %s', (payload, error) => {
    expect(rejected('$aws/events/thing/p1/created', payload)).toContain(error);
  });

  it('normalises the thing type example, converting the seconds deprecationDate to ms', () => {
    const event = normalized('$aws/events/thingType/Pump/updated', '{"eventType":"THING_TYPE_EVENT","eventId":"f1d2c3b4-0000-4a4a-8b8b-0123456789ab",' +
      '"timestamp":1763736200000,"operation":"UPDATED","accountId":"111122223333","thingTypeId":"2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",' +
      '"thingTypeName":"Pump","isDeprecated":true,"deprecationDate":1763736200,"searchableAttributes":["site","model"],"description":"Centrifugal pumps"}');
    expect(event.payload).toEqual({
      eventType: 'THING_TYPE_EVENT', eventId: 'f1d2c3b4-0000-4a4a-8b8b-0123456789ab', timestamp: 1763736200000n, operation: 'UPDATED',
      accountId: '111122223333', thingTypeId: '2a1b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', thingTypeName: 'Pump', isDeprecated: true,
      deprecationDate: 1763736200000n, searchableAttributes: ['site', 'model'], description: 'Centrifugal pumps', topic: '$aws/events/thingType/Pump/updated',
    });
    expect(event.inputName).toBe('AwsIotThingType');
  });

  it('keeps a null deprecationDate and takes the type name from the topic', () => {
    const event = normalized('$aws/events/thingType/Valve/created', '{"eventId":"e","timestamp":1763736200000,"isDeprecated":false,"deprecationDate":null}');
    expect(event.payload).toMatchObject({ thingTypeName: 'Valve', operation: 'CREATED', deprecationDate: null, eventType: 'THING_TYPE_EVENT' });
  });

  it('rejects a non-boolean isDeprecated', () => {
    expect(rejected('$aws/events/thingType/Pump/updated', '{"timestamp":1763736200000,"isDeprecated":"yes"}')).toContain("field 'isDeprecated' must be a boolean");
  });
});

describe('normalizeLifecycleEvent: thing type associations', () => {
  const ASSOCIATION = '{"eventId":"7c6b5a49-3827-4a16-9f05-e4d3c2b1a090","eventType":"THING_TYPE_ASSOCIATION_EVENT","operation":"CREATED",' +
    '"thingId":"8d3e5c7a-1f2b-4c6d-9e0f-123456789abc","thingName":"pump-0042","thingTypeName":"Pump","timestamp":1763736300000}';

  it('normalises the example, which has no accountId', () => {
    const event = normalized('$aws/events/thingTypeAssociation/thing/pump-0042/Pump', ASSOCIATION);
    expect(event).toEqual({
      inputName: 'AwsIotThingTypeAssociation', messageId: '7c6b5a49-3827-4a16-9f05-e4d3c2b1a090', timestamp: 1763736300000,
      payload: {
        eventId: '7c6b5a49-3827-4a16-9f05-e4d3c2b1a090', eventType: 'THING_TYPE_ASSOCIATION_EVENT', operation: 'CREATED',
        thingId: '8d3e5c7a-1f2b-4c6d-9e0f-123456789abc', thingName: 'pump-0042', thingTypeName: 'Pump', timestamp: 1763736300000n,
        topic: '$aws/events/thingTypeAssociation/thing/pump-0042/Pump',
      },
    });
  });

  it('takes both names from the topic', () => {
    const event = normalized('$aws/events/thingTypeAssociation/thing/p9/Valve', '{"eventId":"e","operation":"DELETED","timestamp":1763736300000}');
    expect(event.payload).toMatchObject({ thingName: 'p9', thingTypeName: 'Valve', operation: 'DELETED' });
  });

  it('needs the operation, since the topic has no verb', () => {
    expect(rejected('$aws/events/thingTypeAssociation/thing/p9/Valve', '{"eventId":"e","timestamp":1763736300000}'))
      .toContain("AwsIotThingTypeAssociation field 'operation' is required (CREATED (associated) or DELETED (disassociated))");
  });
});

describe('normalizeLifecycleEvent: thing groups', () => {
  const GROUP = '{"eventType":"THING_GROUP_EVENT","eventId":"aa11bb22-cc33-4d44-8e55-ff6677889900","timestamp":1763736400000,"operation":"CREATED",' +
    '"accountId":"111122223333","thingGroupId":"3c2b1a09-8f7e-4d6c-b5a4-392817161514","thingGroupName":"plant-7-pumps","versionNumber":1,' +
    '"parentGroupName":"plant-7","parentGroupId":"99887766-5544-4332-a211-00ffeeddccbb","description":"All pumps at plant 7",' +
    '"rootToParentThingGroups":[{"groupName":"plant-7","groupArn":"arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7"}],"attributes":{"region":"emea"}}';

  it('normalises the thing group example', () => {
    const event = normalized('$aws/events/thingGroup/plant-7-pumps/created', GROUP);
    expect(event.payload).toEqual({
      eventType: 'THING_GROUP_EVENT', eventId: 'aa11bb22-cc33-4d44-8e55-ff6677889900', timestamp: 1763736400000n, operation: 'CREATED',
      accountId: '111122223333', thingGroupId: '3c2b1a09-8f7e-4d6c-b5a4-392817161514', thingGroupName: 'plant-7-pumps', versionNumber: 1n,
      parentGroupName: 'plant-7', parentGroupId: '99887766-5544-4332-a211-00ffeeddccbb', description: 'All pumps at plant 7',
      rootToParentThingGroups: [{ groupName: 'plant-7', groupArn: 'arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7' }],
      attributes: { region: 'emea' }, topic: '$aws/events/thingGroup/plant-7-pumps/created',
    });
    expect([event.inputName, event.messageId]).toEqual(['AwsIotThingGroup', 'aa11bb22-cc33-4d44-8e55-ff6677889900']);
  });

  it('accepts a root group (null parent and path) and takes its name from the topic', () => {
    const event = normalized('$aws/events/thingGroup/plant-7/updated',
      '{"eventId":"e","timestamp":1763736400000,"versionNumber":2,"parentGroupName":null,"parentGroupId":null,"rootToParentThingGroups":null}');
    expect(event.payload).toMatchObject({ thingGroupName: 'plant-7', operation: 'UPDATED', parentGroupName: null, rootToParentThingGroups: null });
  });

  it('rejects a rootToParentThingGroups that is not an array', () => {
    expect(rejected('$aws/events/thingGroup/g/updated', '{"timestamp":1763736400000,"versionNumber":2,"rootToParentThingGroups":"plant-7"}'))
      .toContain("field 'rootToParentThingGroups' must be an array");
  });

  it('names membership events from topic levels 5 and 7, which the payload lacks', () => {
    const event = normalized('$aws/events/thingGroupMembership/thingGroup/plant-7-pumps/thing/pump-0042/added',
      '{"eventType":"THING_GROUP_MEMBERSHIP_EVENT","eventId":"d4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a","timestamp":1763736500000,"operation":"ADDED",' +
      '"accountId":"111122223333","groupArn":"arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7-pumps","groupId":"3c2b1a09-8f7e-4d6c-b5a4-392817161514",' +
      '"thingArn":"arn:aws:iot:eu-west-1:111122223333:thing/pump-0042","thingId":"8d3e5c7a-1f2b-4c6d-9e0f-123456789abc","membershipId":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"}');
    expect(event).toEqual({
      inputName: 'AwsIotThingGroupMembership', messageId: 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a', timestamp: 1763736500000,
      payload: {
        eventType: 'THING_GROUP_MEMBERSHIP_EVENT', eventId: 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a', timestamp: 1763736500000n, operation: 'ADDED',
        accountId: '111122223333', groupArn: 'arn:aws:iot:eu-west-1:111122223333:thinggroup/plant-7-pumps', groupId: '3c2b1a09-8f7e-4d6c-b5a4-392817161514',
        thingArn: 'arn:aws:iot:eu-west-1:111122223333:thing/pump-0042', thingId: '8d3e5c7a-1f2b-4c6d-9e0f-123456789abc',
        membershipId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', thingGroupName: 'plant-7-pumps', thingName: 'pump-0042',
        topic: '$aws/events/thingGroupMembership/thingGroup/plant-7-pumps/thing/pump-0042/added',
      },
    });
  });

  it('fills a membership removal operation from the topic', () => {
    const event = normalized('$aws/events/thingGroupMembership/thingGroup/g/thing/t/removed', '{"eventId":"e","timestamp":1763736500000}');
    expect(event.payload).toMatchObject({ operation: 'REMOVED', thingGroupName: 'g', thingName: 't', eventType: 'THING_GROUP_MEMBERSHIP_EVENT' });
  });

  it('normalises the hierarchy example, parent and child named in payload and topic', () => {
    const event = normalized('$aws/events/thingGroupHierarchy/thingGroup/plant-7/childThingGroup/plant-7-pumps/added',
      '{"eventType":"THING_GROUP_HIERARCHY_EVENT","eventId":"12ab34cd-56ef-4a78-9b01-23cd45ef6789","timestamp":1763736600000,"operation":"ADDED",' +
      '"accountId":"111122223333","thingGroupId":"99887766-5544-4332-a211-00ffeeddccbb","thingGroupName":"plant-7",' +
      '"childGroupId":"3c2b1a09-8f7e-4d6c-b5a4-392817161514","childGroupName":"plant-7-pumps"}');
    expect(event.payload).toEqual({
      eventType: 'THING_GROUP_HIERARCHY_EVENT', eventId: '12ab34cd-56ef-4a78-9b01-23cd45ef6789', timestamp: 1763736600000n, operation: 'ADDED',
      accountId: '111122223333', thingGroupId: '99887766-5544-4332-a211-00ffeeddccbb', thingGroupName: 'plant-7',
      childGroupId: '3c2b1a09-8f7e-4d6c-b5a4-392817161514', childGroupName: 'plant-7-pumps',
      topic: '$aws/events/thingGroupHierarchy/thingGroup/plant-7/childThingGroup/plant-7-pumps/added',
    });
    expect(event.inputName).toBe('AwsIotThingGroupHierarchy');
  });

  it('takes the hierarchy parent and child names from the topic when missing', () => {
    const event = normalized('$aws/events/thingGroupHierarchy/thingGroup/p/childThingGroup/c/removed', '{"eventId":"e","timestamp":1763736600000}');
    expect(event.payload).toMatchObject({ thingGroupName: 'p', childGroupName: 'c', operation: 'REMOVED' });
  });
});
