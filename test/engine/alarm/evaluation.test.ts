import { routeAlarmMessage, transitionAlarm, type AlarmResult, type AlarmSnapshot, type AlarmTrigger } from '../../../lib/engine';
import type { CompiledAlarmModel } from '../../../lib/model';
import { NOW, alarmModel, data, instance, temp } from '../../helpers/alarm';

function apply(compiled: CompiledAlarmModel, snapshot: AlarmSnapshot | undefined, trigger: AlarmTrigger): AlarmResult {
  const result = transitionAlarm(compiled, snapshot, trigger, NOW);
  if (result.refused) throw new Error(result.message);
  return result;
}

describe('alarm rule evaluation', () => {
  it('evaluates only when the message brings the input property: a message without it changes nothing', () => {
    // Arrange
    const before = instance('ACTIVE');

    // Act
    const result = apply(alarmModel(), before, data({ humidity: 80 }));

    // Assert
    expect(result.snapshot).toBe(before);
    expect(result.changed).toBe(false);
  });

  it('does not evaluate messages of another input', () => {
    // Arrange
    const before = instance('NORMAL');

    // Act
    const result = apply(alarmModel(), before, data({ value: 99 }, 'Other'));

    // Assert
    expect(result.changed).toBe(false);
  });

  it.each([
    ['41', '41', '30'],
    ['30.5', '30.5', '30'],
    ['31.0', '31.0', '30'],
  ])('records the values of the evaluation as strings: value %s gives inputPropertyValue %j', (value, inputPropertyValue, thresholdValue) => {
    // Act
    const result = apply(alarmModel(), instance('NORMAL'), temp(value));

    // Assert
    expect(result.snapshot?.ruleEvaluation).toEqual({ inputPropertyValue, operator: 'GREATER', thresholdValue });
  });

  it('compares as the expression language does: Integer with Decimal by value, with EQUAL too', () => {
    // Arrange
    const equal = alarmModel({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'EQUAL', threshold: '30.0' } } });

    // Act
    const result = apply(equal, instance('NORMAL'), temp(30));

    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'ACTIVE', ruleEvaluation: { inputPropertyValue: '30', operator: 'EQUAL', thresholdValue: '30.0' } });
  });

  it('compares with a threshold read from the same message', () => {
    // Arrange
    const dynamic = alarmModel({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'GREATER_OR_EQUAL', threshold: '$input.Temp.limit' } } });

    // Act
    const result = apply(dynamic, instance('NORMAL'), data({ value: 50, limit: 50 }));

    // Assert
    expect(result.snapshot).toMatchObject({ stateName: 'ACTIVE', threshold: { source: '$input.Temp.limit', value: 50n } });
  });

  it('keeps a threshold sent by another input and compares the monitored property with it later', () => {
    // Arrange
    const configured = alarmModel({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'LESS', threshold: '$input.Config.minimum' } } });
    const withThreshold = apply(configured, instance('NORMAL'), data({ minimum: 5.5 }, 'Config'));

    // Act
    const result = apply(configured, withThreshold.snapshot, temp(4));

    // Assert
    expect(withThreshold.snapshot).toMatchObject({ stateName: 'NORMAL', threshold: { value: 5.5 } });
    expect(withThreshold.changed).toBe(true);
    expect(result.snapshot).toMatchObject({ stateName: 'ACTIVE', ruleEvaluation: { inputPropertyValue: '4', operator: 'LESS', thresholdValue: '5.5' } });
  });

  it('leaves the state alone, with a diagnostic, while no message has carried the threshold', () => {
    // Arrange
    const configured = alarmModel({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'LESS', threshold: '$input.Config.minimum' } } });

    // Act
    const result = apply(configured, instance('ACTIVE'), temp(100));

    // Assert
    expect(result.snapshot?.stateName).toBe('ACTIVE');
    expect(result.diagnostics).toEqual([
      { level: 'ERROR', code: 'alarm.rule', path: 'alarmRule.simpleRule.threshold', message: 'the threshold $input.Config.minimum has no value yet: no message has carried it' },
    ]);
  });

  it('leaves the state alone, with a diagnostic, when the values cannot be compared', () => {
    // Act
    const result = apply(alarmModel(), instance('ACTIVE'), temp('"hot"'));

    // Assert
    expect(result.snapshot?.stateName).toBe('ACTIVE');
    expect(result.changed).toBe(false);
    expect(result.diagnostics).toMatchObject([{ code: 'alarm.rule', path: 'alarmRule.simpleRule', message: expect.stringContaining('String GREATER Integer cannot be compared') }]);
  });

  it('stores nothing when an evaluation repeats the last one in the same state', () => {
    // Arrange
    const before = instance('ACTIVE');

    // Act
    const result = apply(alarmModel(), before, temp(35));

    // Assert
    expect(result.snapshot).toBe(before);
    expect(result.changed).toBe(false);
  });

  it('runs a model without a key as one instance, whatever the message carries', () => {
    // Arrange
    const keyless = alarmModel({ key: undefined });
    const first = apply(keyless, undefined, data({ id: 'a', value: 10 }));

    // Act
    const second = apply(keyless, first.snapshot, data({ id: 'b', value: 40 }));

    // Assert
    expect(first.snapshot?.keyValue).toBeUndefined();
    expect(second.snapshot).toMatchObject({ keyValue: undefined, stateName: 'ACTIVE', creationTime: NOW });
  });

  it('keys instances by the key attribute, numbers as their JSON text', () => {
    // Act
    const result = apply(alarmModel(), undefined, data({ id: 42, value: 1 }));

    // Assert
    expect(result.snapshot?.keyValue).toBe('42');
  });
});

describe('routing messages to alarm models', () => {
  it('routes a message to every alarm model whose rule reads its input, each with its own key or the reason it has none', () => {
    // Arrange
    const byId = alarmModel();
    const byDevice = alarmModel({ alarmModelName: 'deviceAlarm', key: 'device' });
    const configured = alarmModel({ alarmModelName: 'configured', alarmRule: { simpleRule: { inputProperty: '$input.Other.v', comparisonOperator: 'LESS', threshold: '$input.Temp.value' } } });
    const elsewhere = alarmModel({ alarmModelName: 'elsewhere', alarmRule: { simpleRule: { inputProperty: '$input.Other.v', comparisonOperator: 'LESS', threshold: '3' } } });

    // Act
    const routes = routeAlarmMessage([byId, byDevice, configured, elsewhere], 'Temp', data({ value: 3 }).payload);

    // Assert
    expect(routes.map(({ model, key }) => [model.name, key])).toEqual([
      ['tempAlarm', { keyValue: 'dev-1' }],
      ['deviceAlarm', { error: "the payload has no key attribute 'device' required by alarm model deviceAlarm" }],
      ['configured', { keyValue: 'dev-1' }],
    ]);
  });
});
