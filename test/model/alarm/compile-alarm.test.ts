import { ModelValidationError, compileAlarmModel, type CreateAlarmModelRequest } from '../../../lib/model';
import { alarmBody, exampleAlarm } from '../../helpers/alarm';

describe('compiling an alarm model', () => {
  it('applies AWS defaults: new instances start DISABLED and the acknowledge flow is on', () => {
    // Arrange
    const body = alarmBody({ alarmCapabilities: undefined, severity: undefined, key: undefined }) as unknown as CreateAlarmModelRequest;

    // Act
    const model = compileAlarmModel(body, { version: '3' });

    // Assert
    expect(model).toMatchObject({ name: 'tempAlarm', version: '3', key: undefined, severity: undefined, disabledOnInitialization: true, acknowledgeFlow: true });
  });

  it('compiles the rule, the inputs it reads, the actions and the notifications of the example', () => {
    // Act
    const model = compileAlarmModel(exampleAlarm());

    // Assert
    expect(model).toMatchObject({
      key: { path: 'motorid', segments: ['motorid'] },
      severity: 2,
      disabledOnInitialization: false,
      acknowledgeFlow: true,
      rule: { operator: 'GREATER', inputProperty: { source: '$input.PressureInput.sensorData.temperature', input: 'PressureInput' }, threshold: { source: '80', input: undefined } },
      actions: [{ type: 'sns', path: 'alarmEventActions.alarmActions[0]' }, { type: 'iotTopicPublish', path: 'alarmEventActions.alarmActions[1]' }],
      notifications: [{
        path: 'alarmNotification.notificationActions[0]',
        lambda: { type: 'lambda', fields: { functionArn: { literal: 'arn:aws:lambda:us-east-1:123456789012:function:vigil-alarm-notifier' } } },
        email: [{ from: 'alarms@example.com', subject: 'Motor too hot', recipients: [{ identityStoreId: 'd-1234567890', userId: 'operator-1' }] }],
        sms: [],
      }],
    });
    expect([...model.inputs]).toEqual(['PressureInput']);
  });

  it('routes messages of both inputs when the threshold reads another input', () => {
    // Arrange
    const body = alarmBody({ alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'LESS', threshold: '$input.Config.minimum' } } });

    // Act
    const model = compileAlarmModel(body as unknown as CreateAlarmModelRequest);

    // Assert
    expect([...model.inputs]).toEqual(['Temp', 'Config']);
  });

  it('throws a ModelValidationError listing every error of an invalid model', () => {
    // Arrange
    const body = alarmBody({ alarmModelName: '', severity: -1 }) as unknown as CreateAlarmModelRequest;

    // Act
    const compile = () => compileAlarmModel(body);

    // Assert
    expect(compile).toThrow(ModelValidationError);
    expect(compile).toThrow(/^invalid alarm model: 2 error\(s\)\nalarmModelName: alarmModelName is empty.*\nseverity: severity must be/);
  });
});
