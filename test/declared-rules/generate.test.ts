import { declaredRuleResources, declaredRuleSql, readDeclaredRules } from '../../lib/declared-rules';
import { messagesFromQueueBody } from '../../lib/runtime/rule-message';
import { IotRuleConfigError, applyRule, discoverRules, type RuleMessage } from '../../local/iot-rules';

const STACK = { service: 'vigil', stage: 'dev' };
const sqlOf = (declaration: Record<string, unknown>) => declaredRuleSql(readDeclaredRules([declaration], STACK)[0]);

/** The rules the local emulator compiles from `declared`, as the local stack loads them from `serverless print`. */
function emulated(declared: unknown[]) {
  const queue = (name: string) => ({ Type: 'AWS::SQS::Queue', Properties: { QueueName: name } });
  const resources = { IngestQueue: queue('vigil-dev-ingest'), IngestDeadLetterQueue: queue('vigil-dev-ingest-dlq'), ...declaredRuleResources(declared, STACK) };
  return discoverRules({ service: 'vigil', provider: { stage: 'dev', region: 'us-east-1' }, functions: {}, resources: { Resources: resources } });
}

const message = (topic: string, payload: unknown): RuleMessage => ({ topic, payload: Buffer.from(JSON.stringify(payload)), receivedAt: 1_767_225_600_000, traceId: 't' });

