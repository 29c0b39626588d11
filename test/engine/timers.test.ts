import { deserializeSnapshot, engineOptions, serializeSnapshot, step, type DetectorSnapshot } from '../../lib/engine';
import type { Action, State } from '../../lib/model';
import { message, model, setVariable, sns } from '../helpers/engine';

const setTimer = (timerName: string, duration: number | string): Action =>
  typeof duration === 'number' ? { setTimer: { timerName, seconds: duration } } : { setTimer: { timerName, durationExpression: duration } };

/** A model whose single state runs `actions` on every message of input In. */
function onMessage(actions: Action[], extra: Partial<State> = {}, minTimerSeconds = 60) {
  return model([{ stateName: 'A', onInput: { events: [{ eventName: 'msg', condition: 'currentInput("In")', actions }] }, ...extra }], {}, minTimerSeconds);
}

describe('setTimer', () => {
  it('starts a timer due `seconds` after now', () => {
    const result = step(onMessage([setTimer('t', 120)]), undefined, message('In', '{}'), 10_000);
    expect(result.snapshot?.timers).toEqual({ t: { dueAt: 130_000, durationSeconds: 120, generation: 1, wakeAt: 130_000 } });
  });

  it('rounds a duration expression down to whole seconds', () => {
    const result = step(onMessage([setTimer('t', '$input.In.d')]), undefined, message('In', '{"d": 60.99}'), 0);
    expect(result.snapshot?.timers.t).toMatchObject({ dueAt: 60_000, durationSeconds: 60 });
  });

  it.each([
    [59, 'duration 59 s is less than 60 s'],
    [31_622_401, 'duration 31622401 s is greater than 31622400 s'],
  ])('refuses %p seconds at run time', (seconds, reason) => {
    const result = step(onMessage([setTimer('t', '$input.In.d')]), undefined, message('In', `{"d": ${seconds}}`), 0);
    expect(result.snapshot?.timers).toEqual({});
    expect(result.traces[0].diagnostics).toEqual([
      { level: 'ERROR', code: 'timer.refused', message: `timer t not set: ${reason}`, path: 'states[0].onInput.events[0].actions[0].setTimer' },
    ]);
  });

  it('accepts shorter timers when the minimum is lowered, for tests', () => {
    const result = step(onMessage([setTimer('t', 2)], {}, 1), undefined, message('In', '{}'), 0, engineOptions({ minTimerSeconds: 1 }));
    expect(result.snapshot?.timers.t.dueAt).toBe(2000);
  });

  it('refuses a duration that is not a number', () => {
    const result = step(onMessage([setTimer('t', '$input.In.d')]), undefined, message('In', '{"d": "soon"}'), 0);
    expect(result.traces[0].diagnostics[0]).toMatchObject({ code: 'timer.duration', message: 'timer t not set: the duration is String, not a number' });
  });

  it('holds at most five timers per detector', () => {
    const actions = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => setTimer(name, 60));
    const result = step(onMessage(actions), undefined, message('In', '{}'), 0);
    expect(Object.keys(result.snapshot!.timers)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(result.traces[0].diagnostics[0].message).toBe('timer f not set: the detector already has 5 timers, the most allowed');
  });

  it('restarts a running timer with the new duration', () => {
    const compiled = onMessage([setTimer('t', '$input.In.d')]);
    const first = step(compiled, undefined, message('In', '{"d": 100}', '1'), 0);
    const second = step(compiled, first.snapshot, message('In', '{"d": 200}', '2'), 50_000);
    expect(second.snapshot?.timers.t).toMatchObject({ dueAt: 250_000, durationSeconds: 200, generation: 2 });
  });
});

describe('timer names', () => {
  it.each(['constructor', 'toString', '__proto__'])('treats a timer named %s like any other: reset, stored and fired', (name) => {
    // Arrange: the name must never reach Object.prototype.
    const compiled = onMessage([{ resetTimer: { timerName: name } }, setTimer(name, 60)]);
    // Act
    const first = step(compiled, undefined, message('In', '{}', '1'), 0);
    const stored = deserializeSnapshot(serializeSnapshot(first.snapshot!));
    const fired = step(compiled, stored, { type: 'wake' }, 60_000);
    // Assert
    expect(Object.keys(first.snapshot!.timers)).toEqual([name]);
    expect(first.traces[0].diagnostics).toEqual([expect.objectContaining({ message: expect.stringContaining('not running') })]);
    expect(Object.keys(stored.timers)).toEqual([name]);
    expect(fired.traces.map((trace) => trace.timerName)).toEqual([name]);
  });
});

