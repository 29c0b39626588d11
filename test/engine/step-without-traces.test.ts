import { parseTypedJson, stringifyTypedJson } from '../../lib/expression';
import { engineOptions, serializeSnapshot, step, type DetectorSnapshot, type StepResult, type Trigger } from '../../lib/engine';
import { compileModel, type CompiledModel, type CreateDetectorModelRequest } from '../../lib/model';
import { seededRandom as seeded } from '../../local/devices/random';
import { example, model, setVariable, sns } from '../helpers/engine';

/** What a step changes and sends: everything but its traces. */
function outcome(result: StepResult): string {
  const snapshot = result.snapshot ? serializeSnapshot(result.snapshot) : '-';
  return [`changed=${result.changed}`, snapshot, ...result.effects.map((effect) => stringifyTypedJson(effect))].join('\n');
}

function messageOf(inputName: string, body: string, messageId: string): Trigger {
  return { type: 'message', inputName, messageId, payload: parseTypedJson(body), raw: body };
}

/**
 * Steps the same seeded triggers through two copies of each detector, one with traces and one
 * without; returns each step's outcome from both, and the traces the second recorded.
 */
function lockstep(compiled: CompiledModel, keys: readonly string[], steps: number, trigger: (random: () => number, key: string, i: number) => Trigger) {
  const traced = engineOptions({ minTimerSeconds: 1 });
  const untraced = engineOptions({ minTimerSeconds: 1, traces: false });
  const random = seeded(3);
  const withTraces = new Map<string, DetectorSnapshot | undefined>();
  const without = new Map<string, DetectorSnapshot | undefined>();
  const expected: string[] = [];
  const actual: string[] = [];
  let tracesWith = 0;
  let tracesWithout = 0;
  let now = 1_700_000_000_000;
  for (let i = 0; i < steps; i++) {
    now += Math.floor(random() * 90_000);
    const key = keys[Math.floor(random() * keys.length)];
    const next = trigger(random, key, i);
    const a = step(compiled, withTraces.get(key), next, now, traced);
    const b = step(compiled, without.get(key), next, now, untraced);
    withTraces.set(key, a.snapshot);
    without.set(key, b.snapshot);
    expected.push(outcome(a));
    actual.push(outcome(b));
    tracesWith += a.traces.length;
    tracesWithout += b.traces.length;
  }
  return { expected, actual, tracesWith, tracesWithout };
}

describe('step with traces off', () => {
  it('changes and sends exactly what it does with traces, and records no trace (motor example)', () => {
    // Arrange
    const motor = compileModel(example<CreateDetectorModelRequest>('motorDetectorModel.json'));
    // Act
    const run = lockstep(motor, ['m-1', 'm-2', 'm-3'], 400, (random, key, i) =>
      random() < 0.125 ? { type: 'wake' } : messageOf('PressureInput', `{"motorid": "${key}", "sensorData": {"pressure": ${40 + Math.floor(random() * 60)}}}`, `m-${i}`),
    );
    // Assert
    expect(run.actual).toEqual(run.expected);
    expect(run.expected.join('\n')).toContain('"type":"sns"');
    expect(run.tracesWith).toBeGreaterThan(300);
    expect(run.tracesWithout).toBe(0);
  });

  it('fires, resets and reads timers as it does with traces (heartbeat blueprint)', () => {
    // Arrange
    const heartbeat = compileModel({ ...example<CreateDetectorModelRequest>('deviceHeartbeatBlueprint.json'), detectorModelName: 'heartbeat', key: 'id' }, { minTimerSeconds: 1 });
    // Act
    const run = lockstep(heartbeat, ['d-1', 'd-2'], 300, (random, key, i) =>
      random() < 0.4 ? { type: 'wake' } : messageOf('AWS_IoTEvents_Blueprints_Heartbeat_Input', `{"id": "${key}", "value": ${Math.floor(random() * 3)}}`, `h${i}`),
    );
    // Assert
    expect(run.actual).toEqual(run.expected);
    expect(run.tracesWithout).toBe(0);
  });

  it('still runs the other actions of a cycle whose condition or action fails', () => {
    // Arrange: one condition is not a Boolean, one assignment is invalid; the action after it still runs.
    const compiled = model([
      {
        stateName: 'A',
        onInput: {
          events: [
            { eventName: 'broken', condition: "$input.In.v + 'a'", actions: [sns('arn:never')] },
            { eventName: 'send', condition: '$input.In.v > 1', actions: [setVariable('w', "$input.In.v + 'a'"), setVariable('n', '$input.In.v'), sns('arn:sent')] },
          ],
        },
      },
    ]);
    // Act
    const run = lockstep(compiled, ['only'], 20, (random, _key, i) => messageOf('In', `{"v": ${Math.floor(random() * 5)}}`, `x${i}`));
    // Assert
    expect(run.actual).toEqual(run.expected);
    expect(run.expected.join('\n')).toContain('arn:sent');
    expect(run.tracesWithout).toBe(0);
  });
});
