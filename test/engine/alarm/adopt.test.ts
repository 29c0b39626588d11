import { adoptAlarm, transitionAlarm, type AlarmStateName } from '../../../lib/engine';
import { NOW, ackFlow, alarmModel, instance, operator, temp } from '../../helpers/alarm';

const LOWER_THRESHOLD = { alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER', threshold: '20' } } };

describe('an alarm model update keeps operator state (adoptAlarm)', () => {
  it.each<AlarmStateName>(['DISABLED', 'NORMAL', 'ACTIVE', 'ACKNOWLEDGED', 'LATCHED', 'SNOOZE_DISABLED'])(
    'keeps a %s instance in its state, with its evaluation, operator action and snooze, under the new version and severity',
    (state) => {
      // Arrange
      const before = instance(state, { customerAction: { actionName: 'DISABLE', disableActionConfiguration: { note: 'n' } } });
      const version2 = alarmModel({ ...LOWER_THRESHOLD, severity: 7 }, '2');

      // Act
      const adopted = adoptAlarm(before, version2);

      // Assert
      expect(adopted).toEqual({ ...before, alarmModelVersion: '2', severity: 7 });
    },
  );

  it('evaluates the next data with the new rule', () => {
    // Arrange
    const version2 = alarmModel(LOWER_THRESHOLD, '2');

    // Act
    const result = transitionAlarm(version2, instance('NORMAL', { ruleEvaluation: undefined }), temp(25), NOW);

    // Assert
    expect(result).toMatchObject({ snapshot: { stateName: 'ACTIVE', alarmModelVersion: '2', ruleEvaluation: { thresholdValue: '20' } } });
  });

  it('releases a LATCHED instance to NORMAL when the new version turns the acknowledge flow off, performing the new version\'s actions', () => {
    // Arrange
    const version2 = alarmModel({ alarmCapabilities: ackFlow(false) }, '2');

    // Act
    const result = transitionAlarm(version2, instance('LATCHED'), { type: 'wake' }, NOW);

    // Assert
    expect(result).toMatchObject({ snapshot: { stateName: 'NORMAL', alarmModelVersion: '2' }, changed: true, stateChanges: [{ from: 'LATCHED', to: 'NORMAL' }] });
    expect(result.refused ? [] : result.effects.map((effect) => effect.type)).toEqual(['sns']);
  });

  it('keeps an ACKNOWLEDGED instance when the acknowledge flow is turned off: it returns to NORMAL with the rule, as before', () => {
    // Arrange
    const version2 = alarmModel({ alarmCapabilities: ackFlow(false) }, '2');

    // Act
    const adopted = adoptAlarm(instance('ACKNOWLEDGED'), version2);

    // Assert
    expect(adopted.stateName).toBe('ACKNOWLEDGED');
  });

  it('latches an ACTIVE instance the old version did not latch once the acknowledge flow is turned on', () => {
    // Arrange
    const version2 = alarmModel({ alarmCapabilities: ackFlow(true) }, '2');
    const active = { ...instance('ACTIVE'), alarmModelVersion: '1' };

    // Act
    const result = transitionAlarm(version2, active, temp(10), NOW);

    // Assert
    expect(result).toMatchObject({ snapshot: { stateName: 'LATCHED' } });
  });

  it('acknowledges under the new version an instance latched under the old one', () => {
    // Arrange
    const version2 = alarmModel({ severity: 1 }, '2');

    // Act
    const result = transitionAlarm(version2, instance('LATCHED'), operator('ACKNOWLEDGE'), NOW);

    // Assert
    expect(result).toMatchObject({ snapshot: { stateName: 'NORMAL', alarmModelVersion: '2', severity: 1 } });
  });

  it('drops a retained threshold when the new version reads its threshold from another expression, and keeps it otherwise', () => {
    // Arrange
    const rule = (threshold: string) => ({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER', threshold } } });
    const retained = instance('NORMAL', { threshold: { source: '$input.Config.max', value: 40n } });

    // Act
    const same = adoptAlarm(retained, alarmModel(rule('$input.Config.max'), '2'));
    const moved = adoptAlarm(retained, alarmModel(rule('$input.Config.limit'), '2'));

    // Assert
    expect(same.threshold).toEqual({ source: '$input.Config.max', value: 40n });
    expect(moved.threshold).toBeUndefined();
  });

  it('returns the very same snapshot for the version it already runs', () => {
    // Arrange
    const current = instance('ACTIVE');

    // Act
    const adopted = adoptAlarm(current, alarmModel());

    // Assert
    expect(adopted).toBe(current);
  });
});
