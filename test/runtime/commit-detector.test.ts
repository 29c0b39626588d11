import { StaleDetectorError } from '../../lib/ports';
import { commitDetector } from '../../lib/runtime/commit-detector';
import type { DetectorWork } from '../../lib/runtime/evaluate-detector';
import { A, POLICY, committed, counter } from '../support/commit-fixtures';
import { awsError } from '../support/faults';
import { T0, batchSettings, compiled, countWork, memoryRuntime, timerRequest, type MemoryRuntime } from '../support/runtime-fixtures';

const timer = compiled(timerRequest());

describe('commitDetector', () => {
  let runtime: MemoryRuntime;

  beforeEach(() => {
    runtime = memoryRuntime([counter, timer]);
  });

  it('creates a new detector with a put conditional on it not existing', async () => {
    // Act
    const result = await commitDetector({ model: counter, key: A, stored: undefined, work: [countWork('m1')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    expect(runtime.detectors.calls.put).toEqual([expect.objectContaining({ key: A, expectedVersion: undefined, traceRef: 'page-1' })]);
  });

  it('writes an existing detector conditional on the version it read', async () => {
    // Arrange
    const stored = await committed(runtime, 'm1');

    // Act
    await commitDetector({ model: counter, key: A, stored, work: [countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(runtime.detectors.calls.put[1]).toMatchObject({ expectedVersion: 1, traceRef: 'page-2' });
    expect(runtime.detectors.detectors.get('counter|a')).toMatchObject({ version: 2, snapshot: { variables: { count: 2n } } });
  });

  it('returns a failure that is not a conflict at once, without retrying', async () => {
    // Arrange
    runtime.detectors.faults.next('put', awsError('ProvisionedThroughputExceededException'));

    // Act
    const result = await commitDetector({ model: counter, key: A, stored: undefined, work: [countWork('m1')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { name: 'ProvisionedThroughputExceededException' } });
    expect(runtime.detectors.calls.put).toHaveLength(1);
  });

  it('writes the wake-ups of new timers before the conditional put, on every attempt', async () => {
    // Arrange
    const key = { model: 'timer', keyValue: 't1' };
    const arm: DetectorWork = { kind: 'message', messageId: 'arm', inputName: 'Arm', payload: { id: 't1', seconds: 120n }, raw: '{"id": "t1", "seconds": 120}' };
    runtime.detectors.faults.next('put', new StaleDetectorError(key, undefined));

    // Act
    const result = await commitDetector({ model: timer, key, stored: undefined, work: [arm] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result.ok).toBe(true);
    expect(runtime.journal).toEqual(['wakeups.schedule', 'detectors.put', 'detectors.get', 'wakeups.schedule', 'detectors.put']);
    expect(runtime.wakeups.calls.schedule[0]).toEqual([{ detector: key, timerName: 't', generation: 1, dueAt: T0 + 120_000 }]);
  });

  it('does not write the detector when its wake-ups could not be written', async () => {
    // Arrange
    const arm: DetectorWork = { kind: 'message', messageId: 'arm', inputName: 'Arm', payload: { id: 't1', seconds: 120n }, raw: '{}' };
    runtime.wakeups.faults.next('schedule', awsError('InternalServerError'));

    // Act
    const result = await commitDetector({ model: timer, key: { model: 'timer', keyValue: 't1' }, stored: undefined, work: [arm] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(runtime.detectors.calls.put).toEqual([]);
  });

  it('writes nothing, and succeeds, when the work changes nothing', async () => {
    // Arrange: every message was processed already.
    const stored = await committed(runtime, 'm1', 'm2');
    runtime.journal.length = 0;

    // Act
    const result = await commitDetector({ model: counter, key: A, stored, work: [countWork('m1'), countWork('m2')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result).toMatchObject({ ok: true, attempts: 1, evaluation: { changed: false, duplicates: 2 } });
    expect(runtime.journal).toEqual([]);
  });

  it('stores the traces after the commit on a page the detector points at, each page pointing back at the one before', async () => {
    // Arrange
    await committed(runtime, 'm1');
    const stored = await runtime.detectors.get(A);

    // Act
    await commitDetector({ model: counter, key: A, stored, work: [countWork('m2'), countWork('m3')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(runtime.traces.appended.map((entry) => [entry.page, entry.previous, entry.traces.map((trace) => trace.messageId)])).toEqual([
      ['page-1', undefined, ['m1']],
      ['page-2', 'page-1', ['m2', 'm3']],
    ]);
    expect((await runtime.detectors.get(A))?.traceRef).toBe('page-2');
  });

  it('still succeeds when the traces cannot be stored, and logs a warning', async () => {
    // Arrange
    runtime.traces.faults.next('append', awsError('ResourceNotFoundException', 'no traces table'));

    // Act
    const result = await commitDetector({ model: counter, key: A, stored: undefined, work: [countWork('m1')] }, { settings: batchSettings(), deps: runtime, policy: POLICY });

    // Assert
    expect(result.ok).toBe(true);
    expect(runtime.telemetry.lines).toContainEqual({ level: 'warn', message: 'could not store evaluation traces', fields: { detectors: ['counter|a'], error: 'no traces table' } });
  });
});