describe('declared rule generation', () => {
  it('makes a topic the ingest-queue rule Vigil writes by hand: SQS action, IotRuleRole, the ingest DLQ as error action', () => {
    // Act
    const resources = declaredRuleResources([{ name: 'pressure_queue', topic: 'vigil/queue/+/pressure', inputName: 'PressureInput' }], STACK);

    // Assert
    const sqs = (queue: string) => ({ Sqs: { QueueUrl: { Ref: queue }, RoleArn: { 'Fn::GetAtt': ['IotRuleRole', 'Arn'] }, UseBase64: false } });
    expect(resources).toEqual({
      VigilRulePressureQueue: {
        Type: 'AWS::IoT::TopicRule',
        Metadata: { VigilDeclaredRule: 'custom.vigil.rules[0]' },
        Properties: {
          RuleName: 'vigil_dev_pressure_queue',
          TopicRulePayload: {
            Description: 'Vigil: vigil/queue/+/pressure to input PressureInput (serverless.yml custom.vigil.rules[0])',
            Sql: "SELECT encode(*, 'base64') AS vigilRaw, 'PressureInput' AS vigilInputName FROM 'vigil/queue/+/pressure'",
            AwsIotSqlVersion: '2016-03-23',
            RuleDisabled: false,
            Actions: [sqs('IngestQueue')],
            ErrorAction: sqs('IngestDeadLetterQueue'),
          },
        },
      },
    });
  });

  it('adds the message id expression and the batch flag beside the input, before the declaration’s own items', () => {
    expect(sqlOf({ topic: 't/+', inputName: 'In', messageId: "concat(topic(2), '-', seq)" })).toBe(
      "SELECT encode(*, 'base64') AS vigilRaw, 'In' AS vigilInputName, concat(topic(2), '-', seq) AS vigilMessageId FROM 't/+'",
    );
    expect(sqlOf({ sql: "SELECT topic(2) AS id FROM 't/+'", inputName: 'In', batchMode: true })).toBe(
      "SELECT encode(*, 'base64') AS vigilRaw, 'In' AS vigilInputName, true AS vigilBatchMode, topic(2) AS id FROM 't/+'",
    );
  });

  it('keeps a declared statement’s SET, items, quotes and WHERE as written, and leaves out * (vigilRaw carries the payload)', () => {
    expect(sqlOf({ sql: "SET @limit = 10 SELECT *, topic(3) AS motorid, 'a, b FROM c' AS note, (SELECT v FROM readings) AS r FROM \"plant/+/+\" WHERE t > @limit", inputName: 'In' })).toBe(
      "SET @limit = 10 SELECT encode(*, 'base64') AS vigilRaw, 'In' AS vigilInputName, topic(3) AS motorid, 'a, b FROM c' AS note, (SELECT v FROM readings) AS r FROM 'plant/+/+' WHERE t > @limit",
    );
  });

  it('stays within what the ingest tests of the template expect of a device topic rule: Vigil’s fields first, no SELECT *', () => {
    // Arrange
    const sql = sqlOf({ sql: "SELECT * FROM 'a/b'", inputName: 'In' });

    // Assert
    expect(sql).toMatch(/^SELECT encode\(\*, 'base64'\) AS vigilRaw, 'In' AS vigilInputName\b/);
    expect(sql).not.toMatch(/SELECT \*/);
  });

  it('compiles on the local rule emulator, which reports an SQL error at the declaration', () => {
    // Act
    const rules = emulated([{ topic: 'a/+', inputName: 'In' }, { name: 'second', sql: "SELECT topic(2) AS id FROM 'b/+' WHERE n > 1", inputName: 'In', messageId: 'seq' }]);
    const broken = () => emulated([{ topic: 'ok', inputName: 'In' }, { topic: 'c', inputName: 'In', messageId: 'nosuchfunction(x)' }]);

    // Assert
    expect(rules.map((rule) => [rule.ruleName, rule.source])).toEqual([
      ['vigil_dev_In_a_any', 'custom.vigil.rules[0]'],
      ['vigil_dev_second', 'custom.vigil.rules[1]'],
    ]);
    expect(rules[1]).toMatchObject({ actions: [{ type: 'sqs', queueName: 'vigil-dev-ingest', useBase64: false }], errorAction: { type: 'sqs', queueName: 'vigil-dev-ingest-dlq' } });
    expect(broken).toThrow(IotRuleConfigError);
    expect(broken).toThrow(/unknown SQL function 'nosuchfunction' .*\(declared in custom\.vigil\.rules\[1\]\)/);
  });

  it('routes a device message through the emulated rule to its input, with the key from the topic and the id from the payload', () => {
    // Arrange
    const [rule] = emulated([{ sql: "SELECT topic(2) AS motorid FROM 'motors/+/pressure'", inputName: 'PressureInput', messageId: 'seq' }]);

    // Act
    const outcome = applyRule(rule, message('motors/M-7/pressure', { motorid: 'forged', seq: 41, sensorData: { pressure: 20.5 } }));
    const reads = outcome.matched ? messagesFromQueueBody(outcome.body.toString('utf8'), 'sqs-1', 'telemetry') : [];

    // Assert
    expect(reads).toEqual([
      { messageId: '41', inputName: 'PressureInput', payload: '{"motorid":"M-7","seq":41,"sensorData":{"pressure":20.5}}', parsed: expect.any(Object), timestamp: undefined, origin: 'telemetry' },
    ]);
  });

  it('routes a batch through the emulated rule as one message per element, ids derived from the delivery', () => {
    // Arrange
    const [rule] = emulated([{ sql: "SELECT topic(2) AS motorid FROM 'motors/+/batch'", inputName: 'PressureInput', batchMode: true }]);

    // Act
    const outcome = applyRule(rule, message('motors/M-8/batch', [{ sensorData: { pressure: 10 } }, { sensorData: { pressure: 80 } }]));
    const reads = outcome.matched ? messagesFromQueueBody(outcome.body.toString('utf8'), 'sqs-2', 'telemetry') : [];

    // Assert
    expect(reads.map((read) => ('error' in read ? read : [read.messageId, read.payload]))).toEqual([
      ['sqs-2_0', '{"sensorData":{"pressure":10},"motorid":"M-8"}'],
      ['sqs-2_1', '{"sensorData":{"pressure":80},"motorid":"M-8"}'],
    ]);
  });
});
