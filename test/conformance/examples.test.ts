import { parseTypedJson, stringifyTypedJson } from '../../lib/expression';
import { describeDetector, type ActionEffect } from '../../lib/engine';
import { compileModel, type CreateDetectorModelRequest, type CreateInputRequest } from '../../lib/model';
import { Simulator, parseMessagesFile } from '../../lib/simulation';
import { example } from '../helpers/engine';

type Body = { messages: { messageId: string; inputName: string; payload: string }[] };

/** Replays BatchPutMessage bodies through the model(s), one second apart. */
function replay(models: CreateDetectorModelRequest[], inputs: CreateInputRequest[], bodies: Body[], start = 1_558_129_816_000) {
  const simulator = new Simulator(models.map((m) => compileModel(m, { inputs })));
  const messages = parseMessagesFile(JSON.stringify(bodies), start);
  const actions = messages.flatMap((m) => simulator.send(m)).flatMap((e) => (e.type === 'action' ? [e.effect] : []));
  return { actions, detectors: simulator.snapshots().map(describeDetector), simulator };
}

/** The payload with the two fields that legitimately differ between runs blanked out. */
function comparable(text: string): string {
  const parsed = parseTypedJson(text) as { eventTime: unknown; payload: { actionExecutionId: unknown } };
  parsed.eventTime = 0n;
  parsed.payload.actionExecutionId = '';
  return stringifyTypedJson(parsed);
}

describe('AWS motor example (iotevents-simple-example)', () => {
  const motor = example<CreateDetectorModelRequest>('motorDetectorModel.json');
  const inputs = example<CreateInputRequest[]>('motorDetectorModel.inputs.json');
  const [high, low] = example<Body[]>('motorDetectorModel.messages.json');
  const lowWithId = (id: string): Body => ({ messages: [{ ...low.messages[0], messageId: id }] });
  const documented = example<unknown[]>('motorDetectorModel.expected-sns-payloads.json');

  it('sends the two documented SNS payloads, byte for byte but for eventTime and actionExecutionId', () => {
    // Arrange: 80, then three 60s (messageIds 00002–00004 as in the docs).
    const bodies = [high, lowWithId('00002'), lowWithId('00003'), lowWithId('00004')];
    // Act
    const { actions } = replay([motor], inputs, bodies);
    // Assert
    expect(actions.map((a) => [a.type, a.eventName, (a as Extract<ActionEffect, { type: 'sns' }>).targetArn])).toEqual([
      ['sns', 'Pressure Threshold Breached', 'arn:aws:sns:us-east-1:123456789012:underPressureAction'],
      ['sns', 'Normal Pressure Restored', 'arn:aws:sns:us-east-1:123456789012:pressureClearedAction'],
    ]);
    const ours = actions.map((a) => comparable((a as Extract<ActionEffect, { type: 'sns' }>).payload.text));
    expect(ours).toEqual(documented.map((payload) => comparable(stringifyTypedJson(parseTypedJson(JSON.stringify(payload))))));
  });

  it('gives every payload a version-3 UUID and the processing time', () => {
    const { actions } = replay([motor], inputs, [high]);
    const payload = JSON.parse((actions[0] as Extract<ActionEffect, { type: 'sns' }>).payload.text);
    expect(payload.payload.actionExecutionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(payload.eventTime).toBe(1_558_129_816_000);
  });

  it('ends back in Normal after the third low reading, as the docs describe', () => {
    const { detectors } = replay([motor], inputs, [high, lowWithId('00002'), lowWithId('00003'), lowWithId('00004')]);
    expect(detectors).toEqual([
      {
        detectorModelName: 'motorDetectorModel',
        keyValue: 'Fulton-A32',
        detectorModelVersion: '1',
        state: { stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] },
        creationTime: 1_558_129_816,
        lastUpdateTime: 1_558_129_819,
      },
    ]);
  });

  it('stays Dangerous after only two low readings (BATCH: the transition sees the old counter)', () => {
    const { detectors, actions } = replay([motor], inputs, [high, lowWithId('00002'), lowWithId('00003')]);
    expect(detectors[0].state).toEqual({ stateName: 'Dangerous', variables: [{ name: 'pressureThresholdBreached', value: '1' }], timers: [] });
    expect(actions).toHaveLength(1);
  });

  it('keeps one detector per motorid', () => {
    const other: Body = { messages: [{ messageId: 'x1', inputName: 'PressureInput', payload: '{"motorid": "Other-1", "sensorData": {"pressure": 10}}' }] };
    const { detectors } = replay([motor], inputs, [high, other]);
    expect(detectors.map((d) => [d.keyValue, d.state.stateName])).toEqual([['Fulton-A32', 'Dangerous'], ['Other-1', 'Normal']]);
  });
});

