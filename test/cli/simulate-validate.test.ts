import path from 'node:path';
import { EXAMPLES, example } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { jsonLines, tempFiles } from './temp-files';

const file = tempFiles();
const lines = jsonLines;

describe('vigil validate', () => {
  it('accepts the AWS motor model with its inputs', async () => {
    const result = await runCli('validate', path.join(EXAMPLES, 'motorDetectorModel.json'), '--inputs', path.join(EXAMPLES, 'motorDetectorModel.inputs.json'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/motorDetectorModel\.json: valid, 0 warning\(s\)$/);
  });

  it('prints one path: message line per error and exits 1', async () => {
    // Arrange: three independent problems in one model.
    const broken = file('broken.json', {
      detectorModelName: 'broken',
      detectorModelDefinition: {
        initialStateName: 'Nowhere',
        states: [
          { stateName: 'A', onInput: { transitionEvents: [{ eventName: 'go', condition: '($input.In.v + )', nextState: 'B' }] } },
          { stateName: 'B', onInput: { events: [{ eventName: 'e', condition: '$input.In.v > 1', actions: [{ setTimer: { timerName: 't', seconds: 10 } }] }] } },
        ],
      },
    });
    // Act
    const result = await runCli('validate', broken);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      "states[0].onInput.transitionEvents[0].condition: unexpected ')' at 15; expected an operand",
      expect.stringMatching(/^states\[1\]\.onInput\.events\[0\]\.actions\[0\]\.setTimer\.seconds: .*at least 60 seconds/),
      'initialStateName: initialStateName "Nowhere" is not the name of a state; known states: A, B',
    ]);
    expect(result.stderr).toMatch(/invalid, 3 error\(s\)/);
  });

  it('reports an unknown input when the inputs are given', async () => {
    const inputs = file('inputs.json', { inputName: 'Other', inputDefinition: { attributes: [{ jsonPath: 'v' }] } });
    const result = await runCli('validate', path.join(EXAMPLES, 'motorDetectorModel.json'), '--inputs', inputs);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^states\[0\]\.onInput\.transitionEvents\[0\]\.condition: input "PressureInput" does not exist; known inputs: Other, AwsIotPresence, AwsIotConnectFailure, AwsIotSubscription, AwsIotThing and 9 more$/m);
  });
});

describe('vigil validate --inputs', () => {
  const motor = path.join(EXAMPLES, 'motorDetectorModel.json');
  const motorInputs = example<object[]>('motorDetectorModel.inputs.json');

  it('reports every problem of the inputs file, each path naming its input, and exits 1', async () => {
    // Arrange: the motor's valid input, then one with a bad name and path, then one without attributes.
    const inputs = file('bad-inputs.json', [
      ...motorInputs,
      { inputName: 'In-x', inputDefinition: { attributes: [{ jsonPath: 'a..b' }] } },
      { inputName: 'Empty', inputDefinition: { attributes: [] } },
    ]);
    // Act
    const result = await runCli('validate', motor, '--inputs', inputs);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual([
      expect.stringMatching(/^inputs\[1\]\.inputName: .*In-x/),
      expect.stringMatching(/^inputs\[1\]\.inputDefinition\.attributes\[0\]\.jsonPath: jsonPath "a\.\.b" is not an attribute path/),
      expect.stringMatching(/^inputs\[2\]\.inputDefinition\.attributes: attributes is empty/),
    ]);
    expect(result.stderr).toMatch(/invalid, 3 error\(s\)/);
  });

  it('names the single input of a one-body file inputs[0] and reports its warnings', async () => {
    const inputs = file('one-input.json', { inputName: 'PressureInput', inputDefinition: { attributes: [{ jsonPath: 'motorid' }, { jsonPath: 'motorid' }, { jsonPath: 'sensorData.pressure' }] } });
    const result = await runCli('validate', motor, '--inputs', inputs);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^warning: inputs\[0\]\.inputDefinition\.attributes\[1\]\.jsonPath: jsonPath "motorid" is declared twice/m);
  });

  it('makes simulate refuse an invalid inputs file too', async () => {
    const inputs = file('bad-input.json', { inputName: 'In-x', inputDefinition: { attributes: [{ jsonPath: 'v' }] } });
    const result = await runCli('simulate', motor, '--inputs', inputs, '--messages', file('none.json', []));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^inputs\[0\]\.inputName: /);
  });
});

