import { createHash } from 'node:crypto';
import { parseTypedJson, stringifyTypedJson } from '../../lib/expression';
import { engineOptions, serializeSnapshot, step, traceRecord, type DetectorSnapshot, type EngineOptions, type StepResult, type Trigger } from '../../lib/engine';
import { compileModel, type CompiledModel, type CreateDetectorModelRequest } from '../../lib/model';
import { seededRandom as seeded } from '../../local/devices/random';
import { example, model, setVariable } from '../helpers/engine';

/**
 * Pins what `step` produces today — snapshots, effects with their payload text and action ids,
 * traces — for seeded runs of the AWS examples and of a model that uses every kind of action,
 * diagnostic and timer. The engine's hot path is optimised for speed; its output must not change
 * by a byte. The digests were taken from the engine before that work (commit a5eca2b).
 */

/** Every observable part of a step result, as text, in order. */
function render(result: StepResult): string {
  const effects = result.effects.map((effect) => stringifyTypedJson(effect));
  // The trace itself (key order included) and its DEBUG log record.
  const traces = result.traces.map((trace) => `${stringifyTypedJson(trace)}\n${stringifyTypedJson(traceRecord(trace))}`);
  const snapshot = result.snapshot ? serializeSnapshot(result.snapshot) : '-';
  return [`changed=${result.changed}`, snapshot, ...effects, ...traces].join('\n');
}

/** Runs a seeded sequence of messages and wake-ups over `keys` detectors; returns the rendered results. */
function run(
  compiled: CompiledModel,
  seed: number,
  steps: number,
  keys: readonly (string | undefined)[],
  nextTrigger: (random: () => number, key: string | undefined, i: number) => Trigger,
  options: EngineOptions = engineOptions({ minTimerSeconds: 1 }),
): string[] {
  const random = seeded(seed);
  const detectors = new Map<string | undefined, DetectorSnapshot | undefined>();
  let now = 1_700_000_000_000;
  const out: string[] = [];
  for (let i = 0; i < steps; i++) {
    now += Math.floor(random() * 90_000);
    const key = keys[Math.floor(random() * keys.length)];
    const result = step(compiled, detectors.get(key), nextTrigger(random, key, i), now, options);
    detectors.set(key, result.snapshot);
    out.push(render(result));
  }
  return out;
}

function messageOf(inputName: string, body: string, messageId: string, timestamp?: number): Trigger {
  return { type: 'message', inputName, messageId, payload: parseTypedJson(body), raw: body, timestamp };
}

function digest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n\u0000')).digest('hex');
}

const motor = compileModel(example<CreateDetectorModelRequest>('motorDetectorModel.json'));

/** One message per detector key; one trigger in eight is a wake-up. */
function motorRun(): string[] {
  return run(motor, 7, 400, ['Fulton-A32', 'Fulton-B7', 'm:3'], (random, key, i) =>
    random() < 0.125
      ? { type: 'wake' }
      : messageOf('PressureInput', `{"motorid": "${key}", "sensorData": {"pressure": ${40 + Math.floor(random() * 60)}, "temperature": ${random() < 0.5 ? '39' : '39.5'}}}`, `m-${i}`),
  );
}

