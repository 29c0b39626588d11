import { DetectorTooLargeError } from '../../lib/ports';
import { runScheduler, type SchedulerDeps } from '../../lib/runtime/scheduler';
import { awsError } from '../support/faults';
import { MemorySchedulerState } from '../support/memory-scheduler-state';
import { StaticModels, T0, batchSettings, type MemoryRuntime } from '../support/runtime-fixtures';
import { MINUTE, armTimers, guardAgainstRunaway, schedulerOptions, timerDetector, schedulerHarness } from '../support/scheduler-fixtures';

describe('runScheduler when storage fails', () => {
  let runtime: MemoryRuntime;
  let state: MemorySchedulerState;
  let deps: SchedulerDeps;

  beforeEach(() => {
    ({ runtime, state, deps } = schedulerHarness());
  });

  it('never moves the watermark back, nor past a wake-up it has not handled', async () => {
    // Arrange: b's detector cannot be written for the first 30 s.
    await armTimers(runtime, ['a', 60], ['b', 60]);
    let failUntil = T0 + 90_000;
    runtime.detectors.beforePut = (write) => {
      if (write.key.keyValue === 'b' && runtime.clock.now() < failUntil) throw awsError('ProvisionedThroughputExceededException');
    };

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 3 * MINUTE }));
    failUntil = 0;

    // Assert
    expect(report.fired).toBe(2);
    expect(state.advances.every((to, i) => i === 0 || to > state.advances[i - 1])).toBe(true);
    const beforeRetry = state.advances.filter((to) => to <= T0 + 90_000);
    expect(Math.max(...beforeRetry)).toBeLessThanOrEqual(T0 + 60_000);
  });

  it('retries a detector that could not be woken at the next poll', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60]);
    runtime.detectors.faults.next('put', awsError('ThrottlingException'), 2);

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(report).toEqual({ handled: 1, fired: 1, lateness: [2000] });
    expect(timerDetector(runtime, 'a')?.stateName).toBe('Fired');
    expect(runtime.telemetry.messages('error')).toEqual(['could not wake detector; will retry', 'could not wake detector; will retry']);
  });

  it('fires the other detectors’ timers when one detector cannot be read, and says so', async () => {
    // Arrange: a's item is corrupt; b is fine.
    await armTimers(runtime, ['a', 60], ['b', 60]);
    runtime.detectors.unreadable.add('timer|a');

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(report.fired).toBe(1);
    expect(timerDetector(runtime, 'b')?.stateName).toBe('Fired');
    expect(runtime.telemetry.messages('error')).toEqual(['timers skipped: the detector cannot be read']);
  });

  it('keeps running after a failed read of the due-index, and fires on time', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60]);
    runtime.wakeups.faults.next('due', awsError('ProvisionedThroughputExceededException'));

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(report).toEqual({ handled: 1, fired: 1, lateness: [0] });
  });

  it('keeps firing later timers when removing fired wake-ups fails, and removes them on a later run', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60], ['b', 70]);
    runtime.wakeups.faults.next('remove', awsError('ProvisionedThroughputExceededException'));

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));
    const leftBehind = runtime.wakeups.records.size;
    const next = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 3 * MINUTE }));

    // Assert
    expect(report).toMatchObject({ fired: 2, lateness: [0, 0] });
    expect(leftBehind).toBe(1);
    expect(next.fired).toBe(0);
    expect(runtime.wakeups.records.size).toBe(0);
  });

  it('waits a poll after a failed read even while catching up a backlog, rather than reading again at once', async () => {
    // Arrange: the first run reads an hour back, slice by slice; every read fails.
    runtime.wakeups.faults.always('due', awsError('ProvisionedThroughputExceededException'));
    guardAgainstRunaway(runtime);

    // Act
    await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + MINUTE }));

    // Assert: one read per second, not a tight loop.
    expect(runtime.wakeups.calls.due.length).toBeLessThanOrEqual(61);
    expect(state.at).toBeUndefined();
  });

  it('retries the wake-ups at the next poll when their detectors cannot be read', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60]);
    runtime.detectors.faults.next('getMany', awsError('ThrottlingException'));

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(report).toEqual({ handled: 1, fired: 1, lateness: [1000] });
  });

  it('stops at `until` when a wake-up keeps failing, leaving it for the next run', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60]);
    runtime.detectors.faults.always('put', awsError('InternalServerError'));
    guardAgainstRunaway(runtime);

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    // Assert
    expect(report.fired).toBe(0);
    expect(runtime.clock.now()).toBeLessThan(T0 + 2 * MINUTE + 5000);
    expect(runtime.wakeups.records.size).toBe(1);
    expect(state.at ?? 0).toBeLessThanOrEqual(T0 + 60_000);
  });

  it('drops, loudly, the timers of a detector too large to store, and moves on', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60], ['b', 70]);
    runtime.detectors.beforePut = (write) => {
      if (write.key.keyValue === 'a') throw new DetectorTooLargeError(write.key);
    };

    // Act
    const report = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));

    const next = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 3 * MINUTE }));

    // Assert: b fired; a's wake-up is gone and said so, and no later run tries it again.
    expect(report).toMatchObject({ handled: 2, fired: 1 });
    expect(next.handled).toBe(0);
    expect(runtime.wakeups.records.size).toBe(0);
    expect(runtime.telemetry.messages('error')).toContain('timers dropped: the detector cannot be stored');
    expect(runtime.telemetry.counts.TimersDropped).toBe(1);
  });

  it('keeps the wake-ups of a model that exists but cannot be loaded, and fires them once it can', async () => {
    // Arrange: the stored version does not compile in this container (say, after an upgrade).
    await armTimers(runtime, ['a', 60]);
    const unloadable = new StaticModels({ revision: '2', models: [], inputs: new Map(), unavailable: new Set(['timer']) });

    // Act
    const broken = await runScheduler({ ...deps, models: unloadable }, batchSettings(), schedulerOptions({ until: T0 + 2 * MINUTE }));
    const fixed = await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + 3 * MINUTE }));

    // Assert
    expect(broken).toMatchObject({ handled: 0, fired: 0 });
    expect(runtime.telemetry.messages('error')).toContain('detector model cannot be loaded; its timers wait for it');
    expect(fixed).toMatchObject({ handled: 1, fired: 1 });
    expect(timerDetector(runtime, 'a')).toMatchObject({ stateName: 'Fired', lastUpdateTime: T0 + 2 * MINUTE });
  });

  it('stops reading new work at `until` even when wake-ups keep coming due', async () => {
    // Arrange: every read finds one more wake-up due within the lookahead (of a detector that is gone).
    const due = runtime.wakeups.due.bind(runtime.wakeups);
    let n = 0;
    runtime.wakeups.due = async (since, until) => [...(await due(since, until)), { detector: { model: 'timer', keyValue: `k${n++}` }, timerName: 't', generation: 1, dueAt: runtime.clock.now() + 1500 }];
    guardAgainstRunaway(runtime);

    // Act
    await runScheduler(deps, batchSettings(), schedulerOptions({ until: T0 + MINUTE }));

    // Assert
    expect(runtime.clock.now()).toBeLessThan(T0 + MINUTE + 5000);
  });
});
