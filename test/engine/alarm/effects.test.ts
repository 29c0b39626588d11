import {
  alarmOptions, notificationEvent, transitionAlarm, type ActionEffect, type AlarmNotificationEffect, type AlarmResult, type AlarmSnapshot, type AlarmTrigger,
} from '../../../lib/engine';
import type { CompiledAlarmModel } from '../../../lib/model';
import { ALARM_TOPIC, NOW, ackFlow, alarmModel, instance, operator, temp } from '../../helpers/alarm';

function apply(compiled: CompiledAlarmModel, snapshot: AlarmSnapshot | undefined, trigger: AlarmTrigger, options = alarmOptions()): AlarmResult {
  const result = transitionAlarm(compiled, snapshot, trigger, NOW, options);
  if (result.refused) throw new Error(result.message);
  return result;
}

const NOTIFIER = 'arn:aws:lambda:us-east-1:123456789012:function:notifier';
const NOTIFICATION = {
  notificationActions: [
    {
      action: { lambdaAction: { functionArn: NOTIFIER } },
      emailConfigurations: [
        { from: 'alarms@example.com', content: { subject: 'Too hot' }, recipients: { to: [{ ssoIdentity: { identityStoreId: 'd-1', userId: 'u-1' } }] } },
      ],
      smsConfigurations: [{ senderId: 'VIGIL', recipients: [{ ssoIdentity: { identityStoreId: 'd-1', userId: 'u-2' } }] }],
    },
  ],
};