/** Every kind of external action, payload expressions, diagnostics, timers set, reset, cleared and expired; SERIAL. */
const everything = model(
  [
    {
      stateName: 'Idle',
      onEnter: { events: [{ eventName: 'boot', condition: 'true', actions: [setVariable('n', '0'), setVariable('t', '1.5'), setVariable('s', '"x"')] }] },
      onInput: {
        events: [
          { eventName: 'count', condition: 'currentInput("In")', actions: [setVariable('n', '$variable.n + 1'), setVariable('t', '$variable.t * 2'), setVariable('u', '$input.In.missing')] },
          { eventName: 'bad', condition: '$input.In.v > 90', actions: [setVariable('w', "$input.In.v + 'a'")] },
          {
            eventName: 'tiny',
            condition: '$input.In.v < 5',
            actions: [{ setTimer: { timerName: 'tiny', durationExpression: '$input.In.v / 10' } }, { setTimer: { timerName: 'ghost', durationExpression: '$input.In.missing' } }],
          },
          { eventName: 'arm', condition: '$input.In.v > 50', actions: [{ setTimer: { timerName: 'beat', durationExpression: '$input.In.v / 10' } }] },
          { eventName: 'poke', condition: '$input.In.v < 20', actions: [{ resetTimer: { timerName: 'beat' } }] },
          { eventName: 'broken', condition: "$input.In.v + 'a'", actions: [] },
          { eventName: 'number', condition: '$input.In.v', actions: [] },
          { eventName: 'undef', condition: '$input.In.missing > 1', actions: [setVariable('u', '$input.In.missing')] },
          {
            eventName: 'send',
            condition: '$input.In.v > 60 && $input.In.v < 80',
            actions: [
              { sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t' } },
              { sqs: { queueUrl: 'https://sqs.us-east-1.amazonaws.com/1/q', useBase64: true, payload: { contentExpression: `'{"v": \${$input.In.v}, "n": \${$variable.n}, "t": \${$variable.t}}'`, type: 'JSON' } } },
              { lambda: { functionArn: 'arn:aws:lambda:us-east-1:1:function:f', payload: { contentExpression: "'v=' + convert(String, $input.In.v)", type: 'STRING' } } },
              { iotTopicPublish: { mqttTopic: "'alerts/' + $input.In.id" } },
              { iotEvents: { inputName: 'Loop' } },
              { firehose: { deliveryStreamName: 'stream', separator: '\n' } },
              { dynamoDB: { tableName: "'T'", hashKeyField: "'k'", hashKeyValue: '$input.In.id', rangeKeyField: "'n'", rangeKeyValue: '$variable.n' } },
              { dynamoDBv2: { tableName: "'T2'", payload: { contentExpression: "'not json'", type: 'JSON' } } },
              { iotSiteWise: { propertyAlias: "'/p/' + $input.In.id", propertyValue: { value: { doubleValue: '$variable.t' }, quality: "'GOOD'" } } },
              { sns: { targetArn: 'arn', payload: { contentExpression: '$input.In.v', type: 'STRING' } } },
            ],
          },
        ],
        transitionEvents: [
          { eventName: 'late', condition: 'timeout("beat")', actions: [{ sns: { targetArn: 'arn:late' } }, { clearTimer: { timerName: 'beat' } }], nextState: 'Busy' },
          { eventName: 'never', condition: 'false', actions: [], nextState: 'Busy' },
        ],
      },
      onExit: { events: [{ eventName: 'bye', condition: 'true', actions: [{ iotEvents: { inputName: 'Loop' } }] }] },
    },
    {
      stateName: 'Busy',
      onEnter: { events: [{ eventName: 'hello', condition: 'true', actions: [{ setTimer: { timerName: 'back', seconds: 90 } }, { setTimer: { timerName: 'other', seconds: 200 } }] }] },
      onInput: {
        events: [{ eventName: 'stop', condition: '$input.In.v > 90', actions: [{ clearTimer: { timerName: 'other' } }] }],
        transitionEvents: [
          { eventName: 'done', condition: 'timeout("back") || $input.In.v == 7', actions: [{ sns: { targetArn: 'arn:done' } }], nextState: 'Idle' },
          { eventName: 'shadowed', condition: 'true', actions: [], nextState: 'Idle' },
        ],
      },
    },
  ],
  { key: 'id', evaluationMethod: 'SERIAL' },
  1,
);

function everythingRun(options?: EngineOptions): string[] {
  return run(
    everything,
    11,
    500,
    ['dev-1', 'dev-2', 'ünï'],
    (random, key, i) => {
      if (random() < 0.3) return { type: 'wake' };
      const v = random() < 0.5 ? String(Math.floor(random() * 100)) : (random() * 100).toFixed(1);
      return messageOf('In', `{"id": "${key}", "v": ${v}}`, `id-${i}`, random() < 0.2 ? 1_600_000_000_000 + i : undefined);
    },
    options,
  );
}

const heartbeat = compileModel({ ...example<CreateDetectorModelRequest>('deviceHeartbeatBlueprint.json'), detectorModelName: 'heartbeat' }, { minTimerSeconds: 1 });
const alarm = compileModel({ ...example<CreateDetectorModelRequest>('simpleAlarmBlueprint.json'), detectorModelName: 'alarm' }, { minTimerSeconds: 1 });

function blueprintRuns(): string[] {
  const beats = run(heartbeat, 3, 200, [undefined], (random, _key, i) =>
    random() < 0.4 ? { type: 'wake' } : messageOf('AWS_IoTEvents_Blueprints_Heartbeat_Input', `{"value": ${Math.floor(random() * 3)}}`, `h${i}`),
  );
  const commands = ['reset', 'dnd', 'acknowledge', 'none'];
  const alarms = run(alarm, 5, 300, ['a', 'b'], (random, key, i) =>
    random() < 0.3
      ? { type: 'wake' }
      : messageOf(
          'AWS_IoTEvents_Blueprints_Simple_Alarm_Input',
          `{"alarmId": "${key}", "value": ${Math.floor(random() * 100)}, "threshold": 50, "command": "${commands[Math.floor(random() * 4)]}"}`,
          `a${i}`,
        ),
  );
  return [...beats, ...alarms];
}

describe('step output, pinned', () => {
  it('keeps the action ids, payloads, traces and snapshots of the motor example', () => {
    // Arrange, Act
    const lines = motorRun();
    // Assert
    expect(digest(lines)).toBe('5c18f79827aa39dd58475cf8a48c241c0c7d6ce9ffbf005e5600e10dc8812477');
    const first = lines.find((line) => line.includes('"type":"sns"')) as string;
    const [effect, , record] = first.split('\n').slice(2);
    expect(effect).toBe(
      '{"actionExecutionId":"8e3af6a0-78af-32f6-ad71-e7d0bebd625d","eventName":"Pressure Threshold Breached","detectorModelName":"motorDetectorModel","detectorModelVersion":"1","keyValue":"Fulton-A32","time":1700000001053.0,"path":"states[1].onEnter.events[0].actions[0]","type":"sns","targetArn":"arn:aws:sns:us-east-1:123456789012:underPressureAction","payload":{"type":"JSON","text":"{\\"eventTime\\":1700000001053,\\"payload\\":{\\"actionExecutionId\\":\\"8e3af6a0-78af-32f6-ad71-e7d0bebd625d\\",\\"detector\\":{\\"detectorModelName\\":\\"motorDetectorModel\\",\\"keyValue\\":\\"Fulton-A32\\",\\"detectorModelVersion\\":\\"1\\"},\\"eventTriggerDetails\\":{\\"inputName\\":\\"PressureInput\\",\\"messageId\\":\\"m-0\\",\\"triggerType\\":\\"Message\\"},\\"state\\":{\\"stateName\\":\\"Dangerous\\",\\"variables\\":{\\"pressureThresholdBreached\\":3},\\"timers\\":{}}},\\"eventName\\":\\"Pressure Threshold Breached\\"}"}}',
    );
    expect(record).toBe(
      '{"timestamp":"2023-11-14T22:13:21.053Z","level":"DEBUG","logMessage":"Summary of message evaluation","context":"MessageEvaluation","status":"Success","messageId":"m-0","keyValue":"Fulton-A32","detectorModelName":"motorDetectorModel","initialVariables":{},"finalState":"Dangerous","finalVariables":{"pressureThresholdBreached":3},"message":"{\\"motorid\\": \\"Fulton-A32\\", \\"sensorData\\": {\\"pressure\\": 81, \\"temperature\\": 39.5}}","messageType":"CUSTOMER_MESSAGE","conditionEvaluationResults":[{"result":"True","eventName":"init","state":"Normal","lifeCycle":"OnEnter","hasTransition":false},{"result":"True","eventName":"Overpressurized","state":"Normal","lifeCycle":"OnInput","hasTransition":true},{"result":"True","eventName":"Pressure Threshold Breached","state":"Dangerous","lifeCycle":"OnEnter","hasTransition":false}],"detectorModelVersion":"1","inputName":"PressureInput","triggerType":"Message","actions":[{"eventName":"Pressure Threshold Breached","action":"sns","actionExecutionId":"8e3af6a0-78af-32f6-ad71-e7d0bebd625d"}],"diagnostics":[]}',
    );
  });

  it('keeps the output of every kind of action, diagnostic and timer', () => {
    const lines = everythingRun();
    expect(digest(lines)).toBe('ed1cca512d3ac32dce3476e8c0dcfb15170bea81237df128975636d25e941955');
    const siteWise = lines.find((line) => line.includes('"iotSiteWise"')) as string;
    const parts = siteWise.split('\n');
    expect(parts).toContain(
      '{"actionExecutionId":"70232c0b-86a2-3435-a798-5fbd50325b79","eventName":"send","detectorModelName":"test","detectorModelVersion":"1","keyValue":"dev-2","time":1700000751996.0,"path":"states[0].onInput.events[8].actions[8]","type":"iotSiteWise","entryId":"70232c0b-86a2-3435-a798-5fbd50325b79","propertyAlias":"/p/dev-2","propertyValue":{"value":{"doubleValue":12.0},"timestamp":{"timeInSeconds":1700000751.0,"offsetInNanos":996000000.0},"quality":"GOOD"}}',
    );
    expect(parts).toContain('{"actionExecutionId":"7e113b00-bc64-3a31-9600-2ecf332d1584","eventName":"send","detectorModelName":"test","detectorModelVersion":"1","keyValue":"dev-2","time":1700000751996.0,"path":"states[0].onInput.events[8].actions[2]","type":"lambda","functionArn":"arn:aws:lambda:us-east-1:1:function:f","payload":{"type":"STRING","text":"v=63.0"}}');
    const trace = JSON.parse(parts.find((part) => part.startsWith('{"time"') && part.includes('"iotSiteWise"')) as string) as { actions: { actionExecutionId: string }[] };
    expect(trace.actions.map((action) => action.actionExecutionId)).toEqual([
      '7e0ed7c2-7144-3fc1-abe0-e70dccc8139b',
      '6f4bbbd0-119d-3f92-bc0d-c60ec8fa85ff',
      '7e113b00-bc64-3a31-9600-2ecf332d1584',
      'f2c38d22-b9f5-373e-984e-73a4a8853c8f',
      '6483ce67-3a9a-321b-909e-85fc77d37092',
      '9472f201-c73c-3e71-8928-29e6cb71c171',
      '355e3831-5b84-3c26-9baf-6d36ed7c7aec',
      '869674d1-4a85-3cb5-8b21-c45284aac22d',
      '70232c0b-86a2-3435-a798-5fbd50325b79',
    ]);
  });

  it('keeps the output when only the current input is visible', () => {
    expect(digest(everythingRun(engineOptions({ minTimerSeconds: 1, inputScope: 'currentOnly' })))).toBe('8fa7be48f5d3abde691512297fffae84770a40d596d863236f87932f95477dd3');
  });

  it('keeps the output of the heartbeat and simple alarm blueprints', () => {
    expect(digest(blueprintRuns())).toBe('7c685f5650ddfa41b05f0c13f2af9fb121a4aedcec08f76d3a4841dc810f923f');
  });
});
