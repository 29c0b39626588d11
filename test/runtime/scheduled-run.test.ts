import { scheduledRunOptions } from '../../lib/runtime/scheduled-run';
import { runScheduler } from '../../lib/runtime/scheduler';
import { MemorySchedulerState } from '../support/memory-scheduler-state';
import { T0, batchSettings, compiled, memoryRuntime, timerRequest } from '../support/runtime-fixtures';
import { armTimers, timerDetector } from '../support/scheduler-fixtures';

describe('scheduledRunOptions', () => {
  it('runs 70 s from its own start, whatever second of the minute EventBridge picked', () => {
    expect(scheduledRunOptions(T0 + 40_000, 90_000, 4).until).toBe(T0 + 110_000);
    expect(scheduledRunOptions(T0 + 7_321, 90_000, 4).until).toBe(T0 + 77_321);
  });

  it('stops 5 s before the Lambda timeout', () => {
    expect(scheduledRunOptions(T0, 30_000, 4).until).toBe(T0 + 25_000);
  });

  it('fires on time every timer due before the next run starts, when runs start at :40', async () => {
    // Arrange: EventBridge ticks at :40 (the rule was created at :40), so the next run starts at
    // T0 + 100 s; an end at the minute boundary plus 10 s (T0 + 70 s) would fire two of these late.
    const runtime = memoryRuntime([compiled(timerRequest())]);
    await armTimers(runtime, ['boundary', 60], ['late', 75], ['beforeNext', 99]);
    runtime.clock.set(T0 + 40_000);

    // Act
    const options = scheduledRunOptions(runtime.clock.now(), 90_000, 4);
    const report = await runScheduler({ ...runtime, state: new MemorySchedulerState() }, batchSettings(), options);

    // Assert
    expect(report).toEqual({ handled: 3, fired: 3, lateness: [0, 0, 0] });
    expect(timerDetector(runtime, 'late')).toMatchObject({ stateName: 'Fired', lastUpdateTime: T0 + 75_000 });
  });
});
