import { VirtualClock } from '../../../local/virtual-clock';
import type { Clock } from '../../../lib/ports';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, type TestStack } from '../stack';
import { INPUT, heartbeat, inputs, oneShot, schedule, send, state } from './timer-models';

// Each test starts an hour after the previous one: the scheduler's watermark, shared by the
// file's stack, only moves forward, as time does.
const START = nextWholeHour();
let hour = 0;
let T0 = 0;

describe('durable timers on DynamoDB Local', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack({ MIN_TIMER_SECONDS: '60' });
    await stack.seed([heartbeat, oneShot], inputs);
  });

  beforeEach(() => {
    T0 = START + hour++ * 3_600_000;
  });

  it('times the heartbeat detector out 300 s after the last beat, at that second, and recovers on the next beat', async () => {
    // Arrange: beats at 0, 100 and 200 s, then silence.
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    for (const at of [0, 100_000, 200_000]) {
      clock.set(T0 + at);
      await send(runtime, [{ id: `beat-${at}`, input: INPUT, payload: { deviceId: 'd1', value: 1 } }]);
    }
    // Act
    const report = await schedule(runtime, T0 + 600_000);
    const offline = await state(runtime, 'heartbeat', 'd1');
    clock.set(T0 + 700_000);
    await send(runtime, [{ id: 'beat-700', input: INPUT, payload: { deviceId: 'd1', value: 1 } }]);
    // Assert: the resets cost no wake-up each: one early wake-up re-armed, then the real one fired.
    expect(report.fired).toBe(1);
    expect(report.lateness).toEqual([0]);
    expect(offline?.stateName).toBe('Offline');
    expect((await state(runtime, 'heartbeat', 'd1'))?.stateName).toBe('Normal');
  });

  it('fires nothing for a cleared timer and fires a reset timer at its new due time', async () => {
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    await send(runtime, [
      { id: 'c1', input: 'Arm', payload: { id: 'cleared', seconds: 60 } },
      { id: 'r1', input: 'Arm', payload: { id: 'reset', seconds: 60 } },
    ]);
    clock.set(T0 + 30_000);
    await send(runtime, [
      { id: 'c2', input: 'Arm', payload: { id: 'cleared', command: 'clear' } },
      { id: 'r2', input: 'Arm', payload: { id: 'reset', command: 'reset' } },
    ]);
    await schedule(runtime, T0 + 200_000);
    expect((await state(runtime, 'oneShot', 'cleared'))?.variables.fired).toBe(0n);
    // Reset at 30 s with the 60 s first computed: it fired at 90 s, not at 60 s.
    const reset = await state(runtime, 'oneShot', 'reset');
    expect(reset).toMatchObject({ stateName: 'Fired', variables: { fired: 1n }, lastUpdateTime: T0 + 90_000 });
  });

  it('fires a timer once when a reset races its firing', async () => {
    // Arrange: due at T0+60 s; at exactly that moment a reset arrives while the scheduler fires.
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    await send(runtime, [{ id: 'race-1', input: 'Arm', payload: { id: 'race', seconds: 60 } }]);
    clock.set(T0 + 60_000);
    // Act
    await Promise.all([schedule(stack.runtime({ clock }), T0 + 60_000), send(stack.runtime({ clock }), [{ id: 'race-2', input: 'Arm', payload: { id: 'race', command: 'reset' } }])]);
    await schedule(stack.runtime({ clock }), T0 + 200_000);
    // Assert: either the timer fired first (and the reset then re-armed it) or the reset won; never twice at once.
    const after = await state(runtime, 'oneShot', 'race');
    expect(after?.variables.fired).toBe(1n);
  });

  it('recovers the wake-ups of a scheduler that crashed mid-run on the next run', async () => {
    // Arrange: five timers due a second apart; the first run's container dies after firing two.
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    await send(runtime, [1, 2, 3, 4, 5].map((n) => ({ id: `crash-${n}`, input: 'Arm', payload: { id: `crash-${n}`, seconds: 60 + n } })));
    clock.set(T0 + 60_000);
    const dying: Clock = {
      now: () => clock.now(),
      sleep: async (ms) => {
        if (clock.now() >= T0 + 62_000) throw new Error('the scheduler container died');
        await clock.sleep(ms);
      },
    };
    const crashing = stack.runtime({ clock: dying });
    // Act
    await expect(schedule(crashing, T0 + 120_000)).rejects.toThrow('died');
    const firedBeforeCrash = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await state(runtime, 'oneShot', `crash-${n}`))?.variables.fired));
    await schedule(stack.runtime({ clock }), T0 + 180_000);
    // Assert
    expect(firedBeforeCrash).toEqual([1n, 1n, 0n, 0n, 0n]);
    const fired = await Promise.all([1, 2, 3, 4, 5].map(async (n) => (await state(runtime, 'oneShot', `crash-${n}`))?.variables.fired));
    expect(fired).toEqual([1n, 1n, 1n, 1n, 1n]);
  });

  it('fires every timer exactly once with two schedulers running at the same time', async () => {
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    const keys = Array.from({ length: 40 }, (_, n) => `twin-${n}`);
    await send(runtime, keys.map((id, n) => ({ id, input: 'Arm', payload: { id, seconds: 60 + (n % 7) } })));
    const [a, b] = await Promise.all([schedule(stack.runtime({ clock }), T0 + 120_000), schedule(stack.runtime({ clock }), T0 + 120_000)]);
    const fired = await Promise.all(keys.map(async (id) => (await state(runtime, 'oneShot', id))?.variables.fired));
    expect(fired.every((count) => count === 1n)).toBe(true);
    expect(a.fired + b.fired).toBe(40);
  });
});
