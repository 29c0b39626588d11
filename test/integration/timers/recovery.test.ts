import type { Context, ScheduledEvent } from 'aws-lambda';
import { createHandler as createSweepHandler } from '../../../functions/timer-sweep';
import { VirtualClock } from '../../../local/virtual-clock';
import type { DetectorScan, TimerSweepState } from '../../../lib/ports';
import { runTimerSweep, type TimerSweepDeps, type TimerSweepOptions } from '../../../lib/runtime/timer-sweep';
import type { Runtime } from '../../../lib/wiring';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, lambdaContext, type TestStack } from '../stack';
import { INPUT, heartbeat, inputs, oneShot, schedule, send, state } from './timer-models';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** The scheduler reads back an hour after an outage here (a week deployed): the same rule, fewer queries. */
const LOOKBACK = { maxLookbackMs: HOUR };

/** The sweep function's Lambda context: four minutes left, as deployed. */
function sweepContext(): Context {
  return { ...lambdaContext(), getRemainingTimeInMillis: () => 240_000 };
}

function sweepOptions(clock: VirtualClock, overrides: Partial<TimerSweepOptions> = {}): TimerSweepOptions {
  const now = clock.now();
  return { until: now + 200_000, leaseUntil: now + 240_000, periodMs: DAY, retryMs: HOUR, segments: 4, pageSize: 25, graceMs: 5 * MINUTE, readUnitsPerSecond: Infinity, concurrency: 8, ...overrides };
}

function sweepDeps(runtime: Runtime, overrides: { scan?: DetectorScan; sweeps?: TimerSweepState } = {}): TimerSweepDeps {
  return { ...runtime, scan: overrides.scan ?? runtime.detectorScan, sweeps: overrides.sweeps ?? runtime.sweepState };
}

/** Arms one-shot timers of `seconds` on detectors `keys`, at the clock's time. */
async function arm(runtime: Runtime, keys: string[], seconds: (n: number) => number) {
  for (let i = 0; i < keys.length; i += 100) {
    const batch = keys.slice(i, i + 100).map((id, n) => ({ id: `arm-${id}`, input: 'Arm', payload: { id, seconds: seconds(i + n) } }));
    expect((await send(runtime, batch)).batchItemFailures).toEqual([]);
  }
}

/** Deletes the wake-up records due in [from, to] (what DynamoDB's TTL does after an outage). */
async function expireWakeups(runtime: Runtime, from: number, to: number) {
  const wakeups = await runtime.wakeups.due(from, to);
  await runtime.wakeups.remove(wakeups);
  return wakeups.length;
}

async function firedCounts(runtime: Runtime, keys: string[]) {
  const stored = await runtime.detectors.getMany(keys.map((keyValue) => ({ model: 'oneShot', keyValue })));
  return keys.map((keyValue) => stored.get(`oneShot|${keyValue}`)?.snapshot.variables.fired);
}

