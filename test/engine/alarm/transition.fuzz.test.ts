import fc from 'fast-check';
import { formatDecimal, parseTypedJson } from '../../../lib/expression';
import {
  ALARM_STATES, deserializeAlarmSnapshot, serializeAlarmSnapshot, transitionAlarm, type AlarmResult, type AlarmSnapshot, type AlarmTrigger,
} from '../../../lib/engine';
import { NOW, alarmModel, instance, operator } from '../../helpers/alarm';

const model = alarmModel({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER', threshold: '$input.Temp.limit' } } });

/** Any JSON value a device might send as `value` or `limit`, as payload text. */
const jsonValue = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(formatDecimal),
  fc.string().map((text) => JSON.stringify(text)),
  fc.constantFrom('true', 'false', 'null', '{}', '[1]'),
);
const message = fc.record({ value: fc.option(jsonValue), limit: fc.option(jsonValue) }).map(({ value, limit }): AlarmTrigger => {
  const members = [['"id"', '"dev-1"'], ...(value === null ? [] : [['"value"', value]]), ...(limit === null ? [] : [['"limit"', limit]])];
  return { type: 'message', inputName: 'Temp', messageId: 'm', payload: parseTypedJson(`{${members.map(([k, v]) => `${k}: ${v}`).join(', ')}}`) };
});
const trigger: fc.Arbitrary<AlarmTrigger> = fc.oneof(
  message,
  fc.constantFrom<AlarmTrigger>(operator('ACKNOWLEDGE'), operator('DISABLE'), operator('ENABLE'), operator('RESET', 'n'), { type: 'wake' }),
  fc.integer({ min: -5, max: 120 }).map((seconds) => operator('SNOOZE', undefined, seconds)),
);

describe('alarm transitions, for any input', () => {
  it('DISABLED and SNOOZE_DISABLED evaluate no data: same state and evaluation, no effect; only a threshold the message carries is kept', () => {
    fc.assert(
      fc.property(fc.constantFrom<'DISABLED' | 'SNOOZE_DISABLED'>('DISABLED', 'SNOOZE_DISABLED'), message, (state, data) => {
        // Arrange
        const before = instance(state);

        // Act
        const result = transitionAlarm(model, before, data, NOW) as AlarmResult;

        // Assert
        const after = result.snapshot as AlarmSnapshot;
        const { threshold, lastUpdateTime: _updated, ...rest } = after;
        const { threshold: _none, lastUpdateTime: _before, ...was } = before;
        expect(result).toMatchObject({ effects: [], stateChanges: [] });
        expect(rest).toEqual(was);
        expect(result.changed).toBe(threshold !== undefined);
      }),
    );
  });

  it('never throws, keeps a snooze due time only while SNOOZE_DISABLED, and every stored instance round-trips through the codec', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ALARM_STATES), fc.array(fc.tuple(trigger, fc.integer({ min: 0, max: 90_000 })), { maxLength: 12 }), (state, steps) => {
        // Arrange
        let snapshot: AlarmSnapshot = instance(state);
        let now = NOW;

        for (const [next, elapsed] of steps) {
          // Act
          now += elapsed;
          const result = transitionAlarm(model, snapshot, next, now);
          if (result.refused) continue;
          snapshot = result.snapshot as AlarmSnapshot;

          // Assert
          expect(snapshot.snoozeDueAt !== undefined).toBe(snapshot.stateName === 'SNOOZE_DISABLED');
          expect(result.effects.length).toBe(result.stateChanges.length);
          expect(deserializeAlarmSnapshot(serializeAlarmSnapshot(snapshot))).toEqual(snapshot);
        }
      }),
    );
  });
});
