import type { Wakeup } from '../../lib/ports';
import { runScheduler, type SchedulerDeps } from '../../lib/runtime/scheduler';
import { MemorySchedulerState } from '../support/memory-scheduler-state';
import { T0, batchSettings, type MemoryRuntime } from '../support/runtime-fixtures';
import { HOUR, MINUTE, armTimers, schedulerOptions, timerDetector, schedulerHarness } from '../support/scheduler-fixtures';

describe('runScheduler', () => {
  let runtime: MemoryRuntime;
  let state: MemorySchedulerState;
  let deps: SchedulerDeps;

  beforeEach(() => {
    ({ runtime, state, deps } = schedulerHarness());
  });

  it('fires each timer at its due time and removes its wake-up', async () => {
    // Arrange
    await armTimers(runtime, ['a', 90], ['b', 150]);

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions());

    // Assert
    expect(report).toEqual({ handled: 2, fired: 2, lateness: [0, 0] });
    expect(timerDetector(runtime, 'a')).toMatchObject({ stateName: 'Fired', lastUpdateTime: T0 + 90_000 });
    expect(timerDetector(runtime, 'b')).toMatchObject({ stateName: 'Fired', lastUpdateTime: T0 + 150_000 });
    expect(runtime.wakeups.records.size).toBe(0);
  });

  it('looks back firstLookbackMs on its first run and starts at the watermark afterwards', async () => {
    // Arrange
    await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 10_000 }));
    const firstReads = [...runtime.wakeups.calls.due];
    const watermark = state.at;
    runtime.clock.set(T0 + 30 * MINUTE);
    runtime.wakeups.calls.due.length = 0;

    // Act
    await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 31 * MINUTE }));

    // Assert: the hour back is read in slices of 10 minutes, then the live edge.
    expect(firstReads.slice(0, 7)).toEqual([
      [T0 - HOUR, T0 - 50 * MINUTE],
      [T0 - 50 * MINUTE - 5000, T0 - 40 * MINUTE - 5000],
      [T0 - 40 * MINUTE - 10_000, T0 - 30 * MINUTE - 10_000],
      [T0 - 30 * MINUTE - 15_000, T0 - 20 * MINUTE - 15_000],
      [T0 - 20 * MINUTE - 20_000, T0 - 10 * MINUTE - 20_000],
      [T0 - 10 * MINUTE - 25_000, T0 - 25_000],
      [T0 - 30_000, T0 + 2000],
    ]);
    expect(watermark).toBe(T0);
    expect(runtime.wakeups.calls.due[0]).toEqual([T0, T0 + 10 * MINUTE]);
    expect(state.at).toBe(T0 + 30 * MINUTE);
  });

  it('reads the backlog of a long outage in slices of at most 10 minutes, back to maxLookbackMs', async () => {
    // Arrange
    state.at = T0 - 10 * 24 * HOUR;

    // Act
    await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 1000 }));

    // Assert
    const reads = runtime.wakeups.calls.due;
    expect(reads[0][0]).toBe(T0 - 24 * HOUR);
    expect(reads.every(([since, until]) => until - since <= 10 * MINUTE)).toBe(true);
    expect(reads.some(([, until]) => until === T0 + 2000)).toBe(true);
    expect(reads.length).toBeGreaterThan(144);
  });

  it('reads the detectors it wakes with strongly consistent reads', async () => {
    // Arrange: a stale read could show a reset timer's old state and lose the timer.
    await armTimers(runtime, ['a', 60]);
    runtime.journal.length = 0;

    // Act
    await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(runtime.journal.filter((entry) => entry.startsWith('detectors.getMany'))).toEqual(['detectors.getMany(consistent)']);
  });

  it('wakes a detector once for all its wake-ups due together', async () => {
    // Arrange: a stale wake-up of the same detector and due time, from an earlier generation.
    await armTimers(runtime, ['a', 60]);
    const [wakeup] = runtime.wakeups.records.values();
    await runtime.wakeups.schedule([{ ...wakeup, generation: 0 }]);

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(report).toMatchObject({ handled: 2, fired: 1 });
    expect(runtime.detectors.calls.put).toHaveLength(2);
    expect(runtime.wakeups.records.size).toBe(0);
  });

  it('removes the wake-ups of detectors and models that no longer exist without evaluating anything', async () => {
    // Arrange
    const orphans: Wakeup[] = [
      { detector: { model: 'timer', keyValue: 'gone' }, timerName: 't', generation: 1, dueAt: T0 + 30_000 },
      { detector: { model: 'deleted-model', keyValue: 'x' }, timerName: 't', generation: 1, dueAt: T0 + 30_000 },
    ];
    await runtime.wakeups.schedule(orphans);

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + MINUTE }));

    // Assert
    expect(report).toEqual({ handled: 2, fired: 0, lateness: [] });
    expect(runtime.detectors.calls.put).toEqual([]);
    expect(runtime.wakeups.records.size).toBe(0);
  });

  it('re-arms an early wake-up when the timer was reset, and fires at the new due time', async () => {
    // Arrange: armed for 60 s at T0, then set again to 60 s at T0 + 30 s (wake-up stays at T0 + 60 s).
    await armTimers(runtime, ['a', 60]);
    runtime.clock.set(T0 + 30_000);
    const [key, snapshot] = ['timer|a', timerDetector(runtime, 'a')!];
    runtime.detectors.seed({ ...runtime.detectors.detectors.get(key)!, snapshot: { ...snapshot, timers: { t: { ...snapshot.timers.t, dueAt: T0 + 90_000, generation: 2 } } } });

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 3 * MINUTE }));

    // Assert
    expect(timerDetector(runtime, 'a')).toMatchObject({ stateName: 'Fired', lastUpdateTime: T0 + 90_000 });
    expect(report).toMatchObject({ handled: 2, fired: 1 });
  });

  describe('when the wake-ups may not hold every timer', () => {
    it('asks for a sweep of the detectors before moving a watermark older than it reads back', async () => {
      // Arrange: the watermark is 30 days old; the scheduler reads back 24 h (schedulerOptions).
      state.at = T0 - 30 * 24 * HOUR;

      // Act
      await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + MINUTE }));

      // Assert
      expect(state.sweepRequests).toEqual([{ at: T0, reason: `the scheduler's watermark (${new Date(T0 - 30 * 24 * HOUR).toISOString()}) is older than the 24 h it reads back` }]);
      expect(state.at).toBeGreaterThan(T0 - HOUR);
    });

    it('asks for a sweep on its first run, when there is no watermark', async () => {
      // Act
      await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + MINUTE }));
      await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

      // Assert: once; the second run found the watermark.
      expect(state.sweepRequests).toEqual([{ at: T0, reason: 'the scheduler has no watermark (its first run, or its state was lost)' }]);
    });

    it('asks for nothing when the watermark is within what it reads back', async () => {
      // Arrange
      state.at = T0 - 23 * HOUR;

      // Act
      await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + MINUTE }));

      // Assert
      expect(state.sweepRequests).toEqual([]);
    });

    it('keeps the watermark where it was until the sweep request is stored, and keeps firing meanwhile', async () => {
      // Arrange
      state.at = T0 - 30 * 24 * HOUR;
      await armTimers(runtime, ['a', 60]);
      state.faults.always('requestSweep', new Error('Rate exceeded'));

      // Act
      const failing = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));
      const stuck = state.at;
      state.faults.clear();
      await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 3 * MINUTE }));

      // Assert
      expect(failing.fired).toBe(1);
      expect(stuck).toBe(T0 - 30 * 24 * HOUR);
      expect(state.sweepRequests).toHaveLength(1);
      expect(state.at).toBeGreaterThan(T0 + MINUTE);
      expect(runtime.telemetry.messages('error')).toContain('could not move the watermark; will retry');
    });
  });
});