describe('timers after a long scheduler outage, on DynamoDB Local', () => {
  let stack: TestStack;
  let T0: number;

  beforeEach(async () => {
    // A stack per test: each one's scheduler and sweep start from nothing.
    stack = await createTestStack({ MIN_TIMER_SECONDS: '60' });
    await stack.seed([heartbeat, oneShot], inputs);
    T0 = nextWholeHour();
  });

  it('fires, once, a heartbeat timer that came due during a 30-day outage and whose wake-up expired', async () => {
    // Arrange: a device beats at T0, then falls silent; the scheduler runs a minute, then stops for
    // 30 days. A one-shot timer falls due on day 10 (its record's TTL passed, not yet deleted).
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    await send(runtime, [{ id: 'beat-0', input: INPUT, payload: { deviceId: 'd1', value: 1 } }]);
    await arm(runtime, ['mid'], () => 10 * 86_400);
    await schedule(runtime, T0 + MINUTE, LOOKBACK);
    expect(await expireWakeups(runtime, T0, T0 + HOUR)).toBe(1);
    clock.set(T0 + 30 * DAY);

    // Act: the scheduler comes back, then the sweep function runs.
    const back = await schedule(runtime, T0 + 30 * DAY + 2 * MINUTE, LOOKBACK);
    const afterScheduler = await state(runtime, 'heartbeat', 'd1');
    const sweep = await createSweepHandler(runtime)({} as ScheduledEvent, sweepContext());
    await schedule(runtime, T0 + 30 * DAY + 4 * MINUTE, LOOKBACK);
    const again = await createSweepHandler(runtime)({} as ScheduledEvent, sweepContext());
    clock.set(T0 + 31 * DAY + 5 * MINUTE);
    const periodic = await createSweepHandler(runtime)({} as ScheduledEvent, sweepContext());

    // Assert: the wake-ups alone could not fire it; the sweep fired both timers, once.
    expect(back.fired).toBe(0);
    expect(afterScheduler).toMatchObject({ stateName: 'Normal', sequence: 1 });
    expect(sweep).toMatchObject({ outcome: 'finished', overdue: 2, fired: 2, failed: 0, run: { reason: expect.stringMatching(/^requested: the scheduler's watermark .* is older than/) } });
    expect(await state(runtime, 'heartbeat', 'd1')).toMatchObject({ stateName: 'Offline', sequence: 2, timers: {}, lastUpdateTime: T0 + 30 * DAY + 2 * MINUTE });
    expect(await firedCounts(runtime, ['mid'])).toEqual([1n]);
    expect(again.outcome).toBe('idle');
    expect(periodic).toMatchObject({ outcome: 'finished', run: { reason: 'periodic' }, overdue: 0, fired: 0 });
    expect((await state(runtime, 'heartbeat', 'd1'))?.sequence).toBe(2);
  });

  it('resumes a sweep interrupted half way and fires each timer exactly once', async () => {
    // Arrange: 300 timers due a minute after T0, their wake-ups expired during a 30-day outage.
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    const keys = Array.from({ length: 300 }, (_, n) => `k${n}`);
    await arm(runtime, keys, () => 60);
    expect(await expireWakeups(runtime, T0, T0 + HOUR)).toBe(300);
    clock.set(T0 + 30 * DAY);
    // The first invocation: each page takes 10 s, so it runs out of time; and it dies before it can
    // save the position of its fifth page, which it has already woken.
    const slow: DetectorScan = { timers: async (...args) => runtime.detectorScan.timers(...args).finally(() => clock.advance(10_000)) };
    let saves = 0;
    const dying: TimerSweepState = {
      ...bind(runtime.sweepState),
      progress: async (...args) => {
        if (++saves === 5) throw new Error('the sweep container died');
        return runtime.sweepState.progress(...args);
      },
      release: async () => undefined,
    };

    // Act
    const first = await runTimerSweep(sweepDeps(runtime, { scan: slow, sweeps: dying }), runtime.settings, sweepOptions(clock, { until: clock.now() + 80_000, leaseUntil: clock.now() + 120_000 }));
    const firedFirst = (await firedCounts(runtime, keys)).filter((fired) => fired === 1n).length;
    const held = await runTimerSweep(sweepDeps(runtime), runtime.settings, sweepOptions(clock));
    clock.set(T0 + 30 * DAY + 5 * MINUTE);
    const second = await runTimerSweep(sweepDeps(runtime), runtime.settings, sweepOptions(clock));

    // Assert
    expect(first.outcome).toBe('continued');
    expect(firedFirst).toBeGreaterThan(0);
    expect(firedFirst).toBeLessThan(300);
    expect(held.outcome).toBe('busy');
    expect(second).toMatchObject({ outcome: 'finished', totals: { overdue: expect.any(Number), failed: 0 } });
    // It went on from the saved positions: only the page whose position was lost was read twice.
    expect(first.scanned + second.scanned).toBeGreaterThan(300);
    expect(first.scanned + second.scanned).toBeLessThanOrEqual(325);
    expect(await firedCounts(runtime, keys)).toEqual(keys.map(() => 1n));
  });

  it('keeps firing normal timers at their second while a sweep works through overdue ones', async () => {
    // Arrange: 400 overdue timers whose wake-ups expired; after the outage, 20 new timers due within
    // 80 s, with their wake-ups.
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    const overdue = Array.from({ length: 400 }, (_, n) => `old${n}`);
    await arm(runtime, overdue, () => 60);
    await expireWakeups(runtime, T0, T0 + HOUR);
    clock.set(T0 + 30 * DAY);
    const fresh = Array.from({ length: 20 }, (_, n) => `new${n}`);
    await arm(runtime, fresh, (n) => 60 + n);

    // Act: the scheduler and a sweep at the same time, as two functions would run.
    const [scheduler, sweep] = await Promise.all([
      schedule(stack.runtime({ clock }), T0 + 30 * DAY + 2 * MINUTE, LOOKBACK),
      runTimerSweep(sweepDeps(stack.runtime({ clock })), runtime.settings, sweepOptions(clock, { pageSize: 10 })),
    ]);

    // Assert
    expect(scheduler.fired).toBe(20);
    expect(scheduler.lateness).toEqual(fresh.map(() => 0));
    expect(sweep).toMatchObject({ outcome: 'finished', overdue: 400, fired: 400 });
    expect(await firedCounts(runtime, [...overdue, ...fresh])).toEqual([...overdue, ...fresh].map(() => 1n));
  });
});

/** The methods of a store, bound, to build a wrapper that replaces some of them. */
function bind(store: TimerSweepState): TimerSweepState {
  return {
    status: () => store.status(),
    start: (...args) => store.start(...args),
    claim: (...args) => store.claim(...args),
    progress: (...args) => store.progress(...args),
    release: (...args) => store.release(...args),
    finish: (...args) => store.finish(...args),
  };
}
