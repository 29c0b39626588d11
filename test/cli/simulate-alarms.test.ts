import path from 'node:path';
import { EXAMPLE_ALARM } from '../helpers/alarm';
import { runCli } from '../helpers/cli';
import { jsonLines, tempFiles } from './temp-files';

const MODELS = path.resolve(__dirname, '../../models');
const file = tempFiles();
const T0 = 1_767_225_600_000;
/** A pressure reading of motor `m1` at `second` seconds. */
const pressure = (value: number, second: number) => ({ messageId: `p${second}`, inputName: 'PressureInput', payload: { motorid: 'm1', sensorData: { pressure: value, temperature: 39 } }, timestamp: T0 + second * 1000 });
const operator = (operatorAction: string, second: number, extra: Record<string, unknown> = {}) => ({ operatorAction, alarmModelName: 'motorPressureAlarm', keyValue: 'm1', timestamp: T0 + second * 1000, ...extra });
const lines = (...items: unknown[]) => items.map((item) => JSON.stringify(item)).join('\n');

describe('vigil simulate with alarm models', () => {
  it('runs the shipped motor detector model and pressure alarm model together, with operator lines', async () => {
    // Arrange: a surge, an acknowledgement, an acknowledgement it refuses, a snooze that ends, another surge.
    const messages = file('motor.jsonl', lines(
      pressure(50, 0),
      pressure(80, 1),
      operator('acknowledge', 2, { note: 'on it' }),
      operator('acknowledge', 3),
      operator('snooze', 4, { snoozeDuration: 30 }),
      pressure(90, 60),
    ));

    // Act
    const result = await runCli('simulate', path.join(MODELS, 'motor-detector-model.json'), path.join(MODELS, 'motor-pressure-alarm.json'), '--inputs', path.join(MODELS, 'motor.inputs.json'), '--messages', messages);

    // Assert: exit 4 (a refusal was printed); the alarm's changes in order, the snooze ending at its due second.
    expect(result.stderr).toBe('');
    expect(result.code).toBe(4);
    const printed = jsonLines(result.stdout);
    expect(printed.filter((line) => line.type === 'alarmState').map((line) => [line.from, line.to, line.time - T0])).toEqual([
      ['NORMAL', 'ACTIVE', 1000],
      ['ACTIVE', 'ACKNOWLEDGED', 2000],
      ['ACKNOWLEDGED', 'SNOOZE_DISABLED', 4000],
      ['SNOOZE_DISABLED', 'NORMAL', 34_000],
      ['NORMAL', 'ACTIVE', 60_000],
    ]);
    expect(printed.find((line) => line.type === 'refusal')).toEqual({
      type: 'refusal', time: T0 + 3000, line: 4, operatorAction: 'ACKNOWLEDGE', alarmModelName: 'motorPressureAlarm', keyValue: 'm1',
      requestId: 'operator-2', errorCode: 'InvalidRequestException', errorMessage: "alarm 'm1' of alarm model motorPressureAlarm is ACKNOWLEDGED; only an ACTIVE or LATCHED alarm can be acknowledged",
    });
    // Both models got the surge: the detector's sns action and the alarm's, each naming its model.
    const actions = printed.filter((line) => line.type === 'action' && line.time === T0 + 1000);
    expect(actions.map((line) => line.detectorModelName ?? `alarm ${line.alarmModelName}`)).toEqual(['motorDetectorModel', 'alarm motorPressureAlarm']);
    expect(actions[1].payload).toEqual({
      alarmModelName: 'motorPressureAlarm', alarmModelVersion: '1', keyValue: 'm1', severity: 2, stateUpdateTime: T0 + 1000,
      alarmState: { stateName: 'ACTIVE', ruleEvaluation: { simpleRule: { inputProperty: 80, operator: 'GREATER', threshold: 70 } } },
    });
    // The summary: the detector, then the alarm in DescribeAlarm's shape (times in epoch seconds).
    expect(printed.slice(-2).map((line) => line.type)).toEqual(['detector', 'alarm']);
    expect(printed.at(-1)).toMatchObject({
      alarmModelName: 'motorPressureAlarm', keyValue: 'm1', severity: 2, creationTime: T0 / 1000, lastUpdateTime: T0 / 1000 + 60,
      alarmState: { stateName: 'ACTIVE', ruleEvaluation: { simpleRuleEvaluation: { inputPropertyValue: '90', operator: 'GREATER', thresholdValue: '70' } } },
    });
  });

  it('prints a notification with the event its function gets and the recipients it names', async () => {
    const messages = file('hot.jsonl', lines({ messageId: 'h1', inputName: 'PressureInput', payload: { motorid: 'm1', sensorData: { pressure: 50, temperature: 95 } }, timestamp: T0 }));
    const result = await runCli('simulate', EXAMPLE_ALARM, '--messages', messages);
    expect(result.code).toBe(0);
    const notification = jsonLines(result.stdout).find((line) => line.type === 'notification');
    expect(notification).toMatchObject({
      alarmModelName: 'motorTemperatureAlarm', keyValue: 'm1', functionArn: 'arn:aws:lambda:us-east-1:123456789012:function:vigil-alarm-notifier',
      recipients: [{ identityStoreId: 'd-1234567890', userId: 'operator-1' }],
      event: { emailConfigurations: [{ from: 'alarms@example.com', to: [], cc: [], bcc: [], subject: 'Motor too hot', additionalMessage: 'Check the cooling of the motor.' }], smsConfigurations: [] },
    });
    expect(JSON.parse(notification.event.notificationEventPayload)).toMatchObject({ alarmModelName: 'motorTemperatureAlarm', keyValue: 'm1', alarmState: { stateName: 'ACTIVE' } });
  });

  it('traces alarm evaluations with --trace, and names a bad operator line on stderr', async () => {
    const messages = file('bad.jsonl', lines(pressure(80, 0), operator('snooze', 1)));
    const result = await runCli('simulate', path.join(MODELS, 'motor-pressure-alarm.json'), '--messages', messages, '--trace');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 2: snoozeDuration is required and must be a whole number of seconds .*; skipped$/);
    expect(jsonLines(result.stdout).find((line) => line.type === 'alarmTrace')).toMatchObject({
      timestamp: new Date(T0).toISOString(), alarmModelName: 'motorPressureAlarm', cause: { messageId: 'p0' }, stateAfter: 'ACTIVE',
    });
  });
});
