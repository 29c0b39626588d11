import { formatAlarmChange } from '../../../local/tail/format';
import { instance } from '../../helpers/alarm';

describe('vigil tail: alarm lines', () => {
  it('shows a new alarm instance, its state change with the rule evaluation, and nothing for a write that changed neither', () => {
    // Arrange
    const created = instance('NORMAL', { ruleEvaluation: { inputPropertyValue: '20', operator: 'GREATER', thresholdValue: '30' } });
    const active = instance('ACTIVE');

    // Act
    const first = formatAlarmChange(created, undefined, true);
    const second = formatAlarmChange(active, first.view, false);
    const same = formatAlarmChange(active, second.view, false);

    // Assert
    expect(first.line).toBe('alarm     tempAlarm/dev-1  created in NORMAL  20 GREATER 30');
    expect(second.line).toBe('alarm     tempAlarm/dev-1  NORMAL → ACTIVE  35 GREATER 30');
    expect(same.line).toBeUndefined();
  });

  it('says what an operator or the snooze timer did', () => {
    // Act
    const acknowledged = formatAlarmChange(instance('ACKNOWLEDGED', { customerAction: { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: {} } }), { stateName: 'ACTIVE', variables: '', timers: '' }, false);
    const ended = formatAlarmChange(instance('NORMAL', { systemEvent: { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } } }), { stateName: 'SNOOZE_DISABLED', variables: '', timers: '' }, false);

    // Assert
    expect(acknowledged.line).toContain('ACTIVE → ACKNOWLEDGED  35 GREATER 30  last action ACKNOWLEDGE');
    expect(ended.line).toContain('SNOOZE_DISABLED → NORMAL  35 GREATER 30  snooze ended');
  });
});