describe('vigil simulate', () => {
  const motor = path.join(EXAMPLES, 'motorDetectorModel.json');
  const inputs = path.join(EXAMPLES, 'motorDetectorModel.inputs.json');
  const low = (id: string, at: number) => ({ messageId: id, inputName: 'PressureInput', payload: '{"motorid": "Fulton-A32", "sensorData": {"pressure": 60, "temperature": 29}}', timestamp: at });
  const high = { messageId: '00001', inputName: 'PressureInput', payload: '{"motorid": "Fulton-A32", "sensorData": {"pressure": 80, "temperature": 39}}', timestamp: 1_558_129_816_420 };

  it('prints each action and then each detector, as JSON lines', async () => {
    // Arrange
    const messages = file('motor.jsonl', [high, low('00002', 1_558_129_900_000), low('00003', 1_558_129_910_000), low('00004', 1_558_129_925_568)].map((m) => JSON.stringify(m)).join('\n'));
    // Act
    const result = await runCli('simulate', motor, '--inputs', inputs, '--messages', messages);
    // Assert
    expect(result.code).toBe(0);
    const [first, second, detector] = lines(result.stdout);
    expect(first).toMatchObject({
      type: 'action',
      time: 1_558_129_816_420,
      detectorModelName: 'motorDetectorModel',
      keyValue: 'Fulton-A32',
      eventName: 'Pressure Threshold Breached',
      action: 'sns',
      target: 'arn:aws:sns:us-east-1:123456789012:underPressureAction',
      payload: { eventTime: 1_558_129_816_420, payload: { state: { stateName: 'Dangerous', variables: { pressureThresholdBreached: 3 } } } },
    });
    expect(second).toMatchObject({ eventName: 'Normal Pressure Restored', payload: { eventTime: 1_558_129_925_568, eventName: 'Normal Pressure Restored' } });
    expect(detector).toEqual({
      type: 'detector',
      detectorModelName: 'motorDetectorModel',
      keyValue: 'Fulton-A32',
      detectorModelVersion: '1',
      state: { stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] },
      creationTime: 1_558_129_816.42,
      lastUpdateTime: 1_558_129_925.568,
    });
  });

  it('reads the AWS BatchPutMessage files as they are', async () => {
    const result = await runCli('simulate', motor, '--inputs', inputs, '--messages', path.join(EXAMPLES, 'motorDetectorModel.messages.json'));
    expect(lines(result.stdout).map((line) => line.type)).toEqual(['action', 'detector']);
  });

  it('fires timers in virtual time up to --until and adds trace records with --trace', async () => {
    // Arrange: the heartbeat blueprint, one beat at t=0, then silence.
    const model = file('heartbeat.json', { ...example<object>('deviceHeartbeatBlueprint.json'), detectorModelName: 'heartbeat', key: 'id' });
    const messages = file('beat.json', [{ messageId: 'b1', inputName: 'AWS_IoTEvents_Blueprints_Heartbeat_Input', payload: { id: 'd1', value: 1 }, timestamp: 0 }]);
    // Act
    const result = await runCli('simulate', model, '--messages', messages, '--until', '400000', '--trace');
    // Assert
    const output = lines(result.stdout);
    expect(output.map((line) => line.type)).toEqual(['trace', 'trace', 'action', 'detector']);
    expect(output[1]).toMatchObject({ type: 'trace', timestamp: '1970-01-01T00:05:00.000Z', level: 'DEBUG', messageType: 'TIMER_EXPIRY', timerName: 'awake', initialState: 'Normal', finalState: 'Offline' });
    expect(output[2]).toMatchObject({ type: 'action', time: 300_000, eventName: 'Send_notification', target: 'sns-topic-arn' });
  });

  it('allows shorter timers with --min-timer-seconds', async () => {
    const model = file('short.json', {
      detectorModelName: 'short',
      detectorModelDefinition: {
        initialStateName: 'A',
        states: [{ stateName: 'A', onInput: { events: [{ eventName: 'arm', condition: 'currentInput("In")', actions: [{ setTimer: { timerName: 't', seconds: 2 } }] }] } }],
      },
    });
    const messages = file('one.json', [{ messageId: '1', inputName: 'In', payload: {}, timestamp: 0 }]);
    expect((await runCli('simulate', model, '--messages', messages)).code).toBe(1);
    const result = await runCli('simulate', model, '--messages', messages, '--min-timer-seconds', '1');
    expect(lines(result.stdout)[0].state.timers).toEqual([{ name: 't', timestamp: 2 }]);
  });

  it('prints an error line for a message it cannot route, replays the rest and exits 4', async () => {
    const messages = file('mixed.json', [{ messageId: 'x', inputName: 'PressureInput', payload: { sensorData: { pressure: 80 } } }, high]);
    const result = await runCli('simulate', motor, '--messages', messages);
    expect(result.code).toBe(4);
    const output = lines(result.stdout);
    expect(output[0]).toMatchObject({ type: 'error', messageId: 'x', detectorModelName: 'motorDetectorModel', message: expect.stringMatching(/no key attribute 'motorid'/) });
    expect(output.map((line) => line.type)).toEqual(['error', 'action', 'detector']);
  });

  it('exits 1 for an invalid model or messages file', async () => {
    expect((await runCli('simulate', file('bad.json', { detectorModelName: 'x' }), '--messages', file('m.json', []))).code).toBe(1);
    expect((await runCli('simulate', motor, '--messages', file('bad-messages.json', [{ messageId: 'a', inputName: 'P', payload: 42 }]))).code).toBe(1);
  });
});