describe('resetTimer and clearTimer', () => {
  const compiled = model([
    {
      stateName: 'A',
      onInput: {
        events: [
          { eventName: 'start', condition: '$input.In.cmd == "start"', actions: [setTimer('t', '$input.In.d')] },
          { eventName: 'reset', condition: '$input.In.cmd == "reset"', actions: [{ resetTimer: { timerName: 't' } }] },
          { eventName: 'clear', condition: '$input.In.cmd == "clear"', actions: [{ clearTimer: { timerName: 't' } }] },
          { eventName: 'expired', condition: 'timeout("t")', actions: [sns()] },
        ],
      },
    },
  ]);

  it('resets with the duration first computed, without evaluating the expression again', () => {
    const first = step(compiled, undefined, message('In', '{"cmd": "start", "d": 100}', '1'), 0);
    const reset = step(compiled, first.snapshot, message('In', '{"cmd": "reset", "d": 999}', '2'), 40_000);
    expect(reset.snapshot?.timers.t).toMatchObject({ dueAt: 140_000, durationSeconds: 100, generation: 2 });
  });

  it('records a reset of a timer that is not running and changes nothing', () => {
    const result = step(compiled, undefined, message('In', '{"cmd": "reset"}'), 0);
    expect(result.snapshot?.timers).toEqual({});
    expect(result.traces[0].diagnostics.map((d) => d.code)).toEqual(['timer.notRunning']);
  });

  it('clears a timer so that its timeout never occurs', () => {
    const first = step(compiled, undefined, message('In', '{"cmd": "start", "d": 100}', '1'), 0);
    const cleared = step(compiled, first.snapshot, message('In', '{"cmd": "clear"}', '2'), 10_000);
    const later = step(compiled, cleared.snapshot, { type: 'wake' }, 500_000);
    expect(later.changed).toBe(false);
    expect(later.effects).toEqual([]);
  });
});

describe('timer expiry', () => {
  const compiled = model([
    {
      stateName: 'Waiting',
      onEnter: { events: [{ eventName: 'arm', actions: [setTimer('t', 60)] }] },
      onInput: {
        events: [{ eventName: 'counted', condition: 'triggerType("Timer") && !currentInput("In")', actions: [setVariable('timerCycles', '1')] }],
        transitionEvents: [{ eventName: 'late', condition: 'timeout("t")', nextState: 'Expired' }],
      },
    },
    { stateName: 'Expired', onEnter: { events: [{ eventName: 'alert', actions: [sns()] }] } },
  ]);

  it('runs a Timer cycle at the due time through the current state\'s onInput', () => {
    // Arrange
    const created = step(compiled, undefined, message('In', '{}'), 0).snapshot;
    // Act
    const early = step(compiled, created, { type: 'wake' }, 59_999);
    const due = step(compiled, created, { type: 'wake' }, 60_000);
    // Assert
    expect(early.changed).toBe(false);
    expect(due.snapshot).toMatchObject({ stateName: 'Expired', variables: { timerCycles: 1n }, timers: {}, expiredTimers: [] });
    expect(due.traces[0]).toMatchObject({ triggerType: 'Timer', timerName: 't', messageType: 'TIMER_EXPIRY' });
    const payload = due.effects[0].type === 'sns' ? JSON.parse(due.effects[0].payload.text) : undefined;
    expect(payload.payload.eventTriggerDetails).toEqual({ triggerType: 'Timer', timerName: 't' });
    expect(payload.eventTime).toBe(60_000);
  });

  it('fires an overdue timer before the message that arrives after it', () => {
    const created = step(compiled, undefined, message('In', '{}', '1'), 0).snapshot;
    const result = step(compiled, created, message('In', '{}', '2'), 90_000);
    expect(result.traces.map((t) => t.triggerType)).toEqual(['Timer', 'Message']);
    expect(result.snapshot?.stateName).toBe('Expired');
  });

  it('does nothing for a wake-up when there is no detector', () => {
    expect(step(compiled, undefined, { type: 'wake' }, 0)).toEqual({ snapshot: undefined, effects: [], traces: [], changed: false });
  });
});

