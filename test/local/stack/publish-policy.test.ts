import { isLifecycleTopic, lifecycleRuleNames, publishRefusal } from '../../../local/iot-core/publish-policy';
import { undelivered } from '../../../local/iot-core/rule-delivery';
import type { RuleDelivery } from '../../../local/iot-core/rule-router';
import { compileRule } from '../../../local/iot-rules';

const LIFECYCLE_RULES = lifecycleRuleNames([
  compileRule({ ruleName: 'vigil_local_lifecycle', sql: "SELECT *, topic() AS topic FROM '$aws/events/#'", sqlVersion: '2016-03-23', actions: [], source: 'test' }),
  compileRule({ ruleName: 'vigil_local_presence', sql: "SELECT * FROM '$aws/events/presence/+/+'", sqlVersion: '2016-03-23', actions: [], source: 'test' }),
  compileRule({ ruleName: 'vigil_local_telemetry', sql: "SELECT * FROM 'vigil/queue/+/+'", sqlVersion: '2016-03-23', actions: [], source: 'test' }),
]);

describe('what devices may publish to the local IoT Core', () => {
  it('finds the rules that read lifecycle events', () => {
    // Assert
    expect([...LIFECYCLE_RULES]).toEqual(['vigil_local_lifecycle', 'vigil_local_presence']);
  });

  it.each(['$aws/events', '$aws/events/', '$aws/events/presence/connected/x', '$AWS/EVENTS/presence/connected/x', '$aws/Events/a/b/c/d'])('reserves %s', (topic) => {
    // Act and Assert
    expect(isLifecycleTopic(topic)).toBe(true);
    expect(publishRefusal('dev', topic, LIFECYCLE_RULES)).toMatch(/^client dev may not publish to/);
  });

  it.each(['$aws/eventsx', 'aws/events/presence', '$aws/things/x/shadow/update', 'vigil/queue/dev/Input', '$aws/rules/vigil_local_telemetry/vigil/queue/dev/Input'])('lets devices publish to %s', (topic) => {
    // Act and Assert
    expect(publishRefusal('dev', topic, LIFECYCLE_RULES)).toBeUndefined();
  });

  it.each(['$aws/rules/vigil_local_lifecycle', '$aws/rules/vigil_local_presence/anything', '$aws/rules/vigil_local_telemetry/$aws/events/presence/disconnected/x'])(
    'refuses Basic Ingest that would feed lifecycle events to a rule: %s',
    (topic) => {
      // Act and Assert
      expect(publishRefusal('dev', topic, LIFECYCLE_RULES)).toContain('Basic Ingest');
    },
  );

  it('counts a message lost only where an action failed and no error action took it', () => {
    // Arrange
    const failure = { target: { type: 'sqs' as const, queueName: 'q', useBase64: false }, resource: 'q', errorMessage: 'queue q does not exist' };
    const delivered: RuleDelivery = { ruleName: 'ok', failures: [], hasErrorAction: false };
    const caught: RuleDelivery = { ruleName: 'caught', failures: [failure], hasErrorAction: true };
    const bare: RuleDelivery = { ruleName: 'bare', failures: [failure], hasErrorAction: false };
    const netFailed: RuleDelivery = { ruleName: 'net', failures: [failure], hasErrorAction: true, errorActionFailure: 'queue dlq does not exist' };

    // Act
    const outcomes = [[delivered], [delivered, caught], [caught, bare], [netFailed]].map(undelivered);

    // Assert
    expect(outcomes).toEqual([undefined, undefined, 'rule bare: q: queue q does not exist (no error action)', 'rule net: q: queue q does not exist; error action: queue dlq does not exist']);
  });
});
