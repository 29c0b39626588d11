import type { DetectorSnapshot } from '../../../lib/engine';
import type { ActionEffect } from '../../../lib/engine';
import { clock, formatAction, formatDetectorChange, formatFailure, formatQueueMessage, showTarget } from '../../../local/tail/format';

/** A deviceConnectivity detector in a state, with string variables and running timers (due times). */
function snapshot(stateName: string, variables: Record<string, string>, timers: Record<string, number>): DetectorSnapshot {
  return {
    detectorModelName: 'deviceConnectivity',
    detectorModelVersion: '1',
    keyValue: 'pump-0042',
    stateName,
    variables,
    inputs: {},
    timers: Object.fromEntries(Object.entries(timers).map(([name, dueAt]) => [name, { dueAt, durationSeconds: 300, generation: 1, wakeAt: dueAt }])),
    expiredTimers: [],
    timerSequence: 1,
    sequence: 1,
    creationTime: 0,
    lastUpdateTime: 0,
  };
}

const DEFAULT_PAYLOAD = {
  eventTime: 1558129816420,
  payload: {
    actionExecutionId: '5d7444df-a655-3587-a609-dbd7a0f55267',
    detector: { detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32', detectorModelVersion: '1' },
    eventTriggerDetails: { inputName: 'PressureInput', messageId: '00001', triggerType: 'Message' },
    state: { stateName: 'Dangerous', variables: { pressureThresholdBreached: 3 }, timers: {} },
  },
  eventName: 'Pressure Threshold Breached',
};
const notification = (message: string) => JSON.stringify({ Type: 'Notification', MessageId: 'n1', TopicArn: 'arn:aws:sns:us-east-1:000000000000:vigil-local-alerts', Message: message });

describe('vigil tail lines', () => {
  it("summarises IoT Events' default SNS payload as detector, event and state", () => {
    // Arrange
    const body = notification(JSON.stringify(DEFAULT_PAYLOAD));

    // Act
    const line = formatQueueMessage(body, 'vigil-local-alerts-inbox');

    // Assert
    expect(line).toBe('action    sns vigil-local-alerts  motorDetectorModel/Fulton-A32  "Pressure Threshold Breached"  (in Dangerous; pressureThresholdBreached=3)');
  });

  it('prints a custom JSON payload compactly, and a plain queue message as it came', () => {
    // Arrange
    const custom = notification('{"alert": "DEVICE_OFFLINE", "clientId": "pump-0042"}');

    // Act
    const lines = [formatQueueMessage(custom, 'inbox'), formatQueueMessage('not json', 'vigil-local-ingest-dlq')];

    // Assert
    expect(lines).toEqual(['action    sns vigil-local-alerts  {"alert":"DEVICE_OFFLINE","clientId":"pump-0042"}', 'action    sqs vigil-local-ingest-dlq  not json']);
  });

  it('shows a new detector, then its moves between states with variables and timers', () => {
    // Arrange
    const created = snapshot('Online', { clientId: 'pump-0042' }, {});
    const offline = snapshot('Offline', { clientId: 'pump-0042' }, { grace: Date.UTC(2026, 10, 21, 12, 5, 0) });

    // Act
    const first = formatDetectorChange(created, undefined, true);
    const second = formatDetectorChange(offline, first.view, false);
    const unseen = formatDetectorChange(offline, undefined, false);

    // Assert
    expect([first.line, second.line, unseen.line]).toEqual([
      'detector  deviceConnectivity/pump-0042  created in Online  clientId="pump-0042"',
      'detector  deviceConnectivity/pump-0042  Online → Offline  clientId="pump-0042"; timers: grace at 12:05:00',
      'detector  deviceConnectivity/pump-0042  in Offline  clientId="pump-0042"; timers: grace at 12:05:00',
    ]);
  });

  it('prints nothing for a write that changed neither state, variables nor timers', () => {
    // Arrange
    const normal = snapshot('Online', { clientId: 'pump-0042' }, {});
    const seen = formatDetectorChange(normal, undefined, true).view;

    // Act
    const again = formatDetectorChange({ ...normal, lastUpdateTime: 5000 }, seen, false);

    // Assert
    expect(again.line).toBeUndefined();
  });

  it('starts every line with the UTC time of day', () => {
    // Arrange
    const time = Date.UTC(2026, 10, 21, 7, 8, 9);

    // Act
    const text = clock(time);

    // Assert
    expect(text).toBe('07:08:09');
  });

  it('prints a committed action with its type, where it goes (a mapped target with its local name) and its payload', () => {
    // Arrange
    const base = { actionExecutionId: 'x', eventName: 'Pressure Threshold Breached', detectorModelName: 'motorDetectorModel', detectorModelVersion: '1', keyValue: 'Fulton-A32', time: 0, path: '' };
    const sns: ActionEffect = { ...base, type: 'sns', targetArn: 'arn:aws:sns:eu-west-1:123456789012:alerts', payload: { type: 'JSON', text: JSON.stringify(DEFAULT_PAYLOAD) } };
    const sqs: ActionEffect = { ...base, type: 'sqs', queueUrl: 'http://sqs.us-east-1.localhost:4566/000000000000/orders', useBase64: false, payload: { type: 'STRING', text: 'hello' } };
    const sitewise: ActionEffect = { ...base, type: 'iotSiteWise', entryId: 'e', assetId: undefined, propertyId: undefined, propertyAlias: '/motor/pressure', propertyValue: { value: { doubleValue: 1 }, timestamp: { timeInSeconds: 1, offsetInNanos: 0 }, quality: undefined } };

    // Act
    const lines = [formatAction(sns, showTarget(sns.targetArn, 'alerts')), formatAction(sqs, showTarget(sqs.queueUrl, undefined)), formatAction(sitewise, showTarget('/motor/pressure', undefined))];

    // Assert
    expect(lines).toEqual([
      'action    sns arn:aws:sns:eu-west-1:123456789012:alerts → local alerts  motorDetectorModel/Fulton-A32  "Pressure Threshold Breached"  (in Dangerous; pressureThresholdBreached=3)',
      'action    sqs orders  hello',
      'action    iotSiteWise /motor/pressure  motorDetectorModel/Fulton-A32  "Pressure Threshold Breached"',
    ]);
  });

  it('prints an action that failed for good as FAILED, with where it went, why, and whose it was', () => {
    // Arrange
    const note = { detector: 'motorDetectorModel|Fulton-A32', actionExecutionId: 'x', action: 'sns', eventName: 'Pressure Threshold Breached', target: 'arn:aws:sns:eu-west-1:123456789012:nowhere', error: 'NotFoundException: Topic does not exist', attempts: 1, failedAt: 0 };

    // Act
    const line = formatFailure(note, showTarget(note.target, 'missing'));

    // Assert
    expect(line).toBe('action    FAILED sns arn:aws:sns:eu-west-1:123456789012:nowhere → local missing: NotFoundException: Topic does not exist  (motorDetectorModel/Fulton-A32 "Pressure Threshold Breached", 1 attempt)');
  });
});
