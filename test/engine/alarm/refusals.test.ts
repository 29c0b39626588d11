import { alarmOptions, transitionAlarm, type AlarmStateName, type OperatorAction } from '../../../lib/engine';
import { NOW, alarmModel, instance, operator } from '../../helpers/alarm';

const model = alarmModel();

describe('alarm operator actions the state does not accept', () => {
  it.each<[string, AlarmStateName, OperatorAction, string]>([
    ['Acknowledge', 'NORMAL', operator('ACKNOWLEDGE'), "alarm 'dev-1' of alarm model tempAlarm is NORMAL; only an ACTIVE or LATCHED alarm can be acknowledged"],
    ['Acknowledge', 'ACKNOWLEDGED', operator('ACKNOWLEDGE'), "alarm 'dev-1' of alarm model tempAlarm is ACKNOWLEDGED; only an ACTIVE or LATCHED alarm can be acknowledged"],
    ['Acknowledge', 'DISABLED', operator('ACKNOWLEDGE'), "alarm 'dev-1' of alarm model tempAlarm is DISABLED; only an ACTIVE or LATCHED alarm can be acknowledged"],
    ['Enable', 'NORMAL', operator('ENABLE'), "alarm 'dev-1' of alarm model tempAlarm is NORMAL; only a DISABLED or SNOOZE_DISABLED alarm can be enabled"],
    ['Enable', 'ACTIVE', operator('ENABLE'), "alarm 'dev-1' of alarm model tempAlarm is ACTIVE; only a DISABLED or SNOOZE_DISABLED alarm can be enabled"],
    ['Disable', 'DISABLED', operator('DISABLE'), "alarm 'dev-1' of alarm model tempAlarm is DISABLED; it is already disabled"],
    ['Snooze', 'DISABLED', operator('SNOOZE', undefined, 60), "alarm 'dev-1' of alarm model tempAlarm is DISABLED; a disabled alarm cannot be snoozed: enable it first"],
  ])('refuses %s of a %s alarm as an InvalidRequestException, changing nothing', (_name, state, action, message) => {
    // Act
    const result = transitionAlarm(model, instance(state), action, NOW);

    // Assert
    expect(result).toEqual({ refused: true, code: 'InvalidRequestException', message });
  });

  it.each([0, -5, 1.5, 31_622_401, Number.NaN])('refuses a snooze of %p seconds', (seconds) => {
    // Act
    const result = transitionAlarm(model, instance('ACTIVE'), operator('SNOOZE', undefined, seconds), NOW);

    // Assert
    expect(result).toMatchObject({ refused: true, code: 'InvalidRequestException', message: expect.stringContaining('snoozeDuration must be a whole number of seconds from 1 to 31622400') });
  });

  it('takes the snooze bounds from the options', () => {
    // Act
    const result = transitionAlarm(model, instance('ACTIVE'), operator('SNOOZE', undefined, 120), NOW, alarmOptions({ maxSnoozeSeconds: 60 }));

    // Assert
    expect(result).toMatchObject({ refused: true, message: expect.stringContaining('from 1 to 60') });
  });

  it.each<OperatorAction>([operator('ACKNOWLEDGE'), operator('ENABLE'), operator('SNOOZE', 'x', 60)])(
    'refuses an operator action on an instance that does not exist as a ResourceNotFoundException',
    (action) => {
      // Act
      const result = transitionAlarm(model, undefined, action, NOW);

      // Assert
      expect(result).toEqual({ refused: true, code: 'ResourceNotFoundException', message: "alarm 'dev-1' of alarm model tempAlarm does not exist" });
    },
  );

  it('refuses to create an instance from a message without the key, naming the key and the alarm model', () => {
    // Act
    const result = transitionAlarm(model, undefined, { type: 'message', inputName: 'Temp', messageId: 'm', payload: { value: 40n } }, NOW);

    // Assert
    expect(result).toEqual({ refused: true, code: 'InvalidRequestException', message: "the payload has no key attribute 'id' required by alarm model tempAlarm" });
  });

  it('creates nothing for a wake-up of an instance that does not exist', () => {
    // Act
    const result = transitionAlarm(model, undefined, { type: 'wake' }, NOW);

    // Assert
    expect(result).toMatchObject({ snapshot: undefined, changed: false, effects: [] });
  });

  it('restarts the snooze of a snoozed alarm with the new duration', () => {
    // Act
    const result = transitionAlarm(model, instance('SNOOZE_DISABLED'), operator('SNOOZE', undefined, 600), NOW);

    // Assert
    expect(result).toMatchObject({ snapshot: { stateName: 'SNOOZE_DISABLED', snoozeDueAt: NOW + 600_000 }, wakeAt: NOW + 600_000, effects: [], stateChanges: [] });
  });

  it('names the one instance of a model without a key as "the alarm of alarm model …"', () => {
    // Arrange
    const keyless = alarmModel({ key: undefined });

    // Act
    const result = transitionAlarm(keyless, { ...instance('NORMAL'), keyValue: undefined }, { ...operator('ENABLE'), keyValue: undefined }, NOW);

    // Assert
    expect(result).toMatchObject({ refused: true, message: 'the alarm of alarm model tempAlarm is NORMAL; only a DISABLED or SNOOZE_DISABLED alarm can be enabled' });
  });
});
