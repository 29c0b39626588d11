import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CreateTopicRuleCommand, GetTopicRuleCommand, IoTClient, ListTopicRulesCommand, ReplaceTopicRuleCommand, type TopicRule } from '@aws-sdk/client-iot';
import { mockClient } from 'aws-sdk-client-mock';
import { runCli } from '../helpers/cli';
import { TEMPLATES } from '../migration/template-fixtures';
import { tempFiles } from './temp-files';

const QUEUE = 'https://sqs.eu-west-1.amazonaws.com/123456789012/vigil-prod-ingest';
const DLQ = 'https://sqs.eu-west-1.amazonaws.com/123456789012/vigil-prod-ingest-dlq';
const ROLE = 'arn:aws:iam::123456789012:role/vigil-prod-IotRuleRole-ABC';
const TARGET = ['--queue-url', QUEUE, '--error-queue-url', DLQ, '--role-arn', ROLE];
const iot = mockClient(IoTClient);
const cloudformation = mockClient(CloudFormationClient);
const toVigil = { sqs: { queueUrl: QUEUE, roleArn: ROLE, useBase64: false } };
const toDlq = { sqs: { queueUrl: DLQ, roleArn: ROLE, useBase64: false } };

/** The account's rules: one that also archives, one that only fed IoT Events, one that never did. */
const RULES: Record<string, TopicRule> = {
  motor_telemetry: {
    ruleName: 'motor_telemetry',
    sql: "SELECT *, topic(2) AS motorid FROM 'factory/+/pressure'",
    awsIotSqlVersion: '2016-03-23',
    ruleDisabled: false,
    actions: [
      { iotEvents: { inputName: 'PressureInput', messageId: '${messageId}', roleArn: 'arn:aws:iam::123456789012:role/old' } },
      { lambda: { functionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:archive' } },
    ],
  },
  temperature: {
    ruleName: 'temperature',
    sql: "SELECT temperature, topic(2) AS deviceId FROM 'factory/+/temperature'",
    actions: [{ iotEvents: { inputName: 'TemperatureInput', roleArn: 'arn:aws:iam::123456789012:role/old' } }],
  },
  unrelated: { ruleName: 'unrelated', sql: "SELECT * FROM 'x'", actions: [{ lambda: { functionArn: 'f' } }] },
};

function account(rules: Record<string, TopicRule>) {
  const names = Object.keys(rules);
  iot.on(ListTopicRulesCommand, { nextToken: undefined }).resolves({ rules: names.slice(0, 2).map((ruleName) => ({ ruleName })), nextToken: 'page-2' });
  iot.on(ListTopicRulesCommand, { nextToken: 'page-2' }).resolves({ rules: names.slice(2).map((ruleName) => ({ ruleName })) });
  for (const [ruleName, rule] of Object.entries(rules)) iot.on(GetTopicRuleCommand, { ruleName }).resolves({ rule, ruleArn: `arn:aws:iot:eu-west-1:123456789012:rule/${ruleName}` });
}

beforeEach(() => {
  iot.reset();
  cloudformation.reset();
});

describe('vigil migrate-rules --region (the live account)', () => {
  it('prints the plan as a diff per rule and changes nothing without --apply', async () => {
    // Arrange
    account(RULES);
    // Act
    const result = await runCli('migrate-rules', '--region', 'eu-west-1', ...TARGET);
    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')).toEqual([
      'create rule motor_telemetry_vigil:',
      `  + sql: SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName, messageId AS vigilMessageId, topic(2) AS motorid FROM 'factory/+/pressure'`,
      '  + awsIotSqlVersion: 2016-03-23',
      '  + ruleDisabled: false',
      '  + description: Vigil ingestion, migrated from the iotEvents action of rule motor_telemetry',
      `  + action: ${JSON.stringify(toVigil)}`,
      `  + errorAction: ${JSON.stringify(toDlq)}`,
      'replace rule motor_telemetry:',
      `    sql: SELECT *, topic(2) AS motorid FROM 'factory/+/pressure'`,
      '    awsIotSqlVersion: 2016-03-23',
      '    ruleDisabled: false',
      `  - action: ${JSON.stringify(RULES.motor_telemetry.actions![0])}`,
      `    action: ${JSON.stringify(RULES.motor_telemetry.actions![1])}`,
      'replace rule temperature:',
      `  - sql: SELECT temperature, topic(2) AS deviceId FROM 'factory/+/temperature'`,
      `  - action: ${JSON.stringify(RULES.temperature.actions![0])}`,
      `  + sql: SELECT temperature, topic(2) AS deviceId, 'TemperatureInput' AS vigilInputName FROM 'factory/+/temperature'`,
      '  + ruleDisabled: false',
      `  + action: ${JSON.stringify(toVigil)}`,
      `  + errorAction: ${JSON.stringify(toDlq)}`,
    ]);
    expect(result.stderr).toContain('dry run: nothing changed; --apply carries this out');
    expect(iot).toHaveReceivedCommandTimes(GetTopicRuleCommand, 3);
    expect(iot).not.toHaveReceivedCommand(CreateTopicRuleCommand);
    expect(iot).not.toHaveReceivedCommand(ReplaceTopicRuleCommand);
  });

  it('with --apply creates each companion rule before it replaces the rule, and reads the target from the stack outputs', async () => {
    // Arrange
    account(RULES);
    cloudformation.on(DescribeStacksCommand, { StackName: 'vigil-prod' }).resolves({
      Stacks: [{ StackName: 'vigil-prod', CreationTime: new Date(0), StackStatus: 'UPDATE_COMPLETE', Outputs: [
        { OutputKey: 'IngestQueueUrl', OutputValue: QUEUE }, { OutputKey: 'IngestErrorQueueUrl', OutputValue: DLQ }, { OutputKey: 'IotRuleRoleArn', OutputValue: ROLE },
      ] }],
    });
    // Act
    const result = await runCli('migrate-rules', '--region', 'eu-west-1', '--stage', 'prod', '--apply');
    // Assert
    expect(result.code).toBe(0);
    const writes = iot.calls().map((call) => call.args[0]).filter((command) => command instanceof CreateTopicRuleCommand || command instanceof ReplaceTopicRuleCommand);
    expect(writes.map((command) => [command.constructor.name, (command.input as { ruleName: string }).ruleName])).toEqual([
      ['CreateTopicRuleCommand', 'motor_telemetry_vigil'],
      ['ReplaceTopicRuleCommand', 'motor_telemetry'],
      ['ReplaceTopicRuleCommand', 'temperature'],
    ]);
    expect(iot).toHaveReceivedCommandWith(ReplaceTopicRuleCommand, {
      ruleName: 'motor_telemetry',
      topicRulePayload: { sql: RULES.motor_telemetry.sql, awsIotSqlVersion: '2016-03-23', ruleDisabled: false, actions: [RULES.motor_telemetry.actions![1]] },
    });
    expect(iot).toHaveReceivedCommandWith(ReplaceTopicRuleCommand, {
      ruleName: 'temperature',
      topicRulePayload: { sql: "SELECT temperature, topic(2) AS deviceId, 'TemperatureInput' AS vigilInputName FROM 'factory/+/temperature'", ruleDisabled: false, actions: [toVigil], errorAction: toDlq },
    });
  });

  it('applies nothing when a rule cannot be migrated, and says which and why', async () => {
    account({ ...RULES, shadow: { ruleName: 'shadow', sql: "SELECT VALUE state FROM 'x'", actions: [{ iotEvents: { inputName: 'In', roleArn: 'r' } }] } });
    const result = await runCli('migrate-rules', '--region', 'eu-west-1', ...TARGET, '--apply');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('rule shadow: cannot be migrated: SELECT VALUE gives a bare value');
    expect(result.stderr).toContain('nothing applied');
    expect(iot).not.toHaveReceivedCommand(CreateTopicRuleCommand);
    expect(iot).not.toHaveReceivedCommand(ReplaceTopicRuleCommand);
  });

  it('stops at the first failed call and says what was and was not migrated', async () => {
    account(RULES);
    iot.on(ReplaceTopicRuleCommand, { ruleName: 'motor_telemetry' }).rejects(Object.assign(new Error('not allowed'), { name: 'UnauthorizedException' }));
    const result = await runCli('migrate-rules', '--region', 'eu-west-1', ...TARGET, '--apply');
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('created rule motor_telemetry_vigil');
    expect(result.stderr).toContain('rule motor_telemetry: UnauthorizedException: not allowed; the rules before it were migrated, it and those after it were not');
    expect(iot).not.toHaveReceivedCommandWith(ReplaceTopicRuleCommand, { ruleName: 'temperature' });
  });

  it('refuses a stack that lacks the outputs, naming them', async () => {
    cloudformation.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'vigil-old', CreationTime: new Date(0), StackStatus: 'UPDATE_COMPLETE', Outputs: [] }] });
    const result = await runCli('migrate-rules', '--region', 'eu-west-1', '--stage', 'old');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stack vigil-old has no output IngestQueueUrl, IngestErrorQueueUrl, IotRuleRoleArn');
  });
});

