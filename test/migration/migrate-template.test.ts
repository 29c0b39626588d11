import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { CFN_YAML_TAGS, migrateTemplateRules, parseTemplate, type IngestTarget } from '../../lib/migration';
import { messagesFromQueueBody } from '../../lib/runtime/rule-message';
import { applyRule, compileRule, discoverRules, type LocalRule, type RuleMatch } from '../../local/iot-rules';
import { TEMPLATES } from './template-fixtures';

const TARGET: IngestTarget = {
  queueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/vigil-local-ingest',
  errorQueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/vigil-local-ingest-dlq',
  roleArn: 'arn:aws:iam::000000000000:role/vigil-local-IotRuleRole',
};
const SOURCE = readFileSync(path.join(TEMPLATES, 'rules.template.yaml'), 'utf8');
const migrated = () => {
  const result = migrateTemplateRules(SOURCE, TARGET);
  expect(result.issues).toEqual([]);
  return result.text as string;
};
/** The template's resources as plain JSON, intrinsics in their long form. */
const resourcesOf = (text: string) => JSON.parse(JSON.stringify(parseTemplate(text).root.Resources));

describe('migrate-rules --template', () => {
  it('moves an IotEvents action beside other actions to a companion rule, leaving the rule its SQL and other actions', () => {
    // Act
    const after = resourcesOf(migrated());
    // Assert
    const before = resourcesOf(SOURCE);
    const original = before.MotorTelemetryRule.Properties.TopicRulePayload;
    expect(after.MotorTelemetryRule.Properties.TopicRulePayload).toEqual({ ...original, Actions: [original.Actions[1]] });
    expect(after.MotorTelemetryRuleVigil).toEqual({
      Type: 'AWS::IoT::TopicRule',
      Properties: {
        RuleName: 'plant1_motor_telemetry_vigil',
        TopicRulePayload: {
          Sql: "SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName, messageId AS vigilMessageId, topic(2) AS motorid FROM 'factory/+/pressure'",
          AwsIotSqlVersion: '2016-03-23',
          RuleDisabled: 'false',
          Actions: [{ Sqs: { QueueUrl: TARGET.queueUrl, RoleArn: TARGET.roleArn, UseBase64: 'false' } }],
          ErrorAction: { Sqs: { QueueUrl: TARGET.errorQueueUrl, RoleArn: TARGET.roleArn, UseBase64: 'false' } },
        },
      },
    });
  });

  it("rewrites a rule that only fed IoT Events in place, and a batch rule with Vigil's batch column", () => {
    const after = resourcesOf(migrated());
    expect(after.TemperatureRule.Properties.TopicRulePayload.Sql).toBe("SELECT temperature, topic(2) AS deviceId, 'TemperatureInput' AS vigilInputName FROM 'factory/+/temperature' WHERE temperature > -100");
    expect(after.TemperatureRule.Properties.RuleName).toBe('temperature_to_events');
    expect(after.BatchRule.Properties.TopicRulePayload.Sql).toBe("SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName, true AS vigilBatchMode FROM 'factory/batch'");
    expect(after.BatchRule.Properties.TopicRulePayload.Actions).toEqual([{ Sqs: { QueueUrl: TARGET.queueUrl, RoleArn: TARGET.roleArn, UseBase64: 'false' } }]);
  });

  it('leaves every other resource as it was, keeps the comments and puts the companion right after its rule', () => {
    const text = migrated();
    const [before, after] = [resourcesOf(SOURCE), resourcesOf(text)];
    for (const id of ['ArchiveQueue', 'PressureInput', 'IotEventsRole']) expect(after[id]).toEqual(before[id]);
    expect(Object.keys(after)).toEqual(['MotorTelemetryRule', 'MotorTelemetryRuleVigil', 'TemperatureRule', 'BatchRule', 'ArchiveQueue', 'PressureInput', 'IotEventsRole']);
    for (const comment of SOURCE.split('\n').filter((line) => line.trim().startsWith('#'))) expect(text).toContain(comment.trim());
    expect(text).toContain('RoleArn: !GetAtt IotEventsRole.Arn');
    expect(parseDocument(text, { customTags: [...CFN_YAML_TAGS] }).errors).toEqual([]);
  });

  it('writes a JSON template back as JSON, numbers as written, an input only CloudFormation knows joined into the SQL', () => {
    // Arrange
    const source = JSON.stringify({
      Parameters: { Input: { Type: 'String', Default: 'In' } },
      Resources: {
        Rule: { Type: 'AWS::IoT::TopicRule', Properties: { RuleName: { 'Fn::Sub': '${AWS::StackName}_r' }, TopicRulePayload: { Sql: "SELECT * FROM 'a'", Actions: [{ IotEvents: { InputName: { Ref: 'Input' }, RoleArn: 'r' } }, { Lambda: { FunctionArn: 'f' } }] } } },
        Table: { Type: 'AWS::DynamoDB::Table', Properties: { ProvisionedThroughput: { ReadCapacityUnits: 1.50 } } },
      },
    }, null, 4).replace('1.5', '1.50');
    // Act
    const { text, issues } = migrateTemplateRules(source, TARGET);
    // Assert
    expect(issues).toEqual([]);
    expect(text).toContain('"ReadCapacityUnits": 1.50');
    expect(text).toMatch(/^\{\n {4}"Parameters"/);
    const after = JSON.parse(text as string);
    expect(after.Resources.RuleVigil.Properties.RuleName).toEqual({ 'Fn::Join': ['', [{ 'Fn::Sub': '${AWS::StackName}_r' }, '_vigil']] });
    expect(after.Resources.RuleVigil.Properties.TopicRulePayload.Sql).toEqual({
      'Fn::Join': ['', ["SELECT encode(*, 'base64') AS vigilRaw, '", { Ref: 'Input' }, "' AS vigilInputName FROM 'a'"]],
    });
    expect(after.Resources.Rule.Properties.TopicRulePayload.Actions).toEqual([{ Lambda: { FunctionArn: 'f' } }]);
  });

  it("runs a rule that reads the payload's bytes under SQL version 2016-03-23, which encode() needs, with a warning when that may change a result", () => {
    const source = "Resources:\n  R:\n    Type: AWS::IoT::TopicRule\n    Properties:\n      TopicRulePayload:\n        Sql: \"SELECT * FROM 'a' WHERE x > 1\"\n        Actions: [{ IotEvents: { InputName: In, RoleArn: r } }]\n";
    const { text, issues } = migrateTemplateRules(source, TARGET);
    expect(resourcesOf(text as string).R.Properties.TopicRulePayload.AwsIotSqlVersion).toBe('2016-03-23');
    expect(issues).toEqual([{ level: 'WARNING', path: 'Resources.R.Properties.TopicRulePayload.AwsIotSqlVersion', message: expect.stringMatching(/runs under SQL version 2016-03-23 .* this rule under 2015-10-08 \(the default\): check that its WHERE clause/) }]);
    expect(resourcesOf(migrated()).BatchRule.Properties.TopicRulePayload.AwsIotSqlVersion).toBe('2016-03-23');
  });

  it.each([
    ['an SQL that is an intrinsic', "Sql: !Sub \"SELECT * FROM '${T}'\"", 'Resources.R.Properties.TopicRulePayload.Sql', /the SQL is an intrinsic function/],
    ['SELECT VALUE', "Sql: \"SELECT VALUE x FROM 'a'\"", 'Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents', /SELECT VALUE/],
  ])('refuses %s with its template path, and writes nothing', (_what, sql, path, message) => {
    const source = `Resources:\n  R:\n    Type: AWS::IoT::TopicRule\n    Properties:\n      TopicRulePayload:\n        ${sql}\n        Actions:\n          - IotEvents: { InputName: In, RoleArn: r }\n`;
    const result = migrateTemplateRules(source, TARGET);
    expect(result.text).toBeUndefined();
    expect(result.issues).toContainEqual({ level: 'ERROR', path, message: expect.stringMatching(message) });
  });
});

describe('the migrated rules under the local IoT rule emulator', () => {
  const rules = (text: string) => discoverRules({ service: 'vigil', provider: { stage: 'local', region: 'us-east-1' }, functions: {}, resources: { Resources: resourcesOf(text) } });
  const run = (rule: LocalRule, topic: string, payload: string) => applyRule(rule, { topic, payload: Buffer.from(payload), receivedAt: 1_767_225_600_000 }, { newUuid: () => 'uuid-1' }) as RuleMatch;
  const original = (sql: string) => compileRule({ ruleName: 'original', sql, sqlVersion: '2016-03-23', actions: [], source: 'test' });
  const byName = (all: LocalRule[], name: string) => all.find((rule) => rule.ruleName === name) as LocalRule;

  it('gives the archive the bytes it had, and Vigil the message IoT Events had, with its input and message id', () => {
    // Arrange
    const all = rules(migrated());
    const payload = '{"messageId": "m-1", "motorid": "spoofed", "sensorData": {"pressure": 80.0}}';
    const topic = 'factory/M-7/pressure';
    // Act
    const before = run(original("SELECT *, topic(2) AS motorid FROM 'factory/+/pressure'"), topic, payload);
    const archive = run(byName(all, 'plant1_motor_telemetry'), topic, payload);
    const vigil = run(byName(all, 'plant1_motor_telemetry_vigil'), topic, payload);
    const [message, ...more] = messagesFromQueueBody(vigil.body.toString(), 'sqs-1', 'telemetry');
    // Assert
    expect(byName(all, 'plant1_motor_telemetry').actions).toEqual([{ type: 'sqs', queueName: 'factory-archive', useBase64: false }]);
    expect(archive.body.equals(before.body)).toBe(true);
    expect(byName(all, 'plant1_motor_telemetry_vigil').actions).toEqual([{ type: 'sqs', queueName: 'vigil-local-ingest', useBase64: false }]);
    expect(message).toMatchObject({ inputName: 'PressureInput', messageId: 'm-1', payload: before.body.toString() });
    expect(more).toEqual([]);
  });

  it('gives Vigil exactly the projection a projecting rule sent', () => {
    const all = rules(migrated());
    const payload = '{"temperature": 41.50, "secret": 1}';
    const before = run(original("SELECT temperature, topic(2) AS deviceId FROM 'factory/+/temperature' WHERE temperature > -100"), 'factory/D-1/temperature', payload);
    const vigil = run(byName(all, 'temperature_to_events'), 'factory/D-1/temperature', payload);
    const [message, ...more] = messagesFromQueueBody(vigil.body.toString(), 'sqs-2', 'telemetry');
    expect(before.body.toString()).toBe('{"temperature":41.5,"deviceId":"D-1"}');
    expect(message).toMatchObject({ inputName: 'TemperatureInput', messageId: 'sqs-2', payload: before.body.toString() });
    expect(more).toEqual([]);
  });

  it('marks a batch with vigilBatchMode and carries the array as it was published: ingestion reads one message per element', () => {
    const all = rules(migrated());
    const batch = '[{"motorid": "a", "sensorData": {"pressure": 1}}, {"motorid": "b", "sensorData": {"pressure": 2}}]';
    const delivered = run(byName(all, 'BatchRule'), 'factory/batch', batch);
    const output = delivered.output;
    const messages = messagesFromQueueBody(delivered.body.toString(), 'sqs-3', 'telemetry');
    expect(output).toMatchObject({ vigilInputName: 'PressureInput', vigilBatchMode: true });
    expect(Buffer.from(output.vigilRaw as string, 'base64').toString()).toBe(batch);
    expect(messages).toMatchObject([
      { inputName: 'PressureInput', messageId: 'sqs-3_0', parsed: { motorid: 'a' } },
      { inputName: 'PressureInput', messageId: 'sqs-3_1', parsed: { motorid: 'b' } },
    ]);
  });
});