describe('the timeout() latch', () => {
  // The analysis page's advice: guard with triggerType so the timer cycle itself sends nothing.
  const guarded = model([
    {
      stateName: 'A',
      onEnter: { events: [{ eventName: 'arm', actions: [setTimer('t', 60)] }] },
      onInput: { events: [{ eventName: 'late', condition: 'triggerType("Message") && currentInput("In") && timeout("t")', actions: [sns()] }] },
    },
  ]);

  it('stays true until a condition actually reads it', () => {
    // Arrange: created at 0, timer fires at 60 s without being read.
    const created = step(guarded, undefined, message('In', '{}', '1'), 0).snapshot;
    const fired = step(guarded, created, { type: 'wake' }, 60_000);
    // Act
    const next = step(guarded, fired.snapshot, message('In', '{}', '2'), 70_000);
    const after = step(guarded, next.snapshot, message('In', '{}', '3'), 80_000);
    // Assert
    expect(fired.effects).toEqual([]);
    expect(fired.snapshot?.expiredTimers).toEqual(['t']);
    expect(next.effects.map((e) => e.eventName)).toEqual(['late']);
    expect(after.effects).toEqual([]);
    expect(after.snapshot?.expiredTimers).toEqual([]);
  });

  it('is cleared by setting the timer again', () => {
    const rearming = model([
      {
        stateName: 'A',
        onInput: {
          events: [
            { eventName: 'arm', condition: '$input.In.arm', actions: [setTimer('t', 60)] },
            { eventName: 'late', condition: '$input.In.check && timeout("t")', actions: [setVariable('late', 'true')] },
          ],
        },
      },
    ]);
    let snapshot: DetectorSnapshot | undefined = step(rearming, undefined, message('In', '{"arm": true}', '1'), 0).snapshot;
    snapshot = step(rearming, snapshot, { type: 'wake' }, 60_000).snapshot;
    snapshot = step(rearming, snapshot, message('In', '{"arm": true}', '2'), 61_000).snapshot;
    snapshot = step(rearming, snapshot, message('In', '{"check": true}', '3'), 62_000).snapshot;
    expect(snapshot?.variables.late).toBeUndefined();
  });
});

describe('wake-ups', () => {
  const heartbeat = onMessage([{ resetTimer: { timerName: 't' } }], { onEnter: { events: [{ eventName: 'arm', actions: [setTimer('t', 300)] }] } });

  it('keeps the existing wake-up when a reset moves the timer later', () => {
    const created = step(heartbeat, undefined, message('In', '{}', '1'), 0).snapshot!;
    const reset = step(heartbeat, created, message('In', '{}', '2'), 100_000).snapshot!;
    expect(reset.timers.t).toMatchObject({ dueAt: 400_000, wakeAt: 300_000, generation: 3 });
  });

  it('re-arms an early wake-up at the due time without evaluating anything', () => {
    const created = step(heartbeat, undefined, message('In', '{}', '1'), 0).snapshot!;
    const reset = step(heartbeat, created, message('In', '{}', '2'), 100_000).snapshot!;
    const early = step(heartbeat, reset, { type: 'wake' }, 300_000);
    expect(early.changed).toBe(true);
    expect(early.traces).toEqual([]);
    expect(early.snapshot?.timers.t).toMatchObject({ dueAt: 400_000, wakeAt: 400_000 });
    expect(early.snapshot?.lastUpdateTime).toBe(100_000);
  });

  it('needs a new wake-up when a timer is set to expire earlier than the pending one', () => {
    const compiled = onMessage([setTimer('t', '$input.In.d')]);
    const first = step(compiled, undefined, message('In', '{"d": 600}', '1'), 0).snapshot!;
    const sooner = step(compiled, first, message('In', '{"d": 100}', '2'), 1000).snapshot!;
    expect(sooner.timers.t).toMatchObject({ dueAt: 101_000, wakeAt: 101_000 });
  });
});