describe('AWS crane example: one input routed to two models', () => {
  const crane = example<CreateDetectorModelRequest>('craneDetectorModel.json');
  const inputs = example<CreateInputRequest[]>('crane.inputs.json');
  const messages = example<Record<string, Body>>('crane.messages.json');

  it('counts overheating per crane and alerts after the sixth breach', () => {
    // Arrange: seven hot readings (messageIds must differ: the same id within 5 minutes is ignored).
    const hot = (i: number): Body => ({ messages: [{ ...messages.highTemperatureMessage.messages[0], messageId: `hot${i}` }] });
    // Act
    const { actions, detectors } = replay([crane], inputs, [1, 2, 3, 4, 5, 6, 7].map(hot));
    // Assert: the counter is compared before the increment of the same cycle (BATCH).
    expect(actions.map((a) => a.eventName)).toEqual(['Crane Threshold Breached']);
    expect(detectors[0].state.variables).toEqual([{ name: 'craneThresholdBreached', value: '7' }]);
    expect(detectors[0].keyValue).toBe('100009');
  });

  it('routes the same message to a model keyed by motorid and one keyed by craneid', () => {
    const motorLevel: CreateDetectorModelRequest = { ...crane, detectorModelName: 'craneMotorDetectorModel', key: 'motorid' };
    const { detectors } = replay([crane, motorLevel], inputs, [messages.highTemperatureMessage, messages.lowTemperatureMessage]);
    expect(detectors.map((d) => `${d.detectorModelName}/${d.keyValue}`)).toEqual(['craneDetectorModel/100009', 'craneMotorDetectorModel/200009']);
  });
});

describe('AWS simple alarm blueprint', () => {
  const blueprint = { ...example<CreateDetectorModelRequest>('simpleAlarmBlueprint.json'), detectorModelName: 'simpleAlarm' };
  const input = 'AWS_IoTEvents_Blueprints_Simple_Alarm_Input';
  const send = (id: string, body: string): Body => ({ messages: [{ messageId: id, inputName: input, payload: body }] });

  it('loads its threshold with the x != x idiom, alarms, and escalates when not acknowledged', () => {
    // Arrange
    const simulator = new Simulator([compileModel(blueprint)]);
    const msgs = parseMessagesFile(
      JSON.stringify([send('1', '{"alarmId": "a1", "threshold": 50, "value": 10}'), send('2', '{"alarmId": "a1", "value": 60}')]),
      0,
    );
    // Act
    const events = [...msgs.flatMap((m) => simulator.send(m)), ...simulator.advanceTo(301_000)];
    // Assert
    const actions = events.flatMap((e) => (e.type === 'action' ? [[e.effect.eventName, e.time]] : []));
    expect(actions).toEqual([['Alarm Notification', 1000], ['Escalated Alarm Notification', 301_000]]);
    expect(describeDetector(simulator.snapshots()[0]).state.stateName).toBe('Alarming');
  });
});

describe('AWS device heartbeat blueprint', () => {
  const definition = example<Pick<CreateDetectorModelRequest, 'detectorModelDefinition'>>('deviceHeartbeatBlueprint.json');
  const heartbeat = { ...definition, detectorModelName: 'heartbeat', key: 'deviceId' };
  const input = 'AWS_IoTEvents_Blueprints_Heartbeat_Input';
  const beat = (at: number) => ({ messageId: `b${at}`, inputName: input, payload: '{"deviceId": "d1", "value": 1}', timestamp: at });

  it('goes Offline when no heartbeat arrives for 300 s and back to Normal on the next one', () => {
    // Arrange: heartbeats at 0, 100 and 200 s, silence until 600 s, one more at 700 s.
    const simulator = new Simulator([compileModel(heartbeat)]);
    const messages = parseMessagesFile(JSON.stringify([beat(0), beat(100_000), beat(200_000)]), 0);
    // Act
    const events = messages.flatMap((m) => simulator.send(m));
    events.push(...simulator.advanceTo(600_000));
    const offline = describeDetector(simulator.snapshots()[0]).state.stateName;
    events.push(...simulator.send(parseMessagesFile(JSON.stringify([beat(700_000)]), 0)[0]));
    // Assert: each heartbeat reset the timer, so it fired 300 s after the last one (at 500 s).
    const actions = events.flatMap((e) => (e.type === 'action' ? [[e.effect.eventName, e.time]] : []));
    expect(actions).toEqual([['Send_notification', 500_000]]);
    expect(offline).toBe('Offline');
    expect(describeDetector(simulator.snapshots()[0]).state).toEqual({
      stateName: 'Normal',
      variables: [],
      timers: [{ name: 'awake', timestamp: 1000 }],
    });
  });
});
