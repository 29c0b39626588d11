import { describeAlarm } from '../../../lib/engine';
import { NOW, instance } from '../../helpers/alarm';

describe('describeAlarm', () => {
  it('shows an instance in the shape of DescribeAlarm: the rule evaluation under simpleRuleEvaluation, the last actions as recorded', () => {
    // Arrange
    const snapshot = instance('NORMAL', {
      customerAction: { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 60, note: 'n' } },
      systemEvent: { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } },
    });

    // Act
    const description = describeAlarm(snapshot);

    // Assert
    expect(description).toEqual({
      alarmModelName: 'tempAlarm',
      alarmModelVersion: '1',
      keyValue: 'dev-1',
      alarmState: {
        stateName: 'NORMAL',
        ruleEvaluation: { simpleRuleEvaluation: { inputPropertyValue: '35', operator: 'GREATER', thresholdValue: '30' } },
        customerAction: { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 60, note: 'n' } },
        systemEvent: { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } },
      },
      severity: 3,
      creationTime: NOW - 3_600_000,
      lastUpdateTime: NOW - 60_000,
    });
  });

  it('leaves out what an instance does not have: key, severity, evaluation, actions', () => {
    // Arrange
    const snapshot = instance('DISABLED', { keyValue: undefined, severity: undefined, ruleEvaluation: undefined });

    // Act
    const description = describeAlarm(snapshot);

    // Assert
    expect(description).toEqual({ alarmModelName: 'tempAlarm', alarmModelVersion: '1', alarmState: { stateName: 'DISABLED' }, creationTime: NOW - 3_600_000, lastUpdateTime: NOW - 60_000 });
  });
});
