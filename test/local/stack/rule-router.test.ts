import { RuleRouter, type RuleActions } from '../../../local/iot-core/rule-router';
import { compileRule, type RuleMessage, type RuleTarget } from '../../../local/iot-rules';

const TELEMETRY = compileRule({
  ruleName: 'vigil_local_motor_pressure',
  sql: "SELECT *, 'PressureInput' AS vigilInputName FROM 'vigil/motors/+/pressure'",
  sqlVersion: '2016-03-23',
  actions: [{ type: 'lambda', functionKey: 'ingestRule' }],
  source: 'functions.ingestRule.events[0].iot',
});
const LIFECYCLE = compileRule({
  ruleName: 'vigil_local_lifecycle',
  sql: "SELECT *, topic() AS topic FROM '$aws/events/#'",
  sqlVersion: '2016-03-23',
  actions: [{ type: 'sqs', queueName: 'vigil-local-ingest', useBase64: false }],
  errorAction: { type: 'sqs', queueName: 'vigil-local-ingest-dlq', useBase64: false },
  source: 'resources.Resources.LifecycleToQueueRule',
});

/** Actions that record what they were asked to do; queues named in `failing` refuse messages. */
function recordingActions(failing: string[] = []) {
  const performed: { target: string; body: unknown }[] = [];
  const actions: RuleActions = {
    async lambda(functionKey, event) {
      performed.push({ target: `lambda:${functionKey}`, body: event });
    },
    async sqs(queueName, body) {
      if (failing.includes(queueName)) throw new Error(`queue ${queueName} does not exist`);
      performed.push({ target: `sqs:${queueName}`, body });
    },
    resourceName: (target: RuleTarget) => (target.type === 'lambda' ? `vigil-local-${target.functionKey}` : target.queueName),
  };
  return { actions, performed };
}

const message = (topic: string, payload: string, extra: Partial<RuleMessage> = {}): RuleMessage => ({ topic, payload: Buffer.from(payload), receivedAt: 1767225600000, traceId: 'trace-1', ...extra });

describe('RuleRouter, the local rules engine', () => {
  it('invokes the function of a matching rule with its SELECT output', async () => {
    // Arrange
    const { actions, performed } = recordingActions();
    const router = new RuleRouter([TELEMETRY, LIFECYCLE], actions);

    // Act
    const deliveries = await router.route(message('vigil/motors/m1/pressure', '{"motorid":"m1","sensorData":{"pressure":80}}', { clientId: 'm1' }));

    // Assert
    expect(deliveries).toEqual([{ ruleName: 'vigil_local_motor_pressure', failures: [], hasErrorAction: false }]);
    expect(performed).toEqual([{ target: 'lambda:ingestRule', body: { motorid: 'm1', sensorData: { pressure: 80 }, vigilInputName: 'PressureInput' } }]);
  });

  it('sends a lifecycle event to the queue as the JSON text of the output', async () => {
    // Arrange
    const { actions, performed } = recordingActions();
    const router = new RuleRouter([TELEMETRY, LIFECYCLE], actions);

    // Act
    await router.route(message('$aws/events/presence/connected/m1', '{"clientId":"m1","versionNumber":0}'));

    // Assert
    expect(performed).toEqual([{ target: 'sqs:vigil-local-ingest', body: '{"clientId":"m1","versionNumber":0,"topic":"$aws/events/presence/connected/m1"}' }]);
  });

  it("sends the failures to the rule's error action in AWS's shape", async () => {
    // Arrange
    const { actions, performed } = recordingActions(['vigil-local-ingest']);
    const router = new RuleRouter([LIFECYCLE], actions);

    // Act
    const deliveries = await router.route(message('$aws/events/presence/connected/m1', '{"clientId":"m1"}'));

    // Assert
    expect(deliveries[0].failures).toHaveLength(1);
    expect(performed).toHaveLength(1);
    expect(performed[0].target).toBe('sqs:vigil-local-ingest-dlq');
    expect(JSON.parse(performed[0].body as string)).toEqual({
      ruleName: 'vigil_local_lifecycle',
      topic: '$aws/events/presence/connected/m1',
      cloudwatchTraceId: 'trace-1',
      base64OriginalPayload: Buffer.from('{"clientId":"m1"}').toString('base64'),
      failures: [{ failedAction: 'SqsAction', failedResource: 'vigil-local-ingest', errorMessage: 'queue vigil-local-ingest does not exist' }],
    });
  });

  it('fails a Lambda action given a payload that is not JSON, as AWS does', async () => {
    // Arrange
    const binary = compileRule({ ...TELEMETRY, sql: "SELECT * FROM 'vigil/motors/+/pressure'" });
    const { actions, performed } = recordingActions();
    const router = new RuleRouter([binary], actions);

    // Act
    const deliveries = await router.route(message('vigil/motors/m1/pressure', '\u0000\u00ff binary'));

    // Assert
    expect(performed).toEqual([]);
    expect(deliveries[0].failures[0]).toMatchObject({ resource: 'vigil-local-ingestRule', errorMessage: expect.stringContaining('not JSON') });
  });

  it('reports an error action that fails too', async () => {
    // Arrange
    const { actions } = recordingActions(['vigil-local-ingest', 'vigil-local-ingest-dlq']);
    const router = new RuleRouter([LIFECYCLE], actions);

    // Act
    const deliveries = await router.route(message('$aws/events/presence/connected/m1', '{}'));

    // Assert
    expect(deliveries[0].errorActionFailure).toBe('queue vigil-local-ingest-dlq does not exist');
  });

  it('ignores messages no rule selects', async () => {
    // Arrange
    const { actions, performed } = recordingActions();
    const router = new RuleRouter([TELEMETRY, LIFECYCLE], actions);

    // Act
    const deliveries = await router.route(message('cmd/m1/reboot', '{}'));

    // Assert
    expect(deliveries).toEqual([]);
    expect(performed).toEqual([]);
  });

  it('routes the next messages through replaced rules', async () => {
    // Arrange
    const { actions, performed } = recordingActions();
    const router = new RuleRouter([TELEMETRY], actions);
    // Act
    router.replaceRules([LIFECYCLE]);
    const deliveries = await router.route(message('vigil/motors/m1/pressure', '{"pressure": 80}'));
    await router.route(message('$aws/events/presence/connected/m1', '{"clientId": "m1"}'));
    // Assert
    expect(deliveries).toEqual([]);
    expect(router.rules).toEqual([LIFECYCLE]);
    expect(performed.map((action) => action.target)).toEqual(['sqs:vigil-local-ingest']);
  });
});
