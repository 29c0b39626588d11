import { StaleDetectorError } from '../../lib/ports';
import { commitDetector } from '../../lib/runtime/commit-detector';
import { A, POLICY, committed, counter } from '../support/commit-fixtures';
import { awsError } from '../support/faults';
import { batchSettings, countWork, memoryRuntime, type MemoryRuntime } from '../support/runtime-fixtures';

/** Makes another writer add one message to `a` before each of the next `times` puts. */
function racingWriter(runtime: MemoryRuntime, times: number) {
  let raced = 0;
  runtime.detectors.beforePut = (write, store) => {
    if (raced >= times || write.expectedVersion === undefined) return;
    raced++;
    const current = store.detectors.get('counter|a')!;
    const variables = { ...current.snapshot.variables, count: (current.snapshot.variables.count as bigint) + 1n };
    store.seed({ ...current, version: current.version + 1, snapshot: { ...current.snapshot, variables } });
  };
}

describe('commitDetector on a conflict', () => {
  let runtime: MemoryRuntime;

  beforeEach(() => {
    runtime = memoryRuntime([counter]);
  });

  it('evaluates again on the detector a conflict returned and loses no update', async () => {
    // Arrange: the detector read has count 1; another writer takes it to 2 before our write.
    const stored = await committed(runtime, 'm1');
    racingWriter(runtime, 1);

    // Act
    const result = await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(runtime.detectors.calls.put.slice(1).map((write) => write.expectedVersion)).toEqual([1, 2]);
    expect(runtime.detectors.detectors.get('counter|a')?.snapshot.variables.count).toBe(3n);
    expect(runtime.detectors.calls.get).toEqual([]);
    expect(runtime.telemetry.counts.WriteConflicts).toBe(1);
  });

  it('reads the detector again when the conflict did not return it', async () => {
    // Arrange
    const stored = await committed(runtime, 'm1');
    runtime.detectors.returnCurrentOnConflict = false;
    racingWriter(runtime, 1);

    // Act
    const result = await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result.ok).toBe(true);
    expect(runtime.detectors.calls.get).toEqual([A]);
    expect(runtime.detectors.detectors.get('counter|a')?.snapshot.variables.count).toBe(3n);
  });

  it('creates the detector again when it was deleted between the read and the write', async () => {
    // Arrange
    const stored = await committed(runtime, 'm1');
    runtime.detectors.detectors.clear();

    // Act
    const result = await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: true, attempts: 2 });
    expect(runtime.detectors.calls.put.at(-1)?.expectedVersion).toBeUndefined();
    expect(runtime.detectors.detectors.get('counter|a')?.snapshot.variables.count).toBe(1n);
  });

  it('gives up after maxAttempts when other writers keep winning, and says why', async () => {
    // Arrange
    const stored = await committed(runtime, 'm1');
    racingWriter(runtime, Infinity);

    // Act
    const result = await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: false, attempts: 4, error: expect.any(StaleDetectorError) });
    expect(runtime.detectors.calls.put).toHaveLength(1 + 4);
    expect(runtime.telemetry.counts.WriteConflicts).toBe(3);
  });

  it('backs off between attempts with full jitter under a growing, capped ceiling', async () => {
    // Arrange: random() is 0.5, so each wait is half its ceiling (10, 20, then the 25 cap).
    const stored = await committed(runtime, 'm1');
    racingWriter(runtime, Infinity);

    // Act
    await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: { ...runtime, random: () => 0.5 }, policy: POLICY });

    // Assert
    expect(runtime.clock.sleeps).toEqual([5, 10, 12]);
  });

  it('draws every backoff from the injected random source', async () => {
    // Arrange
    const stored = await committed(runtime, 'm1');
    racingWriter(runtime, 2);
    const draws = [0, 0.99];

    // Act
    await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: { ...runtime, random: () => draws.shift() as number }, policy: POLICY });

    // Assert
    expect(runtime.clock.sleeps).toEqual([0, 19]);
  });

  it('returns, rather than throws, a failure to re-read the detector after a conflict', async () => {
    // Arrange
    const stored = await committed(runtime, 'm1');
    runtime.detectors.returnCurrentOnConflict = false;
    runtime.detectors.faults.next('get', awsError('ThrottlingException'));
    racingWriter(runtime, 1);

    // Act
    const result = await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { name: 'ThrottlingException' } });
  });
});
