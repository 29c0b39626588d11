import { EVENT_CONFIGURATION_KEYS, LIFECYCLE_INPUTS, builtInInputs, classifyTopic, isLifecycleInputName, lifecycleInput, lifecycleInputsMarkdown } from '../../lib/lifecycle';
import { validateInput, validateModel, type CreateDetectorModelRequest } from '../../lib/model';

/** MQTT topic filter matching, as a topic rule applies it. */
function matches(filter: string, topic: string): boolean {
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

// One real topic per input, from spec §3.2–3.12.
const SAMPLE_TOPICS: Record<string, string> = {
  AwsIotPresence: '$aws/events/presence/connected/pump-0042',
  AwsIotConnectFailure: '$aws/events/presence/connect_failed/pump-0042',
  AwsIotSubscription: '$aws/events/subscriptions/subscribed/pump-0042',
  AwsIotThing: '$aws/events/thing/pump-0042/updated',
  AwsIotThingType: '$aws/events/thingType/Pump/created',
  AwsIotThingTypeAssociation: '$aws/events/thingTypeAssociation/thing/pump-0042/Pump',
  AwsIotThingGroup: '$aws/events/thingGroup/plant-7/deleted',
  AwsIotThingGroupMembership: '$aws/events/thingGroupMembership/thingGroup/plant-7/thing/pump-0042/added',
  AwsIotThingGroupHierarchy: '$aws/events/thingGroupHierarchy/thingGroup/plant-7/childThingGroup/plant-7-pumps/removed',
  AwsIotJob: '$aws/events/job/fw-1/deletion_in_progress',
  AwsIotJobExecution: '$aws/events/jobExecution/fw-1/timed_out',
  AwsIotCertificate: '$aws/events/certificates/registered/cfa7d772',
  AwsIotEvent: '$aws/events/policy/p1/created',
};

describe('LIFECYCLE_INPUTS', () => {
  it('declares the inputs of every family, with AWS-valid unique names', () => {
    expect(LIFECYCLE_INPUTS.map((input) => input.inputName)).toEqual(Object.keys(SAMPLE_TOPICS));
    expect(LIFECYCLE_INPUTS.every((input) => /^[a-zA-Z][a-zA-Z0-9_]*$/.test(input.inputName))).toBe(true);
  });

  it.each(LIFECYCLE_INPUTS.map((input) => [input.inputName, input] as const))('%s: its filters select its topics, which classify back to it', (name, input) => {
    const topic = SAMPLE_TOPICS[name];
    expect(input.topicFilters.some((filter) => matches(filter, topic))).toBe(true);
    expect(classifyTopic(topic)?.inputName).toBe(name);
  });

  it('keeps the narrow filters of different families apart; only AwsIotEvent overlaps', () => {
    for (const input of LIFECYCLE_INPUTS.filter((i) => i.inputName !== 'AwsIotEvent')) {
      const others = Object.entries(SAMPLE_TOPICS).filter(([name]) => name !== input.inputName && name !== 'AwsIotEvent');
      expect(others.filter(([, topic]) => input.topicFilters.some((filter) => matches(filter, topic)))).toEqual([]);
    }
    expect(Object.values(SAMPLE_TOPICS).every((topic) => matches('$aws/events/#', topic))).toBe(true);
  });

  it('names an UpdateEventConfigurations key for every family but presence, subscriptions and the catch-all', () => {
    const keys = Object.fromEntries(LIFECYCLE_INPUTS.map((input) => [input.inputName, input.eventConfiguration]));
    expect(keys).toEqual({
      AwsIotPresence: undefined, AwsIotConnectFailure: undefined, AwsIotSubscription: undefined, AwsIotThing: 'THING', AwsIotThingType: 'THING_TYPE',
      AwsIotThingTypeAssociation: 'THING_TYPE_ASSOCIATION', AwsIotThingGroup: 'THING_GROUP', AwsIotThingGroupMembership: 'THING_GROUP_MEMBERSHIP',
      AwsIotThingGroupHierarchy: 'THING_GROUP_HIERARCHY', AwsIotJob: 'JOB', AwsIotJobExecution: 'JOB_EXECUTION', AwsIotCertificate: 'CERTIFICATE',
      AwsIotEvent: undefined,
    });
    expect(Object.values(keys).filter((key) => key !== undefined).every((key) => (EVENT_CONFIGURATION_KEYS as readonly string[]).includes(key as string))).toBe(true);
  });

  it('gives every input its natural key among its attributes, a topic attribute and one-line descriptions', () => {
    for (const input of LIFECYCLE_INPUTS) {
      const names = input.attributes.map((attribute) => attribute.name);
      if (input.key !== undefined) expect(names).toContain(input.key);
      expect(names).toContain('topic');
      expect(new Set(names).size).toBe(names.length);
      expect(input.attributes.every((attribute) => attribute.description.length > 0 && !attribute.description.includes('\n'))).toBe(true);
    }
  });

  it('looks inputs up by name', () => {
    expect(lifecycleInput('AwsIotJob')?.key).toBe('jobId');
    expect(lifecycleInput('constructor')).toBeUndefined();
    expect([isLifecycleInputName('AwsIotThing'), isLifecycleInputName('Pressure')]).toEqual([true, false]);
  });
});

describe('builtInInputs', () => {
  it('returns valid CreateInput bodies, one attribute per normalised field', () => {
    const inputs = builtInInputs();
    expect(inputs.map(validateInput)).toEqual(inputs.map(() => []));
    expect(inputs.find((input) => input.inputName === 'AwsIotPresence')?.inputDefinition.attributes.map((a) => a.jsonPath)).toEqual([
      'clientId', 'eventType', 'timestamp', 'versionNumber', 'sessionIdentifier', 'principalIdentifier', 'ipAddress', 'thingName',
      'clientInitiatedDisconnect', 'disconnectReason', 'topic',
    ]);
  });

  it('lets validateModel accept a model reading lifecycle inputs, nested fields included', () => {
    // Arrange
    const model: CreateDetectorModelRequest = {
      detectorModelName: 'deviceOnline',
      key: 'clientId',
      detectorModelDefinition: {
        initialStateName: 'Offline',
        states: [
          { stateName: 'Offline', onInput: { transitionEvents: [{ eventName: 'up', condition: '$input.AwsIotPresence.eventType == "connected"', nextState: 'Online' }] } },
          {
            stateName: 'Online',
            onInput: {
              events: [{ eventName: 'jobFailed', condition: '$input.AwsIotJobExecution.status == "FAILED" && $input.AwsIotThing.attributes.site == "plant-7"' }],
              transitionEvents: [{ eventName: 'down', condition: '$input.AwsIotPresence.eventType == "disconnected" && $input.AwsIotPresence.timestamp > 0', nextState: 'Offline' }],
            },
          },
        ],
      },
    };
    // Act
    const issues = validateModel(model, { inputs: builtInInputs() });
    // Assert
    expect(issues.filter((issue) => issue.level !== 'INFO')).toEqual([]);
  });

  it('returns a fresh array each time', () => {
    const first = builtInInputs();
    first.pop();
    expect(builtInInputs()).toHaveLength(13);
  });
});

describe('lifecycleInputsMarkdown', () => {
  it('renders the summary and one attribute table per input', () => {
    const markdown = lifecycleInputsMarkdown();
    expect(markdown).toContain('| `AwsIotPresence` | `clientId` | always on | `$aws/events/presence/connected/#`, `$aws/events/presence/disconnected/#` |');
    expect(markdown).toContain('| `AwsIotConnectFailure` | `clientId` | always on | `$aws/events/presence/connect_failed/#` |');
    expect(markdown).toContain('| `AwsIotThing` | `thingName` | THING | `$aws/events/thing/+/+` |');
    expect(markdown).toContain('| `versionNumber` | Integer | connected, disconnected | Per-client connection counter');
    expect(markdown.match(/^#### /gm)).toHaveLength(13);
  });
});
