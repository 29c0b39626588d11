import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { VirtualClock } from '../../../local/virtual-clock';
import { mapConcurrent } from '../../../lib/runtime/concurrency';
import { processBatch } from '../../../lib/runtime/process-batch';
import { runScheduler } from '../../../lib/runtime/scheduler';
import { nextWholeHour } from '../../support/test-time';
import { createTestStack, type TestStack } from '../stack';

// A burst of 50 timers due every second of one minute: enough to show every one fires exactly once,
// never early, within its second; `npm run bench -- timers` runs 10,000 and prints the figures.
const TIMERS = 3_000;
const MINUTE = 60_000;

/** Each detector arms one timer from its first message and counts the timer cycles it sees. */
const burst: CreateDetectorModelRequest = {
  detectorModelName: 'burst',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Armed',
    states: [
      {
        stateName: 'Armed',
        onEnter: { events: [{ eventName: 'arm', condition: 'currentInput("Arm")', actions: [{ setVariable: { variableName: 'fired', value: '0' } }, { setTimer: { timerName: 't', durationExpression: '$input.Arm.seconds' } }] }] },
        onInput: { transitionEvents: [{ eventName: 'fire', condition: 'timeout("t")', actions: [{ setVariable: { variableName: 'fired', value: '$variable.fired + 1' } }], nextState: 'Fired' }] },
      },
      { stateName: 'Fired', onInput: { events: [{ eventName: 'again', condition: 'timeout("t")', actions: [{ setVariable: { variableName: 'fired', value: '$variable.fired + 1' } }] }] } },
    ],
  },
};
const inputs: CreateInputRequest[] = [{ inputName: 'Arm', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'seconds' }] } }];

// The scheduler runs on a virtual clock that moves only when it waits: lateness is then what its
// design allows (reading ahead, waiting for each due second), independent of this machine's
// speed. `npm run bench -- timers` measures the same on the wall clock.
describe('3,000 timers due in the same minute on DynamoDB Local', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await createTestStack({ MIN_TIMER_SECONDS: '1' });
    await stack.seed([burst], inputs);
  });

  it('fires every one exactly once, never early and within one second of its due time', async () => {
    // Arrange: at hh:00:00 arm 3,000 timers of 60..119 s, all due between hh:01:00 and hh:01:59.
    const T0 = nextWholeHour();
    const clock = new VirtualClock(T0);
    const runtime = stack.runtime({ clock });
    const ids = Array.from({ length: TIMERS }, (_, n) => n);
    const batches = Array.from({ length: TIMERS / 100 }, (_, b) => ids.slice(b * 100, b * 100 + 100));
    await mapConcurrent(batches, 4, async (batch) => {
      const outcomes = await processBatch(
        batch.map((n) => ({ messageId: `arm-${n}`, inputName: 'Arm', payload: JSON.stringify({ id: `d${n}`, seconds: 60 + (n % 60) }) })),
        runtime,
        runtime.settings,
      );
      expect(outcomes.filter((outcome) => outcome.status !== 'processed')).toEqual([]);
    });

    // Act: one scheduler run, started at the beginning of the minute, as EventBridge would.
    clock.set(T0 + MINUTE);
    const report = await runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, {
      until: T0 + 2 * MINUTE + 10_000,
      pollMs: 1000,
      lookaheadMs: 2000,
      firstLookbackMs: MINUTE,
      maxLookbackMs: 3_600_000,
      concurrency: 16,
    });

    // Assert
    expect(report.fired).toBe(TIMERS);
    expect(Math.min(...report.lateness)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...report.lateness)).toBeLessThanOrEqual(1000);
    const stored = await runtime.detectors.getMany(ids.map((n) => ({ model: 'burst', keyValue: `d${n}` })));
    const firedOnce = [...stored.values()].filter((detector) => detector.snapshot.stateName === 'Fired' && detector.snapshot.variables.fired === 1n);
    expect(firedOnce).toHaveLength(TIMERS);
    // Every wake-up was consumed: nothing is left for a later run to fire again.
    expect(await runtime.wakeups.due(T0, T0 + 3 * MINUTE)).toEqual([]);
  }, 300_000);
});
