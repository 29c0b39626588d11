import { transitionAlarm, type AlarmResult, type AlarmSnapshot, type AlarmStateName, type AlarmTrigger } from '../../../lib/engine';
import type { CompiledAlarmModel } from '../../../lib/model';
import { ALARM_TOPIC, NOW, ackFlow, alarmModel, instance, operator, temp } from '../../helpers/alarm';

// One test per row of the transition table (spec alarm-models §1.3, docs/decisions.md AL1–AL4).

const model = alarmModel();

/** Runs one transition that must be accepted. */
function apply(snapshot: AlarmSnapshot | undefined, trigger: AlarmTrigger, at = NOW, compiled: CompiledAlarmModel = model): AlarmResult {
  const result = transitionAlarm(compiled, snapshot, trigger, at);
  if (result.refused) throw new Error(`refused: ${result.message}`);
  return result;
}

const actionTypes = (result: AlarmResult) => result.effects.map((effect) => effect.type);

describe('alarm transition table: first data', () => {
  it('creates the instance DISABLED on its first data when disabledOnInitialization is left out (AWS default TRUE), without evaluating it', () => {
    // Arrange
    const compiled = alarmModel({ alarmCapabilities: undefined });

    // Act
    const result = apply(undefined, temp(35), NOW, compiled);

    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'DISABLED', keyValue: 'dev-1', ruleEvaluation: undefined, creationTime: NOW });
    expect(result.changed).toBe(true);
    expect(result.effects).toEqual([]);
  });

  it('creates the instance NORMAL when disabledOnInitialization is FALSE, and evaluates that first data', () => {
    // Act
    const quiet = apply(undefined, temp(20));
    const breached = apply(undefined, temp(35));

    // Assert
    expect(quiet.snapshot?.stateName).toBe('NORMAL');
    expect(quiet.effects).toEqual([]);
    expect(breached.snapshot?.stateName).toBe('ACTIVE');
    expect(breached.stateChanges).toEqual([{ from: 'NORMAL', to: 'ACTIVE' }]);
  });
});

describe('alarm transition table: data', () => {
  it('moves NORMAL to ACTIVE when the rule is true, performing the alarm actions', () => {
    // Act
    const result = apply(instance('NORMAL'), temp(31));

    // Assert
    expect(result.snapshot?.stateName).toBe('ACTIVE');
    expect(result.effects).toMatchObject([{ type: 'sns', targetArn: ALARM_TOPIC, eventName: 'ACTIVE' }]);
  });

  it('keeps NORMAL when the rule is false, recording the evaluation without any action', () => {
    // Act
    const result = apply(instance('NORMAL'), temp(25));

    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'NORMAL', ruleEvaluation: { inputPropertyValue: '25', operator: 'GREATER', thresholdValue: '30' } });
    expect(result.changed).toBe(true);
    expect(result.effects).toEqual([]);
  });

  it('moves ACTIVE to LATCHED when the rule turns false with the acknowledge flow on', () => {
    // Act
    const result = apply(instance('ACTIVE'), temp(25));

    // Assert
    expect(result.snapshot?.stateName).toBe('LATCHED');
    expect(actionTypes(result)).toEqual(['sns']);
  });

  it('moves ACTIVE straight to NORMAL when the rule turns false with the acknowledge flow off', () => {
    // Arrange
    const compiled = alarmModel({ alarmCapabilities: ackFlow(false) });

    // Act
    const result = apply(instance('ACTIVE'), temp(25), NOW, compiled);

    // Assert
    expect(result.snapshot?.stateName).toBe('NORMAL');
    expect(result.stateChanges).toEqual([{ from: 'ACTIVE', to: 'NORMAL' }]);
  });

  it('keeps ACTIVE while the rule stays true, without repeating the actions', () => {
    // Act
    const result = apply(instance('ACTIVE'), temp(36));

    // Assert
    expect(result.snapshot?.stateName).toBe('ACTIVE');
    expect(result.effects).toEqual([]);
  });

  it('moves ACKNOWLEDGED to NORMAL when the rule turns false (the acknowledgement was already given)', () => {
    // Act
    const result = apply(instance('ACKNOWLEDGED'), temp(25));

    // Assert
    expect(result.snapshot?.stateName).toBe('NORMAL');
    expect(actionTypes(result)).toEqual(['sns']);
  });

  it('keeps ACKNOWLEDGED while the rule stays true', () => {
    // Act
    const result = apply(instance('ACKNOWLEDGED'), temp(40));

    // Assert
    expect(result.snapshot?.stateName).toBe('ACKNOWLEDGED');
    expect(result.stateChanges).toEqual([]);
    expect(result.effects).toEqual([]);
  });

  it('moves LATCHED back to ACTIVE when the rule is true again', () => {
    // Act
    const result = apply(instance('LATCHED'), temp(33));

    // Assert
    expect(result.snapshot?.stateName).toBe('ACTIVE');
    expect(actionTypes(result)).toEqual(['sns']);
  });

  it('keeps LATCHED while the rule stays false: only an acknowledgement returns it to NORMAL', () => {
    // Act
    const result = apply(instance('LATCHED'), temp(10));

    // Assert
    expect(result.snapshot?.stateName).toBe('LATCHED');
    expect(result.effects).toEqual([]);
  });

  it.each<AlarmStateName>(['DISABLED', 'SNOOZE_DISABLED'])('ignores data in %s: no evaluation, no change, nothing to store', (state) => {
    // Arrange
    const before = instance(state);

    // Act
    const result = apply(before, temp(99));

    // Assert
    expect(result.snapshot).toBe(before);
    expect(result.changed).toBe(false);
    expect(result.effects).toEqual([]);
  });
});

