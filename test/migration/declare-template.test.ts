import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { declaredRuleResources, readDeclaredRules } from '../../lib/declared-rules';
import { declareTemplateRules, migrateTemplateRules, parseTemplate, type IngestTarget } from '../../lib/migration';
import { messagesFromQueueBody } from '../../lib/runtime/rule-message';
import { applyRule, discoverRules, type LocalRule, type RuleMatch } from '../../local/iot-rules';
import { TEMPLATES } from './template-fixtures';

const STACK = { service: 'vigil', stage: 'local' };
const SOURCE = readFileSync(path.join(TEMPLATES, 'rules.template.yaml'), 'utf8');
const resourcesOf = (text: string) => JSON.parse(JSON.stringify(parseTemplate(text).root.Resources));
const declared = () => {
  const result = declareTemplateRules(SOURCE, STACK);
  expect(result.issues.filter((issue) => issue.level === 'ERROR')).toEqual([]);
  return { text: result.text as string, rules: result.rules as string, issues: result.issues };
};
/** The entries as serverless.yml would hold them once pasted under custom.vigil. */
const entriesOf = (rules: string) => (parse(rules) as { rules: unknown[] }).rules;
/** A template of one topic rule whose payload is `payload` (YAML lines under TopicRulePayload). */
const oneRule = (payload: string, more = '') => `Resources:\n  R:\n    Type: AWS::IoT::TopicRule\n    Properties:\n      TopicRulePayload:\n${payload.split('\n').map((line) => `        ${line}`).join('\n')}\n${more}`;