describe('vigil migrate-rules --template', () => {
  it('writes the rewritten template to --out, or to stdout', async () => {
    const file = tempFiles();
    const out = file('migrated.yaml', '');
    const written = await runCli('migrate-rules', '--template', path.join(TEMPLATES, 'rules.template.yaml'), '--out', out, ...TARGET);
    const printed = await runCli('migrate-rules', '--template', path.join(TEMPLATES, 'rules.template.yaml'), ...TARGET);
    expect(written.code).toBe(0);
    expect(written.stderr).toContain('Resources.MotorTelemetryRule: IotEvents action(s) moved to MotorTelemetryRuleVigil; input PressureInput');
    expect(written.stderr).toContain('Resources.TemperatureRule: rewritten in place; input TemperatureInput');
    expect(readFileSync(out, 'utf8')).toContain(`QueueUrl: ${QUEUE}`);
    expect(`${printed.stdout}\n`).toBe(readFileSync(out, 'utf8'));
  });

  it('writes nothing when a rule cannot be migrated', async () => {
    const file = tempFiles();
    const template = file('bad.yaml', "Resources:\n  R:\n    Type: AWS::IoT::TopicRule\n    Properties:\n      TopicRulePayload:\n        Sql: \"SELECT VALUE x FROM 'a'\"\n        Actions: [{ IotEvents: { InputName: In, RoleArn: r } }]\n");
    const result = await runCli('migrate-rules', '--template', template, '--out', `${template}.out`, ...TARGET);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents: SELECT VALUE');
    expect(() => readFileSync(`${template}.out`)).toThrow();
  });
});