describe('alarm state change effects', () => {
  it('sends the default payload of decision AL5 when an action has no payload of its own', () => {
    // Act
    const [effect] = apply(alarmModel(), instance('NORMAL'), temp(41)).effects as ActionEffect[];

    // Assert
    expect(effect).toMatchObject({ type: 'sns', targetArn: ALARM_TOPIC, detectorModelName: 'tempAlarm', detectorModelVersion: '1', keyValue: 'dev-1', time: NOW });
    expect(effect.type === 'sns' && effect.payload).toEqual({
      type: 'JSON',
      text:
        '{"alarmModelName":"tempAlarm","alarmModelVersion":"1","keyValue":"dev-1","severity":3,"stateUpdateTime":1700000000000,' +
        '"alarmState":{"stateName":"ACTIVE","ruleEvaluation":{"simpleRule":{"inputProperty":41,"operator":"GREATER","threshold":30}}}}',
    });
  });

  it('includes the operator action and leaves out keyValue for a model without a key', () => {
    // Arrange
    const keyless = alarmModel({ key: undefined, severity: undefined });

    // Act
    const [effect] = apply(keyless, instance('ACTIVE', { keyValue: undefined, severity: undefined }), operator('ACKNOWLEDGE', 'ok')).effects as ActionEffect[];

    // Assert
    expect(effect.type === 'sns' && JSON.parse(effect.payload.text)).toEqual({
      alarmModelName: 'tempAlarm',
      alarmModelVersion: '1',
      stateUpdateTime: NOW,
      alarmState: {
        stateName: 'ACKNOWLEDGED',
        ruleEvaluation: { simpleRule: { inputProperty: 35, operator: 'GREATER', threshold: 30 } },
        customerAction: { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'ok' } },
      },
    });
  });

  it('evaluates a custom payload against the message that changed the state', () => {
    // Arrange
    const custom = alarmModel({
      alarmEventActions: { alarmActions: [{ sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', payload: { contentExpression: "'hot: ${$input.Temp.value}'", type: 'STRING' } } }] },
    });

    // Act
    const [effect] = apply(custom, instance('NORMAL'), temp(44)).effects as ActionEffect[];

    // Assert
    expect(effect.type === 'sqs' && effect.payload).toEqual({ type: 'STRING', text: 'hot: 44' });
  });

  it('skips an action that reads $input on a change an operator made, with a diagnostic, and still runs the others', () => {
    // Arrange
    const reading = alarmModel({
      alarmEventActions: { alarmActions: [{ iotTopicPublish: { mqttTopic: "'alarms/' + $input.Temp.id" } }, { sns: { targetArn: ALARM_TOPIC } }] },
    });

    // Act
    const result = apply(reading, instance('ACTIVE'), operator('ACKNOWLEDGE'));

    // Assert
    expect(result.effects.map((effect) => effect.type)).toEqual(['sns']);
    expect(result.diagnostics).toMatchObject([{ code: 'action.field', path: 'alarmEventActions.alarmActions[0].iotTopicPublish.mqttTopic' }]);
  });

  it('writes the alarm state as the stringValue of an iotSiteWise action without propertyValue', () => {
    // Arrange
    const siteWise = alarmModel({ alarmEventActions: { alarmActions: [{ iotSiteWise: { assetId: "'asset-1'", propertyId: "'alarm-state'" } }] } });

    // Act
    const [effect] = apply(siteWise, instance('NORMAL'), temp(31)).effects as ActionEffect[];

    // Assert
    expect(effect).toMatchObject({
      type: 'iotSiteWise',
      assetId: 'asset-1',
      propertyId: 'alarm-state',
      propertyValue: {
        value: { stringValue: '{"stateName":"ACTIVE","ruleEvaluation":{"simpleRule":{"inputProperty":31,"operator":"GREATER","threshold":30}}}' },
        timestamp: { timeInSeconds: NOW / 1000, offsetInNanos: 0 },
      },
    });
  });

  it('gives the same action ids to the same transition, and different ones to every action and change', () => {
    // Arrange
    const twoActions = alarmModel({ alarmEventActions: { alarmActions: [{ sns: { targetArn: ALARM_TOPIC } }, { sns: { targetArn: ALARM_TOPIC } }] } });
    const trigger = temp(40);

    // Act
    const first = apply(twoActions, instance('NORMAL'), trigger).effects.map((effect) => effect.actionExecutionId);
    const again = apply(twoActions, instance('NORMAL'), trigger).effects.map((effect) => effect.actionExecutionId);
    const later = apply(twoActions, instance('NORMAL', { sequence: 5 }), trigger).effects.map((effect) => effect.actionExecutionId);

    // Assert
    expect(again).toEqual(first);
    expect(new Set([...first, ...later]).size).toBe(4);
  });

  it('invokes each notification Lambda with the default payload and the unresolved recipients', () => {
    // Arrange
    const notifying = alarmModel({ alarmNotification: NOTIFICATION });

    // Act
    const result = apply(notifying, instance('NORMAL'), temp(31));

    // Assert
    const notification = result.effects[1] as AlarmNotificationEffect;
    expect(result.effects.map((effect) => effect.type)).toEqual(['sns', 'alarmNotification']);
    expect(notification).toMatchObject({
      functionArn: NOTIFIER,
      alarmModelName: 'tempAlarm',
      keyValue: 'dev-1',
      path: 'alarmNotification.notificationActions[0]',
      emailConfigurations: [{ from: 'alarms@example.com', subject: 'Too hot', additionalMessage: undefined, recipients: [{ identityStoreId: 'd-1', userId: 'u-1' }] }],
      smsConfigurations: [{ senderId: 'VIGIL', additionalMessage: undefined, recipients: [{ identityStoreId: 'd-1', userId: 'u-2' }] }],
    });
    expect(JSON.parse(notification.notificationEventPayload)).toMatchObject({ alarmModelName: 'tempAlarm', keyValue: 'dev-1', severity: 3, alarmState: { stateName: 'ACTIVE' } });
  });

  it('sends no notification when the acknowledge flow is off, unless notifyWithoutAcknowledgeFlow says so; actions run either way', () => {
    // Arrange
    const silent = alarmModel({ alarmNotification: NOTIFICATION, alarmCapabilities: ackFlow(false) });

    // Act
    const quiet = apply(silent, instance('NORMAL'), temp(31));
    const told = apply(silent, instance('NORMAL'), temp(31), alarmOptions({ notifyWithoutAcknowledgeFlow: true }));

    // Assert
    expect(quiet.effects.map((effect) => effect.type)).toEqual(['sns']);
    expect(told.effects.map((effect) => effect.type)).toEqual(['sns', 'alarmNotification']);
  });

  it('builds the notification Lambda event AWS documents: the payload as a string, recipients resolved', () => {
    // Arrange
    const notification = apply(alarmModel({ alarmNotification: NOTIFICATION }), instance('NORMAL'), temp(31)).effects[1] as AlarmNotificationEffect;
    const directory: Record<string, { email?: string; phoneNumber?: string }> = { 'u-1': { email: 'ops@example.com' }, 'u-2': { phoneNumber: '+15555550100' } };

    // Act
    const event = JSON.parse(notificationEvent(notification, (identity) => directory[identity.userId ?? '']));

    // Assert
    expect(event).toEqual({
      notificationEventPayload: notification.notificationEventPayload,
      emailConfigurations: [{ from: 'alarms@example.com', to: ['ops@example.com'], cc: [], bcc: [], subject: 'Too hot' }],
      smsConfigurations: [{ phoneNumbers: ['+15555550100'], senderId: 'VIGIL' }],
    });
  });

  it('reports a notification it cannot send at the notification\'s own JSON path', () => {
    // Arrange
    const chosen = alarmModel({ alarmNotification: { notificationActions: [{ action: { lambdaAction: { functionArn: "'arn:aws:lambda:us-east-1:123456789012:function:' + $input.Temp.owner" } } }] } });

    // Act
    const result = apply(chosen, instance('ACTIVE'), operator('ACKNOWLEDGE'));

    // Assert
    expect(result.effects.map((effect) => effect.type)).toEqual(['sns']);
    expect(result.diagnostics).toMatchObject([
      { code: 'action.field', path: 'alarmNotification.notificationActions[0].action.lambdaAction.functionArn', message: 'notification not sent: functionArn is undefined' },
    ]);
  });
});