describe('migrate-rules --template --declare', () => {
  it("declares every IotEvents route of the template as a custom.vigil.rules entry, named after its rule", () => {
    // Act
    const { rules } = declared();
    // Assert
    expect(entriesOf(rules)).toEqual([
      { name: 'plant1_motor_telemetry', sql: "SELECT *, topic(2) AS motorid FROM 'factory/+/pressure'", inputName: 'PressureInput', messageId: 'messageId' },
      { name: 'temperature_to_events', sql: "SELECT temperature, topic(2) AS deviceId FROM 'factory/+/temperature' WHERE temperature > -100", inputName: 'TemperatureInput' },
      { name: 'BatchRule', topic: 'factory/batch', inputName: 'PressureInput', batchMode: true },
    ]);
    expect(rules).toContain('# from Resources.MotorTelemetryRule.Properties.TopicRulePayload.Actions[0].IotEvents');
  });

  it('gives a batch rule batchMode: true', () => {
    const batch = entriesOf(declared().rules).find((entry) => (entry as { name: string }).name === 'BatchRule');
    expect(batch).toMatchObject({ batchMode: true });
    expect(batch).not.toHaveProperty('messageId');
  });

  it("keeps the other actions and the SQL they read as they were, takes out the IotEvents actions and every rule left with no action", () => {
    // Act
    const after = resourcesOf(declared().text);
    // Assert
    const before = resourcesOf(SOURCE);
    const original = before.MotorTelemetryRule.Properties.TopicRulePayload;
    expect(after.MotorTelemetryRule.Properties.TopicRulePayload).toEqual({ ...original, Actions: [original.Actions[1]] });
    expect(after.MotorTelemetryRule.Properties.TopicRulePayload.Sql).toBe(original.Sql);
    expect(Object.keys(after)).toEqual(['MotorTelemetryRule', 'ArchiveQueue', 'PressureInput', 'IotEventsRole']);
    for (const id of ['ArchiveQueue', 'PressureInput', 'IotEventsRole']) expect(after[id]).toEqual(before[id]);
    expect(declared().text).toContain('# The archive sees the rule\'s output as it is.');
  });

  it('prints entries that readDeclaredRules, as serverless package and npm start run it, accepts', () => {
    const rules = readDeclaredRules(entriesOf(declared().rules), STACK);
    expect(rules.map((rule) => [rule.name, rule.inputName, rule.topic, rule.messageId, rule.batchMode])).toEqual([
      ['plant1_motor_telemetry', 'PressureInput', 'factory/+/pressure', 'messageId', false],
      ['temperature_to_events', 'TemperatureInput', 'factory/+/temperature', undefined, false],
      ['BatchRule', 'PressureInput', 'factory/batch', undefined, true],
    ]);
  });

  it('warns that a projecting rule now passes the whole payload, and that it runs under another SQL version', () => {
    const { issues } = declared();
    expect(issues).toEqual([
      { level: 'WARNING', path: 'Resources.TemperatureRule.Properties.TopicRulePayload.AwsIotSqlVersion', message: expect.stringMatching(/runs under SQL version 2016-03-23, this rule under 2015-10-08/) },
      { level: 'WARNING', path: 'Resources.TemperatureRule.Properties.TopicRulePayload.Sql', message: expect.stringMatching(/whole payload with the selected columns laid over it/) },
    ]);
  });

  it('takes a rule out of a JSON template too, and names two routes of one rule apart', () => {
    const source = JSON.stringify({ Resources: {
      R: { Type: 'AWS::IoT::TopicRule', Properties: { TopicRulePayload: { Sql: "SELECT * FROM 'a/+'", Actions: [{ IotEvents: { InputName: 'A', RoleArn: 'r' } }, { IotEvents: { InputName: 'B', MessageId: '${topic(2)}-${seq}', RoleArn: 'r' } }] } } },
      Q: { Type: 'AWS::SQS::Queue', Properties: {} },
    } }, null, 2);
    const result = declareTemplateRules(source, STACK);
    expect(JSON.parse(result.text as string)).toEqual({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: {} } } });
    expect(entriesOf(result.rules as string)).toEqual([
      { name: 'R_1', topic: 'a/+', inputName: 'A' },
      { name: 'R_2', topic: 'a/+', inputName: 'B', messageId: "concat(topic(2), '-', seq)" },
    ]);
  });

  it.each([
    ['an input name computed per message', oneRule("Sql: \"SELECT * FROM 'a/+'\"\nActions: [{ IotEvents: { InputName: '${topic(2)}', RoleArn: r } }]"), 'Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents.InputName', /a declared rule names its input/],
    ['an input name only a deployment knows', oneRule("Sql: \"SELECT * FROM 'a'\"\nActions: [{ IotEvents: { InputName: !ImportValue In, RoleArn: r } }]"), 'Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents.InputName', /only known per message or at deploy time/],
    ['a disabled rule', oneRule("Sql: \"SELECT * FROM 'a'\"\nRuleDisabled: true\nActions: [{ IotEvents: { InputName: In, RoleArn: r } }]"), 'Resources.R.Properties.TopicRulePayload.RuleDisabled', /a declared rule is always enabled/],
    ['taking out a rule the template refers to', oneRule("Sql: \"SELECT * FROM 'a'\"\nActions: [{ IotEvents: { InputName: In, RoleArn: r } }]", 'Outputs:\n  Rule:\n    Value: !GetAtt R.Arn\n'), 'Resources.R', /Outputs\.Rule\.Value\.Fn::GetAtt refers to it/],
    ['what the migration refuses (SELECT VALUE)', oneRule("Sql: \"SELECT VALUE x FROM 'a'\"\nActions: [{ IotEvents: { InputName: In, RoleArn: r } }]"), 'Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents', /SELECT VALUE/],
    ['a declaration readDeclaredRules refuses (a lifecycle topic)', oneRule("Sql: \"SELECT * FROM '$aws/events/presence/connected/+'\"\nActions: [{ IotEvents: { InputName: In, RoleArn: r } }]"), 'Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents', /its declared rule would be refused: custom\.vigil\.rules\[0\]\.topic: .*lifecycle topics/],
  ])('refuses %s with its template path, and writes nothing', (_what, source, at, message) => {
    const result = declareTemplateRules(source, STACK);
    expect(result.text).toBeUndefined();
    expect(result.rules).toBeUndefined();
    expect(result.issues).toContainEqual({ level: 'ERROR', path: at, message: expect.stringMatching(message) });
  });
});