describe('vigil migrate-rules --template --declare', () => {
  const FIXTURE = path.join(TEMPLATES, 'rules.template.yaml');

  it('writes the template to --out and the custom.vigil.rules entries to --declare-out, needing no ingest target', async () => {
    // Arrange
    const file = tempFiles();
    const [out, rules] = [file('declared.yaml', ''), file('rules.yml', '')];
    // Act
    const result = await runCli('migrate-rules', '--template', FIXTURE, '--declare', '--out', out, '--declare-out', rules);
    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Resources.MotorTelemetryRule: IotEvents action(s) taken out; declared: input PressureInput');
    expect(result.stderr).toContain('Resources.BatchRule: taken out (it had no other action); declared: input PressureInput');
    expect(result.stderr).toContain('warning: ');
    expect(readFileSync(out, 'utf8')).not.toMatch(/IotEvents:/);
    expect(readFileSync(rules, 'utf8')).toMatch(/^# custom\.vigil\.rules from the IotEvents actions of .*\nrules:\n/);
    expect(readFileSync(rules, 'utf8')).toContain('  - name: BatchRule\n    topic: factory/batch\n    inputName: PressureInput\n    batchMode: true\n');
  });

  it('prints the entries when the template goes to --out', async () => {
    const out = tempFiles()('declared.yaml', '');
    const result = await runCli('migrate-rules', '--template', FIXTURE, '--declare', '--out', out, '--stage', 'prod');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  - name: plant1_motor_telemetry\n    sql: "SELECT *, topic(2) AS motorid FROM \'factory/+/pressure\'"\n    inputName: PressureInput\n    messageId: messageId');
  });

  it.each([
    ['neither --out nor --declare-out', ['--declare'], /stdout holds one of them/],
    ['an ingest target', ['--declare', '--out', 'x.yaml', '--queue-url', QUEUE], /--declare needs no ingest target .*drop --queue-url/],
    ['--declare-out without --declare', ['--declare-out', 'r.yml', ...TARGET], /--declare-out goes with --declare/],
  ])('refuses %s as a usage error', async (_what, args, message) => {
    const result = await runCli('migrate-rules', '--template', FIXTURE, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('writes neither file when a route cannot be declared', async () => {
    const file = tempFiles();
    const template = file('dynamic.yaml', "Resources:\n  R:\n    Type: AWS::IoT::TopicRule\n    Properties:\n      TopicRulePayload:\n        Sql: \"SELECT * FROM 'a/+'\"\n        Actions: [{ IotEvents: { InputName: '${topic(2)}', RoleArn: r } }]\n");
    const result = await runCli('migrate-rules', '--template', template, '--declare', '--out', `${template}.out`, '--declare-out', `${template}.rules`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Resources.R.Properties.TopicRulePayload.Actions[0].IotEvents.InputName: a declared rule names its input');
    expect(() => readFileSync(`${template}.out`)).toThrow();
    expect(() => readFileSync(`${template}.rules`)).toThrow();
  });
});
