import { IotRuleConfigError, IotSqlError, applyRule, discoverRules } from '../../../local/iot-rules';
import { OPTIONS, message } from './helpers';

type Config = { functions: Record<string, Record<string, unknown>>; resources: { Resources: Record<string, Record<string, unknown>> } } & Record<string, unknown>;

/** A resolved configuration, as `serverless print --format json` prints it. */
function config(): Config {
  return {
    service: 'vigil',
    frameworkVersion: '4',
    provider: { name: 'aws', runtime: 'nodejs22.x', region: 'us-east-1', stage: 'dev' },
    functions: {
      ingest: {
        handler: 'functions/ingest-input.handler',
        name: 'vigil-dev-ingest',
        events: [
          { iot: { name: 'vigil_dev_telemetry_direct', sql: "SELECT *, topic(2) AS deviceId FROM 'dt/+/telemetry'", sqlVersion: '2016-03-23' } },
          { sqs: { arn: { 'Fn::GetAtt': ['IngestQueue', 'Arn'] }, batchSize: 10, functionResponseType: 'ReportBatchItemFailures' } },
        ],
      },
      'lifecycle-events': {
        handler: 'functions/lifecycle-events.handler',
        name: 'vigil-dev-lifecycle-events',
        events: [
          { iot: { sql: "SELECT *, topic() AS topic FROM '$aws/events/presence/+/+'", description: 'presence' } },
          { iot: { sql: "SELECT * FROM 'legacy/#'", enabled: false } },
          { iot: { sql: "SELECT * FROM '$aws/events/subscriptions/+/+'", enabled: true } },
        ],
      },
      fire_timer: { handler: 'functions/fire-timer.handler', events: [{ schedule: 'rate(1 minute)' }] },
    },
    resources: {
      Resources: {
        IngestQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'vigil-dev-ingest', VisibilityTimeout: 180 } },
        IotRuleRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'vigil-dev-iot-rules' } },
        TelemetryRule: {
          Type: 'AWS::IoT::TopicRule',
          Properties: {
            RuleName: 'vigil_dev_telemetry',
            TopicRulePayload: {
              Sql: "SELECT * FROM 'dt/+/telemetry' WHERE temp > 0",
              AwsIotSqlVersion: '2016-03-23',
              RuleDisabled: false,
              Actions: [
                { Sqs: { QueueUrl: { Ref: 'IngestQueue' }, RoleArn: { 'Fn::GetAtt': ['IotRuleRole', 'Arn'] }, UseBase64: false } },
                { Lambda: { FunctionArn: { 'Fn::GetAtt': ['IngestLambdaFunction', 'Arn'] } } },
              ],
              ErrorAction: {
                Sqs: {
                  QueueUrl: { 'Fn::Sub': 'https://sqs.${AWS::Region}.amazonaws.com/${AWS::AccountId}/vigil-dev-rule-errors' },
                  RoleArn: { 'Fn::GetAtt': ['IotRuleRole', 'Arn'] },
                  UseBase64: 'true',
                },
              },
            },
          },
        },
        TimerRule: {
          Type: 'AWS::IoT::TopicRule',
          Properties: {
            TopicRulePayload: {
              Sql: "SELECT * FROM 'vigil/timers/#'",
              Actions: [
                {
                  Lambda: {
                    FunctionArn: { 'Fn::Join': ['', ['arn:aws:lambda:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':function:vigil-dev-fire_timer']] },
                  },
                },
                { Lambda: { FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:vigil-dev-lifecycle-events:live' } },
              ],
            },
          },
        },
        RetiredRule: { Type: 'AWS::IoT::TopicRule', Properties: { RuleName: 'retired', TopicRulePayload: { Sql: 'not even SQL', RuleDisabled: 'true', Actions: [] } } },
      },
    },
  };
}

function telemetryPayload(c: Config): Record<string, unknown> {
  return (c.resources.Resources.TelemetryRule.Properties as Record<string, Record<string, unknown>>).TopicRulePayload;
}

describe('discoverRules', () => {
  it('finds iot events and TopicRule resources, resolving every target', () => {
    // Arrange
    const resolved = config();

    // Act
    const rules = discoverRules(resolved);

    // Assert
    expect(rules.map(({ query: _query, ...rule }) => rule)).toEqual([
      {
        ruleName: 'vigil_dev_telemetry_direct',
        sql: "SELECT *, topic(2) AS deviceId FROM 'dt/+/telemetry'",
        sqlVersion: '2016-03-23',
        actions: [{ type: 'lambda', functionKey: 'ingest' }],
        source: 'functions.ingest.events[0].iot',
      },
      {
        ruleName: 'LifecycleDasheventsIotTopicRule1',
        sql: "SELECT *, topic() AS topic FROM '$aws/events/presence/+/+'",
        sqlVersion: '2015-10-08',
        actions: [{ type: 'lambda', functionKey: 'lifecycle-events' }],
        source: 'functions.lifecycle-events.events[0].iot',
      },
      {
        ruleName: 'LifecycleDasheventsIotTopicRule3',
        sql: "SELECT * FROM '$aws/events/subscriptions/+/+'",
        sqlVersion: '2015-10-08',
        actions: [{ type: 'lambda', functionKey: 'lifecycle-events' }],
        source: 'functions.lifecycle-events.events[2].iot',
      },
      {
        ruleName: 'vigil_dev_telemetry',
        sql: "SELECT * FROM 'dt/+/telemetry' WHERE temp > 0",
        sqlVersion: '2016-03-23',
        actions: [
          { type: 'sqs', queueName: 'vigil-dev-ingest', useBase64: false },
          { type: 'lambda', functionKey: 'ingest' },
        ],
        errorAction: { type: 'sqs', queueName: 'vigil-dev-rule-errors', useBase64: true },
        source: 'resources.Resources.TelemetryRule',
      },
      {
        ruleName: 'TimerRule',
        sql: "SELECT * FROM 'vigil/timers/#'",
        sqlVersion: '2015-10-08',
        actions: [
          { type: 'lambda', functionKey: 'fire_timer' },
          { type: 'lambda', functionKey: 'lifecycle-events' },
        ],
        source: 'resources.Resources.TimerRule',
      },
    ]);
  });

  it('returns rules that evaluate messages', () => {
    // Arrange
    const [direct, presence, , telemetry] = discoverRules(config());

    // Act
    const fromDevice = applyRule(direct, message('{"temp":20.0}', 'dt/dev-1/telemetry'), OPTIONS);
    const filtered = applyRule(telemetry, message('{"temp":-1.5}', 'dt/dev-1/telemetry'), OPTIONS);
    const connected = applyRule(presence, message('{"eventType":"connected"}', '$aws/events/presence/connected/c1'), OPTIONS);

    // Assert
    expect(fromDevice.matched && fromDevice.body.toString()).toBe('{"temp":20.0,"deviceId":"dev-1"}');
    expect(filtered.matched).toBe(false);
    expect(connected.matched && connected.output).toEqual({ eventType: 'connected', topic: '$aws/events/presence/connected/c1' });
  });

  it('finds nothing in a configuration without rules', () => {
    // Arrange, Act
    const rules = discoverRules({ service: 'vigil', functions: { api: { handler: 'h', events: [{ httpApi: 'GET /' }] } } });

    // Assert
    expect(rules).toEqual([]);
  });
});

describe('discoverRules fails loudly, naming the rule', () => {
  const action = (c: Config, index: number, value: unknown) => ((telemetryPayload(c).Actions as unknown[])[index] = value);

  it.each<[string, (c: Config) => void, RegExp]>([
    ['an unsupported action', (c) => action(c, 0, { Republish: { Topic: 'x', RoleArn: 'r' } }), /^rule vigil_dev_telemetry: unsupported action 'Republish' in Actions\[0\] \(supported: Lambda, Sqs\) \(declared in resources\.Resources\.TelemetryRule\)$/],
    ['an unsupported error action', (c) => (telemetryPayload(c).ErrorAction = { CloudwatchLogs: { LogGroupName: 'g', RoleArn: 'r' } }), /^rule vigil_dev_telemetry: unsupported action 'CloudwatchLogs' in ErrorAction/],
    ['two action types in one entry', (c) => action(c, 1, { Lambda: {}, Sqs: {} }), /^rule vigil_dev_telemetry: Actions\[1\] must hold exactly one action type/],
    ['a FunctionArn of another logical id', (c) => action(c, 1, { Lambda: { FunctionArn: { 'Fn::GetAtt': ['OtherLambdaFunction', 'Arn'] } } }), /^rule vigil_dev_telemetry: Actions\[1\]\.Lambda\.FunctionArn points at OtherLambdaFunction\.Arn, which is not the Arn of a function of this service/],
    [
      'a raw Lambda resource',
      (c) => {
        c.resources.Resources.RawLambdaFunction = { Type: 'AWS::Lambda::Function', Properties: {} };
        action(c, 1, { Lambda: { FunctionArn: { 'Fn::GetAtt': ['RawLambdaFunction', 'Arn'] } } });
      },
      /^rule vigil_dev_telemetry: .*raw AWS::Lambda::Function resource/,
    ],
    ['a function of another service', (c) => action(c, 1, { Lambda: { FunctionArn: 'arn:aws:lambda:us-east-1:1:function:other-dev-x' } }), /^rule vigil_dev_telemetry: Actions\[1\]\.Lambda\.FunctionArn names function 'other-dev-x', which is not a function of this service/],
    ['a FunctionArn it cannot read', (c) => action(c, 1, { Lambda: { FunctionArn: { Ref: 'IngestLambdaFunction' } } }), /^rule vigil_dev_telemetry: Actions\[1\]\.Lambda\.FunctionArn is neither Fn::GetAtt/],
    ['a QueueUrl that is not a queue', (c) => action(c, 0, { Sqs: { QueueUrl: { Ref: 'IotRuleRole' }, RoleArn: 'r' } }), /^rule vigil_dev_telemetry: Actions\[0\]\.Sqs\.QueueUrl refers to IotRuleRole, which is not an AWS::SQS::Queue/],
    ['a queue without a QueueName', (c) => delete (c.resources.Resources.IngestQueue.Properties as Record<string, unknown>).QueueName, /^rule vigil_dev_telemetry: .*queue IngestQueue needs a literal QueueName/],
    ['a FIFO queue', (c) => (c.resources.Resources.IngestQueue.Properties = { QueueName: 'vigil-dev-ingest.fifo', FifoQueue: true }), /^rule vigil_dev_telemetry: .*'vigil-dev-ingest\.fifo' is a FIFO queue/],
    ['a QueueUrl it cannot read', (c) => action(c, 0, { Sqs: { QueueUrl: { 'Fn::GetAtt': ['IngestQueue', 'Arn'] }, RoleArn: 'r' } }), /^rule vigil_dev_telemetry: Actions\[0\]\.Sqs\.QueueUrl is neither Ref <Queue> nor a literal queue URL/],
    ['an invalid UseBase64', (c) => action(c, 0, { Sqs: { QueueUrl: { Ref: 'IngestQueue' }, RoleArn: 'r', UseBase64: 'yes' } }), /^rule vigil_dev_telemetry: Actions\[0\]\.Sqs\.UseBase64 must be true or false/],
    ['SQL that is not a literal', (c) => (telemetryPayload(c).Sql = { 'Fn::Sub': "SELECT * FROM '${Stage}/x'" }), /^rule vigil_dev_telemetry: TopicRulePayload\.Sql must be a literal string/],
    ['an unknown SQL version', (c) => (telemetryPayload(c).AwsIotSqlVersion = '2017-01-01'), /^rule vigil_dev_telemetry: unknown SQL version '2017-01-01'/],
    [
      'an unsupported SQL function',
      (c) => (telemetryPayload(c).Sql = "SELECT *, temp AS tmp, machinelearning_predict('model', 'arn:aws:iam::1:role/r', *) AS p FROM 'dt/+/telemetry'"),
      /^rule vigil_dev_telemetry: unsupported SQL function 'machinelearning_predict' at 23: it calls Amazon Machine Learning/,
    ],
    ['a RuleName it cannot read', (c) => ((c.resources.Resources.TelemetryRule.Properties as Record<string, unknown>).RuleName = { Ref: 'Stage' }), /^rule TelemetryRule: RuleName must be a literal string/],
    ['SQL that does not parse in an iot event', (c) => ((c.functions.ingest.events as { iot?: Record<string, unknown> }[])[0].iot!.sql = "SELECT * FROM 'dt/+/telemetry' WHERE"), /^rule vigil_dev_telemetry_direct: unexpected end of SQL; expected an operand at 36 \(declared in functions\.ingest\.events\[0\]\.iot\)$/],
    ['a 2016 function under the default SQL version', (c) => ((c.functions['lifecycle-events'].events as { iot: Record<string, unknown> }[])[2].iot.sql = "SELECT * FROM 'x' WHERE isUndefined(a)"), /^rule LifecycleDasheventsIotTopicRule3: function 'isUndefined' needs SQL version 2016-03-23 or later at 24: .*set sqlVersion: '2016-03-23'/],
    ['a rule name with a hyphen', (c) => ((c.functions.ingest.events as { iot?: Record<string, unknown> }[])[0].iot!.name = 'vigil-dev-telemetry'), /^rule vigil-dev-telemetry: rule names may contain only letters, digits and underscores/],
    ['two rules with one name', (c) => ((c.functions.ingest.events as { iot?: Record<string, unknown> }[])[0].iot!.name = 'vigil_dev_telemetry'), /^rule vigil_dev_telemetry: the name is already used by the rule declared in functions\.ingest\.events\[0\]\.iot \(declared in resources\.Resources\.TelemetryRule\)$/],
    // Serverless deletes line breaks from an iot event's sql, so a YAML block scalar glues words.
    ['SQL glued by a stripped line break', (c) => ((c.functions.ingest.events as { iot?: Record<string, unknown> }[])[0].iot!.sql = "SELECT *, topic() AS topic\nFROM 'dt/+/telemetry'"), /^rule vigil_dev_telemetry_direct: unexpected string 'dt\/\+\/telemetry'; expected ',', FROM or WHERE at 31/],
    ['an iot event without sql', (c) => delete (c.functions.ingest.events as { iot?: Record<string, unknown> }[])[0].iot!.sql, /^rule vigil_dev_telemetry_direct: the iot event needs an sql string/],
    ['a resource overriding an event rule', (c) => (c.resources.Resources.IngestIotTopicRule1 = { Type: 'AWS::IoT::TopicRule', Properties: {} }), /^rule IngestIotTopicRule1: resources\.Resources\.IngestIotTopicRule1 overrides this event's rule/],
  ])('rejects %s', (_, mutate, expected) => {
    // Arrange
    const broken = config();
    mutate(broken);

    // Act
    const discover = () => discoverRules(broken);

    // Assert
    expect(discover).toThrow(IotRuleConfigError);
    expect(discover).toThrow(expected);
  });

  it('keeps the SQL error, with its position, as the cause', () => {
    // Arrange
    const broken = config();
    telemetryPayload(broken).Sql = "SELECT aws_lambda('arn', *) AS x FROM 'a/b'";

    // Act
    let error: unknown;
    try {
      discoverRules(broken);
    } catch (caught) {
      error = caught;
    }

    // Assert
    expect(error).toBeInstanceOf(IotRuleConfigError);
    expect((error as IotRuleConfigError).ruleName).toBe('vigil_dev_telemetry');
    expect((error as IotRuleConfigError).cause).toBeInstanceOf(IotSqlError);
    expect(((error as IotRuleConfigError).cause as IotSqlError).position).toBe(7);
  });
});