describe('the declared rules under the local IoT rule emulator', () => {
  const TARGET: IngestTarget = {
    queueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/vigil-local-ingest',
    errorQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/vigil-local-ingest-dlq',
    roleArn: 'arn:aws:iam::000000000000:role/vigil-local-IotRuleRole',
  };
  const emulate = (resources: Record<string, unknown>) => discoverRules({ service: 'vigil', provider: { stage: 'local', region: 'us-east-1' }, functions: {}, resources: { Resources: resources } });
  const queue = (name: string) => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: name } });
  /** What `npm start` runs from the pasted entries: declared-rules' generator beside Vigil's queues. */
  const generated = () => emulate({ IngestQueue: queue('vigil-local-ingest'), IngestDeadLetterQueue: queue('vigil-local-ingest-dlq'), ...declaredRuleResources(entriesOf(declared().rules), STACK) });
  /** The rules of the ordinary migration (Vigil SQS rules written into the template). */
  const migrated = () => emulate(resourcesOf(migrateTemplateRules(SOURCE, TARGET).text as string));
  const byName = (all: LocalRule[], name: string) => all.find((rule) => rule.ruleName === name) as LocalRule;
  /** What ingestion reads from what the rule sends to the ingest queue, as SQS message `sqsId`. */
  const ingested = (rule: LocalRule, topic: string, payload: string, sqsId: string) => {
    const match = applyRule(rule, { topic, payload: Buffer.from(payload), receivedAt: 1_767_225_600_000 }, { newUuid: () => 'uuid-1' }) as RuleMatch;
    return messagesFromQueueBody(match.body.toString(), sqsId, 'telemetry');
  };

  it('sends the ingest queue of the stack, through the ingest DLQ as error action', () => {
    const rule = byName(generated(), 'vigil_local_plant1_motor_telemetry');
    expect(rule).toMatchObject({ actions: [{ type: 'sqs', queueName: 'vigil-local-ingest', useBase64: false }], errorAction: { type: 'sqs', queueName: 'vigil-local-ingest-dlq' } });
  });

  it('gives ingestion the message the ordinary migration gives, input and message id included', () => {
    // Arrange
    const payload = '{"messageId": "m-1", "motorid": "spoofed", "sensorData": {"pressure": 80.0}}';
    const topic = 'factory/M-7/pressure';
    // Act
    const fromDeclared = ingested(byName(generated(), 'vigil_local_plant1_motor_telemetry'), topic, payload, 'sqs-1');
    const fromMigrated = ingested(byName(migrated(), 'plant1_motor_telemetry_vigil'), topic, payload, 'sqs-1');
    // Assert
    expect(fromDeclared).toEqual(fromMigrated);
    expect(fromDeclared).toMatchObject([{ inputName: 'PressureInput', messageId: 'm-1', parsed: { motorid: 'M-7' } }]);
  });

  it('gives ingestion the same messages for a batch, one per element', () => {
    const batch = '[{"motorid": "a", "sensorData": {"pressure": 1}}, {"motorid": "b", "sensorData": {"pressure": 2.50}}]';
    const fromDeclared = ingested(byName(generated(), 'vigil_local_BatchRule'), 'factory/batch', batch, 'sqs-3');
    const fromMigrated = ingested(byName(migrated(), 'BatchRule'), 'factory/batch', batch, 'sqs-3');
    expect(fromDeclared).toEqual(fromMigrated);
    expect(fromDeclared.map((message) => 'messageId' in message && message.messageId)).toEqual(['sqs-3_0', 'sqs-3_1']);
  });

  it("gives a projecting rule's input the projected values, with the payload's other fields beside them (the warning's difference)", () => {
    const payload = '{"temperature": 41.50, "secret": 1}';
    const [fromDeclared] = ingested(byName(generated(), 'vigil_local_temperature_to_events'), 'factory/D-1/temperature', payload, 'sqs-2');
    const [fromMigrated] = ingested(byName(migrated(), 'temperature_to_events'), 'factory/D-1/temperature', payload, 'sqs-2');
    expect(fromMigrated).toMatchObject({ inputName: 'TemperatureInput', messageId: 'sqs-2', parsed: { temperature: 41.5, deviceId: 'D-1' } });
    expect(fromDeclared).toMatchObject({ inputName: 'TemperatureInput', messageId: 'sqs-2', parsed: { deviceId: 'D-1', secret: 1n } });
    expect(Number((fromDeclared as unknown as { parsed: { temperature: unknown } }).parsed.temperature)).toBe(41.5);
    const filtered = applyRule(byName(generated(), 'vigil_local_temperature_to_events'), { topic: 'factory/D-1/temperature', payload: Buffer.from('{"temperature": -200}'), receivedAt: 1_767_225_600_000 });
    expect(filtered).toMatchObject({ matched: false });
  });
});
