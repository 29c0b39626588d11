import { runTimerSweep, type TimerSweepDeps } from '../../lib/runtime/timer-sweep';
import { awsError } from '../support/faults';
import type { MemoryDetectorScan } from '../support/memory-detector-scan';
import type { MemorySweepState } from '../support/memory-sweep-state';
import { T0, batchSettings, type MemoryRuntime } from '../support/runtime-fixtures';
import { armTimers, timerDetector } from '../support/scheduler-fixtures';
import { DAY, HOUR, MINUTE, sweepHarness, sweepOptions, timerCycles } from '../support/sweep-fixtures';

describe('runTimerSweep', () => {
  let runtime: MemoryRuntime;
  let scan: MemoryDetectorScan;
  let sweeps: MemorySweepState;
  let deps: TimerSweepDeps;

  beforeEach(() => {
    ({ runtime, scan, sweeps, deps } = sweepHarness());
  });

  /** Timers armed at T0, then an outage of `days` during which their wake-up records expired. */
  async function outage(days: number, ...timers: [key: string, seconds: number][]) {
    await armTimers(runtime, ...timers);
    runtime.wakeups.records.clear();
    runtime.clock.set(T0 + days * DAY);
  }

  it('fires, once, the overdue timers whose wake-ups are gone, and leaves the others alone', async () => {
    // Arrange: a due 60 s after T0 (long overdue); b due in 60 days (its wake-up simply pending).
    await outage(30, ['a', 60], ['b', 60 * 86_400]);
    runtime.detectors.calls.put.length = 0;

    // Act
    const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
    const again = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(report).toMatchObject({ outcome: 'finished', scanned: 2, overdue: 1, fired: 1, failed: 0, run: { reason: 'no sweep has completed yet' } });
    expect(timerDetector(runtime, 'a')).toMatchObject({ stateName: 'Fired', lastUpdateTime: T0 + 30 * DAY });
    expect(timerCycles(runtime, 'a')).toBe(1);
    expect(runtime.detectors.calls.put.map((write) => write.key.keyValue)).toEqual(['a']);
    expect(again.outcome).toBe('idle');
    expect(runtime.telemetry.counts).toMatchObject({ TimerSweepOverdue: 1, TimersRecovered: 1, TimersFired: 1 });
  });

  it('gives a reset timer whose early wake-up is gone a new wake-up at its due time', async () => {
    // Arrange: reset (moved later) at T0 + 100 s: the pending wake-up stayed at T0 + 300 s, then vanished.
    await armTimers(runtime, ['a', 300]);
    const stored = runtime.detectors.detectors.get('timer|a')!;
    runtime.detectors.seed({ ...stored, snapshot: { ...stored.snapshot, timers: { t: { ...stored.snapshot.timers.t, dueAt: T0 + DAY } } } });
    runtime.wakeups.records.clear();
    runtime.clock.set(T0 + HOUR);

    // Act
    const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(report).toMatchObject({ overdue: 1, fired: 0 });
    expect(runtime.wakeups.wakeups).toEqual([{ detector: { model: 'timer', keyValue: 'a' }, timerName: 't', generation: 1, dueAt: T0 + DAY }]);
    expect(timerDetector(runtime, 'a')?.timers.t.wakeAt).toBe(T0 + DAY);
  });

  it('leaves timers overdue by less than the grace period to the scheduler', async () => {
    // Arrange
    await armTimers(runtime, ['a', 60]);
    runtime.clock.set(T0 + 60_000 + 4 * MINUTE);

    // Act
    const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(report).toMatchObject({ outcome: 'finished', overdue: 0 });
    expect(timerDetector(runtime, 'a')?.stateName).toBe('Armed');
  });

  it('starts when the scheduler asks, periodically, and again after a request made during a sweep', async () => {
    // Arrange: one completed sweep at T0.
    await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
    const reasons: string[] = [];
    const sweepAt = async (at: number) => {
      runtime.clock.set(at);
      const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
      reasons.push(report.outcome === 'idle' ? 'idle' : (report.run?.reason ?? ''));
    };

    // Act
    await sweepAt(T0 + HOUR);
    sweeps.state.requestedAt = T0 + 2 * HOUR;
    sweeps.state.requestReason = 'the watermark is old';
    await sweepAt(T0 + 2 * HOUR);
    await sweepAt(T0 + 3 * HOUR);
    await sweepAt(T0 + 2 * HOUR + DAY);
    // A request made while a sweep is under way needs a sweep that starts after it.
    await sweeps.start({ startedAt: T0 + 3 * DAY, reason: 'periodic', segments: 1 }, T0 + 3 * DAY);
    sweeps.state.requestedAt = T0 + 3 * DAY + 1000;
    await sweepAt(T0 + 3 * DAY + 2000);
    await sweepAt(T0 + 3 * DAY + 3000);

    // Assert
    expect(reasons).toEqual(['idle', 'requested: the watermark is old', 'idle', 'periodic', 'periodic', 'requested: the watermark is old']);
  });

  it('resumes a sweep cut short by its time limit from the saved positions, firing every timer exactly once', async () => {
    // Arrange: 20 overdue timers; in the first invocation every page read takes 30 s, so it runs out of time.
    const keys = Array.from({ length: 20 }, (_, n) => `k${n}`);
    await outage(30, ...keys.map((key): [string, number] => [key, 60]));
    scan.afterPage = () => runtime.clock.advance(30_000);

    // Act
    const first = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime, { until: runtime.clock.now() + 50_000 }));
    const firedFirst = keys.filter((key) => timerCycles(runtime, key) === 1).length;
    runtime.clock.advance(5 * MINUTE);
    scan.afterPage = undefined;
    const second = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(first.outcome).toBe('continued');
    expect(firedFirst).toBeGreaterThan(0);
    expect(firedFirst).toBeLessThan(20);
    expect(second).toMatchObject({ outcome: 'finished', totals: { scanned: 20, overdue: 20, fired: 20 } });
    expect(second.scanned).toBe(20 - first.scanned);
    expect(keys.map((key) => timerCycles(runtime, key))).toEqual(keys.map(() => 1));
    // Each segment went on from the position the first invocation saved.
    const resumedFrom = scan.calls.slice(scan.calls.length - second.scanned).map((call) => call.position);
    expect(resumedFrom.some((position) => position !== undefined)).toBe(true);
  });

  it('reads a page again after its position could not be saved, without firing anything twice', async () => {
    // Arrange
    const keys = Array.from({ length: 12 }, (_, n) => `k${n}`);
    await outage(30, ...keys.map((key): [string, number] => [key, 60]));
    sweeps.faults.next('progress', awsError('InternalServerError'), 3);

    // Act
    const first = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
    const second = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert: every segment stopped after waking its first page; the next invocation read it again.
    expect(first).toMatchObject({ outcome: 'continued', fired: first.overdue });
    expect(runtime.telemetry.messages('error')).toContain('could not save the timer sweep position; the segment stops here');
    expect(second.outcome).toBe('finished');
    expect(second.fired).toBe(12 - first.fired);
    expect(keys.map((key) => timerCycles(runtime, key))).toEqual(keys.map(() => 1));
  });

  it('stays off a sweep another invocation holds, and takes it over once its hold has run out', async () => {
    // Arrange: an invocation died mid-sweep, holding it until T0 + 30 days + 4 min.
    await outage(30, ['a', 60]);
    const now = runtime.clock.now();
    await sweeps.start({ startedAt: now - MINUTE, reason: 'requested: outage', segments: 2 }, now + 3 * MINUTE);

    // Act
    const blocked = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
    runtime.clock.advance(3 * MINUTE);
    const taken = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(blocked.outcome).toBe('busy');
    expect(timerDetector(runtime, 'a')?.stateName).toBe('Fired');
    expect(taken).toMatchObject({ outcome: 'finished', run: { startedAt: now - MINUTE, reason: 'requested: outage' }, fired: 1 });
  });

  it('retries a detector it cannot wake, then leaves it to a sweep an hour later, which fires it', async () => {
    // Arrange
    await outage(30, ['a', 60], ['b', 60]);
    runtime.detectors.beforePut = (write) => {
      if (write.key.keyValue === 'b') throw awsError('InternalServerError');
    };

    // Act
    const failing = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
    runtime.detectors.beforePut = undefined;
    runtime.clock.advance(30 * MINUTE);
    const tooSoon = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));
    runtime.clock.advance(30 * MINUTE);
    const retry = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(failing).toMatchObject({ outcome: 'finished', overdue: 2, fired: 1, failed: 1 });
    expect(runtime.telemetry.lines.filter((line) => line.message === 'could not wake detector; will retry')).toHaveLength(3);
    expect(runtime.telemetry.lines.find((line) => line.message === 'overdue timers could not be fired; the next sweep tries again')?.fields).toEqual({ detectors: ['timer|b'] });
    expect(tooSoon.outcome).toBe('idle');
    expect(retry).toMatchObject({ outcome: 'finished', fired: 1, run: { reason: 'the last sweep could not wake 1 detector(s)' } });
    expect(['a', 'b'].map((key) => timerCycles(runtime, key))).toEqual([1, 1]);
  });

  it('reports a detector whose state cannot be read and sweeps the others', async () => {
    // Arrange
    await outage(30, ['a', 60], ['b', 60]);
    scan.corrupt.add('timer|a');

    // Act
    const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime));

    // Assert
    expect(report).toMatchObject({ outcome: 'finished', unreadable: 1, fired: 1 });
    expect(runtime.telemetry.lines.find((line) => line.level === 'error')).toMatchObject({ message: 'detector cannot be read; the timer sweep cannot check its timers', fields: { detector: 'timer|a' } });
    expect(timerDetector(runtime, 'b')?.stateName).toBe('Fired');
  });

  it('reads a page again after a failed read, with a pause', async () => {
    // Arrange
    await outage(30, ['a', 60]);
    scan.faults.next('timers', awsError('ProvisionedThroughputExceededException'));

    // Act
    const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime, { segments: 1 }));

    // Assert
    expect(report).toMatchObject({ outcome: 'finished', fired: 1 });
    expect(scan.calls).toEqual([{ segment: 0, position: undefined }, { segment: 0, position: undefined }]);
    expect(runtime.clock.sleeps).toEqual([1000]);
  });

  it('keeps the scan under its read capacity budget, shared by the segments', async () => {
    // Arrange: 12 detectors, 0.5 read units each, pages of 2: 1 unit per page; a budget of 2 per second over 2 segments.
    await armTimers(runtime, ...Array.from({ length: 12 }, (_, n): [string, number] => [`k${n}`, 3600]));

    const started = runtime.clock.now();

    // Act
    const report = await runTimerSweep(deps, batchSettings(), sweepOptions(runtime, { segments: 2, readUnitsPerSecond: 2 }));

    // Assert: 6 units at 2 per second, less the last page of each segment (nothing follows it).
    expect(report).toMatchObject({ outcome: 'finished', scanned: 12, readUnits: 6 });
    expect(runtime.clock.now() - started).toBeGreaterThanOrEqual(2000);
    expect(runtime.clock.now() - started).toBeLessThanOrEqual(3000);
  });
});
