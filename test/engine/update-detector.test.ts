import { DetectorUpdateError, describeDetector, engineOptions, parseVariableLiteral, step, updateDetector, type DetectorSnapshot } from '../../lib/engine';
import { compileModel } from '../../lib/model';
import { message, model, setVariable } from '../helpers/engine';

const T0 = 1_557_520_274_729;

/** Two states whose onEnter and onExit would change `entered`/`exited` if they ran. */
const compiled = model(
  [
    {
      stateName: 'start',
      onEnter: { events: [{ eventName: 'init', actions: [setVariable('resetMe', 'false'), setVariable('entered', '$variable.entered + 1')] }] },
      onInput: { transitionEvents: [{ eventName: 'go', condition: '$input.In.x > 10', nextState: 'running' }] },
      onExit: { events: [{ eventName: 'bye', actions: [setVariable('exited', 'true')] }] },
    },
    {
      stateName: 'running',
      onEnter: { events: [{ eventName: 'arm', actions: [{ setTimer: { timerName: 'awake', seconds: 120 } }] }] },
      onInput: { events: [{ eventName: 'tick', condition: 'timeout("awake")', actions: [setVariable('fired', 'true')] }] },
    },
  ],
  { key: 'area' },
);

/** A detector that went start → running and holds a timer. */
function running(): DetectorSnapshot {
  const first = step(compiled, undefined, message('In', '{"area": "Area51", "x": 1}'), T0).snapshot!;
  return step(compiled, first, message('In', '{"area": "Area51", "x": 20}'), T0 + 1000).snapshot!;
}

describe('updateDetector', () => {
  it('sets state, variables and timers without running onExit or onEnter', () => {
    // Arrange
    const before = running();
    const now = T0 + 60_000;
    // Act: the HVAC example's re-entry into start with resetMe=true.
    const after = updateDetector(compiled, before, { stateName: 'start', variables: [{ name: 'resetMe', value: 'true' }, { name: 'rangeHigh', value: '30.0' }], timers: [{ name: 'idle', seconds: 180 }] }, now, engineOptions());
    // Assert: onEnter would have set resetMe back to false; onExit of running would not exist anyway.
    expect(describeDetector(after)).toEqual({
      detectorModelName: 'test',
      keyValue: 'Area51',
      detectorModelVersion: '1',
      state: { stateName: 'start', variables: [{ name: 'resetMe', value: 'true' }, { name: 'rangeHigh', value: '30.0' }], timers: [{ name: 'idle', timestamp: (now + 180_000) / 1000 }] },
      creationTime: T0 / 1000,
      lastUpdateTime: now / 1000,
    });
    expect(after.sequence).toBe(before.sequence);
    expect(after.inputs).toEqual(before.inputs);
  });

  it('clears variables and timers that are not listed, and any latched timeout', () => {
    // Arrange: the timer expired but no condition has read it yet.
    const expired: DetectorSnapshot = { ...running(), timers: {}, expiredTimers: ['awake'] };
    // Act
    const after = updateDetector(compiled, expired, { stateName: 'running', variables: [], timers: [] }, T0 + 500_000, engineOptions());
    // Assert: the next Timer or message cycle sees no timeout("awake").
    expect(after.variables).toEqual({});
    expect(after.timers).toEqual({});
    expect(after.expiredTimers).toEqual([]);
    const next = step(compiled, after, message('In', '{"area": "Area51", "x": 1}'), T0 + 501_000).snapshot!;
    expect(next.variables.fired).toBeUndefined();
  });

  it('gives every timer a new generation and a wake-up at its due time', () => {
    const before = running();
    const after = updateDetector(compiled, before, { stateName: 'running', variables: [], timers: [{ name: 'awake', seconds: 60 }] }, T0 + 10_000, engineOptions());
    expect(after.timers.awake).toEqual({ dueAt: T0 + 70_000, durationSeconds: 60, generation: before.timerSequence + 1, wakeAt: T0 + 70_000 });
    expect(after.timerSequence).toBe(before.timerSequence + 1);
  });

  it('moves the detector to the version it is updated on', () => {
    const newer = compileModel(compiled.request, { version: '2' });
    const after = updateDetector(newer, running(), { stateName: 'start', variables: [], timers: [] }, T0 + 5000, engineOptions());
    expect(after.detectorModelVersion).toBe('2');
  });

  it.each([
    ['an unknown state', { stateName: 'nowhere', variables: [], timers: [] }, 'state.stateName', /state 'nowhere' does not exist.*known states: start, running/],
    ['a variable listed twice', { stateName: 'start', variables: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }], timers: [] }, 'state.variables[1]', /listed twice/],
    ['a value that is not a literal', { stateName: 'start', variables: [{ name: 'a', value: 'abc' }], timers: [] }, 'state.variables[0].value', /not a literal/],
    ['a timer under the minimum', { stateName: 'start', variables: [], timers: [{ name: 't', seconds: 59 }] }, 'state.timers[0].seconds', /from 60 to 31622400, not 59/],
    ['a timer listed twice', { stateName: 'start', variables: [], timers: [{ name: 't', seconds: 60 }, { name: 't', seconds: 61 }] }, 'state.timers[1]', /listed twice/],
    ['more timers than a detector holds', { stateName: 'start', variables: [], timers: ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => ({ name, seconds: 60 })) }, 'state.timers', /at most 5/],
  ])('rejects %s', (_label, update, field, message) => {
    const attempt = () => updateDetector(compiled, running(), update, T0, engineOptions());
    expect(attempt).toThrow(DetectorUpdateError);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect((error as DetectorUpdateError).field).toBe(field);
    }
  });
});

describe('parseVariableLiteral', () => {
  it.each([
    ['22', 22n],
    ['-7', -7n],
    ['1.0', 1.0],
    ['19.572', 19.572],
    ['true', true],
    ['FALSE', false],
    ['"01"', '01'],
    ["'ack'", 'ack'],
    ['"say \\"hi\\""', 'say "hi"'],
    ['null', null],
  ])('reads %s', (text, value) => {
    expect(parseVariableLiteral(text)).toEqual(value);
  });

  it('reads 1.0 as a Decimal, which keeps its fraction when described', () => {
    expect(typeof parseVariableLiteral('1.0')).toBe('number');
    expect(typeof parseVariableLiteral('1')).toBe('bigint');
  });

  it.each(['abc', '1e3', '.5', '"unterminated', '', '$variable.x'])('refuses %j', (text) => {
    expect(parseVariableLiteral(text)).toBeUndefined();
  });
});
