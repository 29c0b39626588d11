import { DetectorTooLargeError } from '../../lib/ports';
import { processBatch } from '../../lib/runtime/process-batch';
import { awsError } from '../support/faults';
import { COUNT_INPUT, armMessage, batchSettings, compiled, countMessage, counterRequest, memoryRuntime, staticModels, timerRequest, type MemoryRuntime } from '../support/runtime-fixtures';

const counter = compiled(counterRequest());

function variables(runtime: MemoryRuntime, key: string) {
  return runtime.detectors.detectors.get(`counter|${key}`)?.snapshot.variables;
}

describe('processBatch when storage fails', () => {
  let runtime: MemoryRuntime;

  beforeEach(() => {
    runtime = memoryRuntime([counter]);
  });

  it('fails every routed message, keeping the rejections, when the detectors cannot be read', async () => {
    // Arrange
    runtime.detectors.faults.next('getMany', awsError('ProvisionedThroughputExceededException', 'throughput exceeded'));
    const messages = [countMessage('1', 'a', 1), { messageId: 'bad', inputName: 'Nobody', payload: '{}' }, countMessage('2', 'b', 1)];

    // Act
    const outcomes = await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([
      { status: 'failed', code: 'ThrottlingException', message: 'throughput exceeded' },
      { status: 'rejected', code: 'ResourceNotFoundException', message: 'input Nobody does not exist' },
      { status: 'failed', code: 'ThrottlingException', message: 'throughput exceeded' },
    ]);
    expect(runtime.detectors.calls.put).toEqual([]);
  });

  it('applies the others and rejects only the messages of a detector that cannot be read, never writing over it', async () => {
    // Arrange
    runtime.detectors.unreadable.add('counter|a');
    const messages = [countMessage('1', 'a', 1), countMessage('2', 'b', 1)];

    // Act
    const outcomes = await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([
      { status: 'rejected', code: 'InternalFailureException', message: expect.stringContaining('detector counter|a is stored in a form that cannot be read') },
      { status: 'processed' },
    ]);
    expect(runtime.detectors.calls.put.map((write) => write.key.keyValue)).toEqual(['b']);
  });

  it('says which detectors did not apply a message that others applied', async () => {
    // Arrange: two models read Count; the second cannot write key a for now.
    runtime = memoryRuntime([counter, compiled(counterRequest('second'))]);
    runtime.detectors.beforePut = (write) => {
      if (write.key.model === 'second' && write.key.keyValue === 'a') throw awsError('ProvisionedThroughputExceededException', 'throughput exceeded');
    };

    // Act
    const outcomes = await processBatch([countMessage('1', 'a', 1), countMessage('2', 'b', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'failed', code: 'ThrottlingException', message: 'throughput exceeded', unapplied: ['second|a'] }, { status: 'processed' }]);
    expect(variables(runtime, 'a')?.count).toBe(1n);
  });

  it('counts a repeat as applied even when the write refreshing its id fails: no retry may reach that detector again', async () => {
    // Arrange: m1 applied 4 minutes ago; its repeat now needs its id rewritten, which fails.
    await processBatch([countMessage('m1', 'a', 1)], runtime, batchSettings());
    runtime.clock.advance(4 * 60_000);
    runtime.detectors.beforePut = () => {
      throw awsError('ProvisionedThroughputExceededException', 'throughput exceeded');
    };

    // Act
    const outcomes = await processBatch([{ ...countMessage('m1', 'a', 1), possibleRepeat: true }, countMessage('m2', 'a', 2)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }, { status: 'failed', code: 'ThrottlingException', message: 'throughput exceeded' }]);
    expect(variables(runtime, 'a')?.count).toBe(1n);
  });

  it('delivers a message narrowed to some detectors to those alone', async () => {
    // Arrange
    runtime = memoryRuntime([counter, compiled(counterRequest('second'))]);

    // Act
    await processBatch([{ ...countMessage('1', 'a', 1), targets: ['second|a'] }], runtime, batchSettings());

    // Assert
    expect(runtime.detectors.calls.put.map((write) => `${write.key.model}|${write.key.keyValue}`)).toEqual(['second|a']);
  });

  it('rejects, not retries, the messages of a detector too large to store', async () => {
    // Arrange
    runtime.detectors.beforePut = (write) => {
      if (write.key.keyValue === 'b') throw new DetectorTooLargeError(write.key);
    };

    // Act
    const outcomes = await processBatch([countMessage('a1', 'a', 1), countMessage('b1', 'b', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([
      { status: 'processed' },
      { status: 'rejected', code: 'InvalidRequestException', message: expect.stringContaining('detector counter|b would exceed the 400 KB a stored detector may hold') },
    ]);
    expect(runtime.telemetry.counts).toMatchObject({ MessagesRejected: 1, MessagesProcessed: 1 });
    expect(runtime.telemetry.counts.MessagesFailed).toBeUndefined();
  });

  it('fails only the messages of the detector whose write failed', async () => {
    // Arrange: b's write fails with a DynamoDB server fault (retryable: ServiceUnavailableException); a's succeeds.
    runtime.detectors.beforePut = (write) => {
      if (write.key.keyValue === 'b') throw awsError('InternalServerError', 'dynamodb is having a bad day');
    };
    const messages = [countMessage('a1', 'a', 1), countMessage('b1', 'b', 1), countMessage('a2', 'a', 2), countMessage('b2', 'b', 2)];

    // Act
    const outcomes = await processBatch(messages, runtime, batchSettings());

    // Assert
    const failed = { status: 'failed', code: 'ServiceUnavailableException', message: 'dynamodb is having a bad day' };
    expect(outcomes).toEqual([{ status: 'processed' }, failed, { status: 'processed' }, failed]);
    expect(variables(runtime, 'a')?.count).toBe(2n);
    expect(variables(runtime, 'b')).toBeUndefined();
    expect(runtime.telemetry.counts).toMatchObject({ MessagesFailed: 2, MessagesProcessed: 2 });
    expect(runtime.telemetry.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: expect.objectContaining({ detector: 'counter|b', messageIds: ['b1', 'b2'] }) }));
  });

  it('fails only that detector’s messages when re-reading it after a conflict fails', async () => {
    // Arrange: b conflicts without the current item, and the re-read is throttled.
    runtime.detectors.returnCurrentOnConflict = false;
    runtime.detectors.seed({ key: { model: 'counter', keyValue: 'b' }, snapshot: await storedSnapshot('b'), version: 7 });
    runtime.detectors.faults.always('get', awsError('ThrottlingException', 'rate exceeded'));
    runtime.detectors.beforePut = (write, store) => {
      if (write.key.keyValue === 'b') store.seed({ ...store.detectors.get('counter|b')!, version: 8 });
    };

    // Act
    const outcomes = await processBatch([countMessage('a1', 'a', 1), countMessage('b1', 'b', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }, { status: 'failed', code: 'ThrottlingException', message: 'rate exceeded' }]);
  });

  it('reports a conflict that outlasts the retries as a failure to retry later', async () => {
    // Arrange: another writer changes the detector before every write.
    runtime.detectors.beforePut = (_write, store) => {
      const current = store.detectors.get('counter|a');
      if (current) store.seed({ ...current, version: current.version + 1 });
    };
    runtime.detectors.seed({ key: { model: 'counter', keyValue: 'a' }, snapshot: await storedSnapshot('a') });

    // Act
    const [outcome] = await processBatch([countMessage('a1', 'a', 1)], runtime, batchSettings({ conflicts: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 } }));

    // Assert
    expect(outcome).toEqual({ status: 'failed', code: 'InternalFailureException', message: expect.stringContaining('changed by another writer') });
    expect(runtime.detectors.calls.put).toHaveLength(3);
  });

  it('lets a failure to load the models reject the whole call, so nothing is acknowledged', async () => {
    // Arrange
    const models = staticModels([counter], [COUNT_INPUT]);
    models.catalog = () => Promise.reject(awsError('ThrottlingException'));

    // Act
    const result = processBatch([countMessage('1', 'a', 1)], { ...runtime, models }, batchSettings());

    // Assert
    await expect(result).rejects.toThrow('ThrottlingException');
  });

  it('fails the messages of a detector whose wake-ups cannot be written, before its state is written', async () => {
    // Arrange: the batch's wake-up write fails, and so does the detector's own retry.
    runtime = memoryRuntime([counter, compiled(timerRequest())]);
    runtime.wakeups.faults.next('schedule', awsError('ProvisionedThroughputExceededException', 'too many wake-ups'), 2);

    // Act
    const outcomes = await processBatch([armMessage('arm', 't1', 120), countMessage('c', 'a', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'failed', code: 'ThrottlingException', message: 'too many wake-ups' }, { status: 'processed' }]);
    expect(runtime.detectors.detectors.has('timer|t1')).toBe(false);
  });

  it('writes the wake-ups of every detector of a batch in one call, and per detector when that call fails', async () => {
    // Arrange
    runtime = memoryRuntime([compiled(timerRequest())]);
    const arm = [armMessage('a1', 't1', 120), armMessage('a2', 't2', 180)];

    // Act
    await processBatch(arm, runtime, batchSettings());
    runtime.wakeups.faults.next('schedule', awsError('ThrottlingException'));
    const retried = await processBatch([armMessage('a3', 't3', 120), armMessage('a4', 't4', 180)], runtime, batchSettings());

    // Assert
    expect(runtime.wakeups.calls.schedule.map((wakeups) => wakeups.map((wakeup) => wakeup.detector.keyValue))).toEqual([['t1', 't2'], ['t3', 't4'], ['t3'], ['t4']]);
    expect(retried).toEqual([{ status: 'processed' }, { status: 'processed' }]);
  });
});

/** The snapshot of a counter detector for `key` after one message, made by the real engine. */
async function storedSnapshot(key: string) {
  const scratch = memoryRuntime([counter]);
  await processBatch([countMessage('seed', key, 0)], scratch, batchSettings());
  return scratch.detectors.detectors.get(`counter|${key}`)!.snapshot;
}
