import { deserializeSnapshot, engineOptions, serializeSnapshot, step, updateDetector, type DetectorSnapshot } from '../../lib/engine';
import type { Action } from '../../lib/model';
import { message, model, setVariable } from '../helpers/engine';

/**
 * Names that live on Object.prototype. Timer and variable names are the model author's (timer
 * names are any text), so none of them may reach the prototype: not through `in`, not through a
 * plain `obj[name]` read, not through the `__proto__` setter.
 */
const PROTOTYPE_NAMES = ['__proto__', 'hasOwnProperty', 'valueOf', 'constructor', 'toString'];
/** The same, less `__proto__`: variable names must start with a letter (AWS's pattern). */
const VARIABLE_NAMES = PROTOTYPE_NAMES.filter((name) => name !== '__proto__');

const setTimer = (timerName: string, seconds: number): Action => ({ setTimer: { timerName, seconds } });

/** A detector that runs, on each message, the actions of the message's `cmd` (timer cycles run none). */
function commands(name: string) {
  return model([
    {
      stateName: 'A',
      onInput: {
        events: [
          { eventName: 'set', condition: 'currentInput("In") && $input.In.cmd == "set"', actions: [setTimer(name, 60)] },
          { eventName: 'reset', condition: 'currentInput("In") && $input.In.cmd == "reset"', actions: [{ resetTimer: { timerName: name } }] },
          { eventName: 'clear', condition: 'currentInput("In") && $input.In.cmd == "clear"', actions: [{ clearTimer: { timerName: name } }] },
          { eventName: 'fill', condition: 'currentInput("In") && $input.In.cmd == "fill"', actions: ['a', 'b', 'c', 'd', 'e'].map((other) => setTimer(other, 60)) },
          { eventName: 'expired', condition: `timeout(${JSON.stringify(name)})`, actions: [setVariable('expired', '$variable.expired + 1')] },
        ],
      },
      onEnter: { events: [{ eventName: 'init', actions: [setVariable('expired', '0')] }] },
    },
  ]);
}

function run(name: string, steps: [cmd: string, at: number][], first?: DetectorSnapshot) {
  const compiled = commands(name);
  let snapshot = first;
  const results = steps.map(([cmd, at], i) => {
    const result = cmd === 'wake' ? step(compiled, snapshot, { type: 'wake' }, at) : step(compiled, snapshot, message('In', JSON.stringify({ cmd }), `m${i}`), at);
    // Through storage each time, as in production: the codec must keep the name too.
    snapshot = result.snapshot && deserializeSnapshot(serializeSnapshot(result.snapshot));
    return result;
  });
  return { results, snapshot: snapshot as DetectorSnapshot | undefined };
}

