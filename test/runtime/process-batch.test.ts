import { processBatch } from '../../lib/runtime/process-batch';
import { T0, batchSettings, compiled, countMessage, counterRequest, memoryRuntime, type MemoryRuntime } from '../support/runtime-fixtures';

const counter = compiled(counterRequest());

function variables(runtime: MemoryRuntime, key: string) {
  return runtime.detectors.detectors.get(`counter|${key}`)?.snapshot.variables;
}

describe('processBatch', () => {
  let runtime: MemoryRuntime;

  beforeEach(() => {
    runtime = memoryRuntime([counter]);
  });

  it('applies the messages of one key in timestamp order, whatever their order in the batch', async () => {
    // Arrange
    const messages = [countMessage('m3', 'a', 3, T0 - 1000), countMessage('m1', 'a', 1, T0 - 3000), countMessage('m2', 'a', 2, T0 - 2000)];

    // Act
    const outcomes = await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }, { status: 'processed' }, { status: 'processed' }]);
    expect(variables(runtime, 'a')).toMatchObject({ count: 3n, order: 'start,1,2,3' });
  });

  it('keeps batch order between messages with the same timestamp', async () => {
    // Arrange
    const messages = [countMessage('m1', 'a', 1, T0), countMessage('m2', 'a', 2, T0), countMessage('m0', 'a', 0, T0 - 1)];

    // Act
    await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(variables(runtime, 'a')?.order).toBe('start,0,1,2');
  });

  it('applies a message without a timestamp at processing time, after the stamped ones', async () => {
    // Arrange
    const messages = [countMessage('m9', 'a', 9), countMessage('m1', 'a', 1, T0 - 3000)];

    // Act
    await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(variables(runtime, 'a')?.order).toBe('start,1,9');
  });

  it('writes each detector once per batch however many of its messages the batch holds', async () => {
    // Arrange
    const messages = [...[1, 2, 3, 4, 5].map((n) => countMessage(`a${n}`, 'a', n)), ...[1, 2, 3].map((n) => countMessage(`b${n}`, 'b', n))];

    // Act
    await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(runtime.detectors.calls.put.map((write) => write.key.keyValue).sort()).toEqual(['a', 'b']);
    expect(variables(runtime, 'a')?.count).toBe(5n);
    expect(variables(runtime, 'b')?.count).toBe(3n);
  });

  it('writes the traces of every detector of the batch in one call', async () => {
    // Act
    await processBatch([countMessage('m1', 'a', 1), countMessage('m2', 'b', 1), countMessage('m3', 'c', 1)], runtime, batchSettings());

    // Assert
    expect(runtime.traces.calls).toEqual([3]);
    expect(runtime.traces.appended.map((entry) => entry.detector).sort()).toEqual(['counter|a', 'counter|b', 'counter|c']);
  });

  it('reads every detector of the batch with one getMany, each key once', async () => {
    // Arrange
    const messages = [countMessage('1', 'a', 1), countMessage('2', 'b', 1), countMessage('3', 'a', 2), countMessage('4', 'c', 1)];

    // Act
    await processBatch(messages, runtime, batchSettings());

    // Assert
    expect(runtime.detectors.calls.getMany).toEqual([
      [
        { model: 'counter', keyValue: 'a' },
        { model: 'counter', keyValue: 'b' },
        { model: 'counter', keyValue: 'c' },
      ],
    ]);
    expect(runtime.models.calls).toBe(1);
  });

  it('rejects each poison message on its own and processes the rest of the batch', async () => {
    // Arrange
    const huge = `{"id": "p", "blob": "${'x'.repeat(2000)}"}`;
    const messages = [
      { messageId: 'bad-json', inputName: 'Count', payload: '{"id": "p", ' },
      { messageId: 'no-key', inputName: 'Count', payload: '{"n": 1}' },
      { messageId: 'unknown-input', inputName: 'Nobody', payload: '{"id": "p"}' },
      { messageId: 'huge', inputName: 'Count', payload: huge },
      { messageId: 'array', inputName: 'Count', payload: '[1, 2]' },
      countMessage('good', 'p', 1),
    ];

    // Act
    const outcomes = await processBatch(messages, runtime, batchSettings({ maxMessageBytes: 1024 }));

    // Assert
    expect(outcomes).toEqual([
      { status: 'rejected', code: 'InvalidRequestException', message: expect.stringMatching(/^payload is not valid JSON/) },
      { status: 'rejected', code: 'InvalidRequestException', message: expect.stringMatching(/key attribute 'id'/) },
      { status: 'rejected', code: 'ResourceNotFoundException', message: 'input Nobody does not exist' },
      { status: 'rejected', code: 'InvalidRequestException', message: `payload is ${huge.length} bytes; the limit is 1024` },
      { status: 'rejected', code: 'InvalidRequestException', message: 'payload must be a JSON object' },
      { status: 'processed' },
    ]);
    expect(variables(runtime, 'p')?.count).toBe(1n);
    expect(runtime.telemetry.counts).toMatchObject({ MessagesRejected: 5, MessagesProcessed: 1 });
  });

  it('counts the payload limit in UTF-8 bytes, not characters', async () => {
    // Arrange: 300 three-byte characters are 900 bytes of payload.
    const payload = JSON.stringify({ id: 'u', text: '€'.repeat(300) });

    // Act
    const [outcome] = await processBatch([{ messageId: 'euro', inputName: 'Count', payload }], runtime, batchSettings({ maxMessageBytes: 600 }));

    // Assert
    expect(outcome).toEqual({ status: 'rejected', code: 'InvalidRequestException', message: `payload is ${Buffer.byteLength(payload)} bytes; the limit is 600` });
  });

  it('delivers a message without the key to the models that do not need it, rejecting nothing', async () => {
    // Arrange: a singleton model also reads Count.
    const singleton = compiled({ ...counterRequest('total'), key: undefined });
    runtime = memoryRuntime([counter, singleton]);

    // Act
    const outcomes = await processBatch([{ messageId: 'k', inputName: 'Count', payload: '{"n": 7}' }], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }]);
    expect(runtime.detectors.detectors.get('total|')?.snapshot.variables.count).toBe(1n);
    expect(runtime.telemetry.messages('warn')).toEqual(['message not routed to a model']);
  });

  it('reads and writes nothing when no message reaches a detector', async () => {
    // Act
    const outcomes = await processBatch([{ messageId: 'x', inputName: 'Nobody', payload: '{}' }], runtime, batchSettings());

    // Assert
    expect(outcomes[0].status).toBe('rejected');
    expect(runtime.detectors.calls.getMany).toEqual([]);
  });

  it('counts a redelivered message as a duplicate and writes it only once', async () => {
    // Arrange
    await processBatch([countMessage('once', 'a', 1)], runtime, batchSettings());

    // Act
    const outcomes = await processBatch([countMessage('once', 'a', 1), countMessage('once', 'a', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }, { status: 'processed' }]);
    expect(variables(runtime, 'a')?.count).toBe(1n);
    expect(runtime.detectors.calls.put).toHaveLength(1);
    expect(runtime.telemetry.counts.DuplicatesIgnored).toBe(2);
  });
});