describe('alarm transition table: operator actions', () => {
  it('moves ACTIVE to ACKNOWLEDGED on Acknowledge, recording the action and its note as DescribeAlarm shows them', () => {
    // Act
    const result = apply(instance('ACTIVE'), operator('ACKNOWLEDGE', 'on my way'));

    // Assert
    expect(result.snapshot).toMatchObject({
      stateName: 'ACKNOWLEDGED',
      customerAction: { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'on my way' } },
    });
    expect(actionTypes(result)).toEqual(['sns']);
  });

  it('moves LATCHED to NORMAL on Acknowledge', () => {
    // Act
    const result = apply(instance('LATCHED'), operator('ACKNOWLEDGE'));

    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'NORMAL', customerAction: { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: {} } });
  });

  it.each<AlarmStateName>(['NORMAL', 'ACTIVE', 'ACKNOWLEDGED', 'LATCHED', 'SNOOZE_DISABLED'])('moves %s to DISABLED on Disable', (state) => {
    // Act
    const result = apply(instance(state), operator('DISABLE', 'maintenance'));

    // Assert
    expect(result.snapshot).toMatchObject({
      stateName: 'DISABLED',
      snoozeDueAt: undefined,
      customerAction: { actionName: 'DISABLE', disableActionConfiguration: { note: 'maintenance' } },
    });
    expect(result.stateChanges).toEqual([{ from: state, to: 'DISABLED' }]);
  });

  it.each<AlarmStateName>(['DISABLED', 'SNOOZE_DISABLED'])('moves %s to NORMAL on Enable', (state) => {
    // Act
    const result = apply(instance(state), operator('ENABLE'));

    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'NORMAL', snoozeDueAt: undefined, customerAction: { actionName: 'ENABLE', enableActionConfiguration: {} } });
  });

  it.each<AlarmStateName>(['DISABLED', 'NORMAL', 'ACTIVE', 'ACKNOWLEDGED', 'LATCHED', 'SNOOZE_DISABLED'])(
    'moves %s to NORMAL on Reset, clearing the last evaluation',
    (state) => {
      // Act
      const result = apply(instance(state), operator('RESET', 'replaced the sensor'));

      // Assert
      expect(result.snapshot).toMatchObject({
        stateName: 'NORMAL',
        ruleEvaluation: undefined,
        snoozeDueAt: undefined,
        customerAction: { actionName: 'RESET', resetActionConfiguration: { note: 'replaced the sensor' } },
      });
      expect(result.changed).toBe(true);
      expect(result.effects.length).toBe(state === 'NORMAL' ? 0 : 1);
    },
  );

  it.each<AlarmStateName>(['NORMAL', 'ACTIVE', 'ACKNOWLEDGED', 'LATCHED'])('moves %s to SNOOZE_DISABLED on Snooze, asking for a wake-up at its end', (state) => {
    // Act
    const result = apply(instance(state), operator('SNOOZE', 'shift change', 300));

    // Assert
    expect(result.snapshot).toMatchObject({
      stateName: 'SNOOZE_DISABLED',
      snoozeDueAt: NOW + 300_000,
      customerAction: { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 300, note: 'shift change' } },
    });
    expect(result.wakeAt).toBe(NOW + 300_000);
  });
});

describe('alarm transition table: snooze timeout', () => {
  it('returns SNOOZE_DISABLED to NORMAL once the snooze duration has elapsed, with systemEvent SNOOZE_TIMEOUT', () => {
    // Arrange
    const snoozed = apply(instance('ACTIVE'), operator('SNOOZE', undefined, 60)).snapshot;

    // Act
    const result = apply(snoozed, { type: 'wake' }, NOW + 60_000);

    // Assert
    expect(result.snapshot).toMatchObject({
      stateName: 'NORMAL',
      snoozeDueAt: undefined,
      systemEvent: { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } },
    });
    expect(result.stateChanges).toEqual([{ from: 'SNOOZE_DISABLED', to: 'NORMAL' }]);
    expect(actionTypes(result)).toEqual(['sns']);
  });

  it('does nothing on a wake-up before the snooze ends', () => {
    // Arrange
    const snoozed = apply(instance('ACTIVE'), operator('SNOOZE', undefined, 60)).snapshot;

    // Act
    const result = apply(snoozed, { type: 'wake' }, NOW + 59_999);

    // Assert
    expect(result.snapshot).toBe(snoozed);
    expect(result.changed).toBe(false);
  });
});