describe.each(PROTOTYPE_NAMES)('a timer named %s', (name) => {
  it('is set as an own timer, stored and fired once at its due time', () => {
    // Act
    const { results, snapshot } = run(name, [['set', 0], ['wake', 59_999], ['wake', 60_000], ['wake', 120_000]]);
    // Assert
    expect(Object.getPrototypeOf(results[0].snapshot!.timers)).toBe(Object.prototype);
    expect(Object.keys(results[0].snapshot!.timers)).toEqual([name]);
    expect(results[1].changed).toBe(false);
    expect(results[2].traces.map((trace) => trace.timerName)).toEqual([name]);
    expect(results[3].changed).toBe(false);
    expect(snapshot?.variables.expired).toBe(1n);
  });

  it('counts against maxTimers like any other name', () => {
    // Arrange: five timers already run.
    // Act
    const { results } = run(name, [['fill', 0], ['set', 1000]]);
    // Assert
    expect(Object.keys(results[1].snapshot!.timers).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results[1].traces.at(-1)?.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([`timer ${name} not set: the detector already has 5 timers, the most allowed`]);
  });

  it('is refused by maxTimers 1 when another timer runs', () => {
    // Arrange
    const compiled = commands(name);
    const options = engineOptions({ maxTimers: 1 });
    const first = step(compiled, undefined, message('In', '{"cmd": "fill"}', 'm1'), 0, options);
    // Act
    const second = step(compiled, first.snapshot, message('In', '{"cmd": "set"}', 'm2'), 1000, options);
    // Assert
    expect(Object.keys(second.snapshot!.timers)).toEqual(['a']);
  });

  it('cannot be reset before it is set, and restarts with its first duration after', () => {
    // Act
    const { results } = run(name, [['reset', 0], ['set', 1000], ['reset', 31_000]]);
    // Assert
    expect(results[0].snapshot!.timers).toEqual({});
    expect(results[0].traces[0].diagnostics.map((diagnostic) => diagnostic.code)).toEqual(['timer.notRunning']);
    expect(results[2].snapshot!.timers[name]).toMatchObject({ dueAt: 91_000, durationSeconds: 60 });
  });

  it('never fires once cleared, and clearing one that never ran changes nothing', () => {
    // Act
    const { results, snapshot } = run(name, [['clear', 0], ['set', 1000], ['clear', 2000], ['wake', 120_000]]);
    // Assert
    expect(results[0].snapshot!.timers).toEqual({});
    expect(results[3].changed).toBe(false);
    expect(snapshot?.variables.expired).toBe(0n);
  });

  it('does not fire when an earlier timer cycle of the same step clears it', () => {
    // Arrange: `first` is due a second earlier, and its timeout clears the other; both are due at the wake-up.
    const compiled = model([
      {
        stateName: 'A',
        onEnter: { events: [{ eventName: 'arm', actions: [setTimer('first', 60), setTimer(name, 61), setVariable('fired', "''")] }] },
        onInput: {
          events: [
            { eventName: 'clearOther', condition: 'timeout("first") && !currentInput("In")', actions: [{ clearTimer: { timerName: name } }, setVariable('fired', "'first'")] },
            { eventName: 'other', condition: `timeout(${JSON.stringify(name)})`, actions: [setVariable('fired', `'${name}'`)] },
          ],
        },
      },
    ]);
    const created = step(compiled, undefined, message('In', '{}'), 0).snapshot;
    // Act
    const woken = step(compiled, created, { type: 'wake' }, 120_000);
    // Assert
    expect(woken.traces.map((trace) => trace.timerName)).toEqual(['first']);
    expect(woken.snapshot).toMatchObject({ timers: {}, variables: { fired: 'first' } });
  });

  it('is false in timeout() until it expires, and never borrows a prototype member', () => {
    // Act
    const { results } = run(name, [['noop', 0], ['set', 1000]]);
    // Assert
    expect(results.map((result) => result.snapshot?.variables.expired)).toEqual([0n, 0n]);
    expect(results[0].snapshot?.expiredTimers).toEqual([]);
  });

  it('is set by BatchUpdateDetector as an own timer', () => {
    // Arrange
    const compiled = commands(name);
    const created = step(compiled, undefined, message('In', '{"cmd": "noop"}'), 0).snapshot!;
    // Act
    const updated = updateDetector(compiled, created, { stateName: 'A', variables: [], timers: [{ name, seconds: 60 }] }, 1000, engineOptions({}));
    // Assert
    expect(Object.getPrototypeOf(updated.timers)).toBe(Object.prototype);
    expect(Object.keys(updated.timers)).toEqual([name]);
    expect(step(compiled, updated, { type: 'wake' }, 61_000).traces.map((trace) => trace.timerName)).toEqual([name]);
  });
});

describe.each(VARIABLE_NAMES)('a variable named %s', (name) => {
  const compiled = model([
    {
      stateName: 'A',
      onInput: {
        events: [
          { eventName: 'read', condition: '$input.In.cmd == "read"', actions: [setVariable('seen', `isUndefined($variable.${name})`)] },
          { eventName: 'write', condition: '$input.In.cmd == "write"', actions: [setVariable(name, '41'), setVariable(name, `$variable.${name} + 1`)] },
        ],
      },
    },
  ]);

  it('reads as undefined until it is set, then holds its own value through storage', () => {
    // Act
    const before = step(compiled, undefined, message('In', '{"cmd": "read"}', 'm1'), 0).snapshot!;
    const written = step(compiled, before, message('In', '{"cmd": "write"}', 'm2'), 1000).snapshot!;
    const stored = deserializeSnapshot(serializeSnapshot(written));
    const after = step(compiled, stored, message('In', '{"cmd": "read"}', 'm3'), 2000).snapshot!;
    // Assert
    expect(before.variables).toEqual({ seen: true });
    expect(Object.getPrototypeOf(written.variables)).toBe(Object.prototype);
    expect(Object.keys(stored.variables).sort()).toEqual([name, 'seen'].sort());
    expect(after.variables).toEqual({ seen: false, [name]: 42n });
  });

  it('is set by BatchUpdateDetector as an own variable', () => {
    // Arrange
    const created = step(compiled, undefined, message('In', '{"cmd": "read"}'), 0).snapshot!;
    // Act
    const updated = updateDetector(compiled, created, { stateName: 'A', variables: [{ name, value: '7' }], timers: [] }, 1000, engineOptions({}));
    // Assert
    expect(Object.keys(updated.variables)).toEqual([name]);
    expect(updated.variables[name]).toBe(7n);
  });
});

describe('an input named like a prototype member', () => {
  it.each(VARIABLE_NAMES)('%s is retained as an own input', (name) => {
    // Arrange
    const compiled = model([{ stateName: 'A', onInput: { events: [{ eventName: 'copy', condition: `currentInput("${name}")`, actions: [setVariable('v', `$input.${name}.v`)] }] } }]);
    // Act
    const result = step(compiled, undefined, message(name, '{"v": 3}'), 0);
    // Assert
    expect(Object.keys(result.snapshot!.inputs)).toEqual([name]);
    expect(result.snapshot!.variables).toEqual({ v: 3n });
  });
});
