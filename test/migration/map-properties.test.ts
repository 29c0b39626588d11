import { CFN_PROPERTIES, NOT_IN_CLOUDFORMATION, importTemplate, parseTemplate } from '../../lib/migration';
import { CREATE_ALARM_MODEL_REQUEST, CREATE_DETECTOR_MODEL_REQUEST, CREATE_INPUT_REQUEST, type MemberShape, type StructureShape } from '../../lib/model';

/** Imports a template made of one detector model resource with these properties (YAML lines, indented 4). */
function importModel(properties: string[], type = 'AWS::IoTEvents::DetectorModel') {
  const text = ['Resources:', '  Motor:', `    Type: ${type}`, '    Properties:', ...properties.map((line) => `      ${line}`)].join('\n');
  return importTemplate(parseTemplate(text).root, { stem: 't' });
}

const DEFINITION = [
  'DetectorModelName: m',
  'DetectorModelDefinition:',
  '  InitialStateName: S',
  '  States:',
  '    - StateName: S',
  '      OnInput:',
  '        Events:',
  '          - EventName: e',
  "            Condition: 'currentInput(\"In\")'",
  '            Actions:',
];

describe('mapping CloudFormation properties to API members', () => {
  it('copies payload contents, tag values and expressions as written, never re-cased', () => {
    // Arrange
    const lines = [
      ...DEFINITION,
      '              - Sns:',
      '                  TargetArn: arn:aws:sns:us-east-1:123456789012:T',
      '                  Payload:',
      `                    ContentExpression: "'{\\"MotorId\\": \\"\${$input.In.Id}\\"}'"`,
      '                    Type: JSON',
      '              - SetTimer: { TimerName: Wait, Seconds: 60 }',
      '              - Sqs: { QueueUrl: https://q/Q, UseBase64: "TRUE" }',
      'Tags:',
      '  - { Key: CostCenter, Value: Plant-A }',
    ];
    // Act
    const { files, issues } = importModel(lines);
    // Assert
    expect(issues.filter((issue) => issue.level === 'ERROR')).toEqual([]);
    const body = files[0].body as { detectorModelDefinition: { states: { onInput: { events: { actions: unknown[] }[] } }[] }; tags: unknown };
    expect(body.detectorModelDefinition.states[0].onInput.events[0].actions).toEqual([
      { sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:T', payload: { contentExpression: `'{"MotorId": "\${$input.In.Id}"}'`, type: 'JSON' } } },
      { setTimer: { timerName: 'Wait', seconds: 60 } },
      { sqs: { queueUrl: 'https://q/Q', useBase64: true } },
    ]);
    expect(body.tags).toEqual([{ key: 'CostCenter', value: 'Plant-A' }]);
  });

  it('maps the alarm model capabilities and severity with their primitive types', () => {
    const { files, issues } = importModel([
      'AlarmModelName: a',
      'RoleArn: arn:aws:iam::123456789012:role/alarms',
      'Severity: 3',
      'AlarmRule: { SimpleRule: { InputProperty: $input.In.v, ComparisonOperator: GREATER, Threshold: 70.0 } }',
      'AlarmCapabilities:',
      '  InitializationConfiguration: { DisabledOnInitialization: false }',
      '  AcknowledgeFlow: { Enabled: true }',
    ], 'AWS::IoTEvents::AlarmModel');
    expect(issues.filter((issue) => issue.level === 'ERROR')).toEqual([]);
    expect(files[0].body).toEqual({
      alarmModelName: 'a',
      roleArn: 'arn:aws:iam::123456789012:role/alarms',
      severity: 3,
      alarmRule: { simpleRule: { inputProperty: '$input.In.v', comparisonOperator: 'GREATER', threshold: '70.0' } },
      alarmCapabilities: { initializationConfiguration: { disabledOnInitialization: false }, acknowledgeFlow: { enabled: true } },
    });
  });

  it('names a required property the template left out by its CloudFormation name', () => {
    const { issues } = importModel([
      'AlarmModelName: a',
      'AlarmRule: { SimpleRule: { InputProperty: $input.In.v, ComparisonOperator: GREATER, Threshold: 70 } }',
    ], 'AWS::IoTEvents::AlarmModel');
    expect(issues).toContainEqual(expect.objectContaining({ level: 'ERROR', path: 'Resources.Motor.Properties.RoleArn' }));
  });

  it('refuses a property the specification does not have, suggesting the right one', () => {
    const { issues } = importModel([...DEFINITION, '              - SetVariable: { VariableName: v, Valeu: "1" }']);
    expect(issues).toContainEqual({
      level: 'ERROR',
      path: 'Resources.Motor.Properties.DetectorModelDefinition.States[0].OnInput.Events[0].Actions[0].SetVariable.Valeu',
      message: "CloudFormation has no property 'Valeu' here; did you mean 'Value'?",
    });
  });

  it('refuses an API member name where CloudFormation has its own (no blind re-casing: alarmNotification)', () => {
    const { issues } = importModel(['AlarmModelName: a', 'AlarmNotification: {}'], 'AWS::IoTEvents::AlarmModel');
    expect(issues).toContainEqual(expect.objectContaining({ level: 'ERROR', path: 'Resources.Motor.Properties.AlarmNotification' }));
  });

  it.each([
    ['an integer that is not one', 'SetTimer: { TimerName: t, Seconds: soon }', /SetTimer\.Seconds$/, "expected an integer, found 'soon'"],
    ['a Boolean that is not one', 'Sqs: { QueueUrl: q, UseBase64: maybe }', /Sqs\.UseBase64$/, "expected true or false, found 'maybe'"],
    ['a list where text belongs', 'SetVariable: { VariableName: [a], Value: "1" }', /VariableName$/, 'expected text, found a list'],
  ])('reports %s at its template path', (_what, action, path, message) => {
    const { issues } = importModel([...DEFINITION, `              - ${action}`]);
    expect(issues).toContainEqual({ level: 'ERROR', path: expect.stringMatching(path), message });
  });

  it('reports validation problems of the imported model at their template paths', () => {
    const { issues } = importModel([...DEFINITION.slice(0, -2), '            Condition: "$input.In.v >"']);
    expect(issues).toContainEqual({
      level: 'ERROR',
      path: 'Resources.Motor.Properties.DetectorModelDefinition.States[0].OnInput.Events[0].Condition',
      message: expect.stringMatching(/^unexpected end of the expression/),
    });
  });
});

describe('the CloudFormation specification table', () => {
  /** Every structure shape reachable from the three resources' request shapes. */
  function structures(shape: MemberShape, found = new Map<string, StructureShape>()): Map<string, StructureShape> {
    if (shape.kind === 'list') return structures(shape.member, found);
    if (shape.kind !== 'structure' || found.has(shape.name)) return found;
    found.set(shape.name, shape);
    Object.values(shape.members).forEach((member) => structures(member, found));
    return found;
  }
  const reachable = [CREATE_DETECTOR_MODEL_REQUEST, CREATE_ALARM_MODEL_REQUEST, CREATE_INPUT_REQUEST].reduce((found, shape) => structures(shape, found), new Map<string, StructureShape>());

  it('maps every CloudFormation property to exactly one API member, and names every API member CloudFormation has', () => {
    for (const [name, properties] of Object.entries(CFN_PROPERTIES)) {
      const shape = reachable.get(name);
      expect([name, shape !== undefined]).toEqual([name, true]);
      const members = Object.keys(shape!.members);
      for (const property of Object.keys(properties)) {
        expect([name, property, members.filter((member) => member.toLowerCase() === property.toLowerCase()).length]).toEqual([name, property, 1]);
      }
      const missing = members.filter((member) => !Object.keys(properties).some((property) => property.toLowerCase() === member.toLowerCase()));
      expect([name, missing]).toEqual([name, NOT_IN_CLOUDFORMATION[name] ?? []]);
    }
  });

  it('covers every structure the three resources reach, except those only alarm notifications hold', () => {
    const uncovered = [...reachable.keys()].filter((name) => !Object.hasOwn(CFN_PROPERTIES, name));
    expect(uncovered.sort()).toEqual(['AlarmNotification', 'EmailConfiguration', 'EmailContent', 'EmailRecipients', 'NotificationAction', 'NotificationTargetActions', 'RecipientDetail', 'SMSConfiguration', 'SSOIdentity'].sort());
  });
});
