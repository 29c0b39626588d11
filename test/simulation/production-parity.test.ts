import { engineOptions } from '../../lib/engine';
import { processBatch } from '../../lib/runtime/process-batch';
import { Simulator } from '../../lib/simulation';
import { batchSettings, compiled, counterRequest, memoryRuntime } from '../support/runtime-fixtures';

const counter = compiled(counterRequest());
const LIMIT = 64;

/** What the deployed runtime (processBatch, as BatchPutMessage and the queues call it) makes of one message. */
async function deployed(inputName: string, payload: string) {
  const [outcome] = await processBatch([{ messageId: 'm1', inputName, payload, timestamp: 1000 }], memoryRuntime([counter]), batchSettings({ maxMessageBytes: LIMIT }));
  return outcome;
}

/** What `vigil simulate`'s simulator makes of it, with the same model, inputs and payload limit. */
function simulated(inputName: string, payload: string) {
  const simulator = new Simulator([counter], engineOptions({}), { inputs: ['Count', 'Arm'], maxMessageBytes: LIMIT });
  return simulator.send({ messageId: 'm1', inputName, raw: payload, timestamp: 1000 });
}

describe('the simulator and the deployed runtime', () => {
  it.each([
    ['a payload over the size limit', 'Count', `{"id": "a", "n": 1, "pad": "${'x'.repeat(LIMIT)}"}`],
    ['a key with an unpaired surrogate', 'Count', '{"id": "\\ud800", "n": 1}'],
    ['a key holding the separator |', 'Count', '{"id": "a|b", "n": 1}'],
    ['a key longer than 128 characters', 'Count', `{"id": "${'k'.repeat(129)}"}`],
    ['a payload without the key', 'Count', '{"n": 1}'],
    ['an input that does not exist', 'Nope', '{"id": "a"}'],
    ['a payload that is not JSON', 'Count', '{"id": '],
    ['a payload with a key twice', 'Count', '{"id": "a", "id": "b"}'],
    ['a payload that is not an object', 'Count', '["a"]'],
    ['a payload nested too deeply', 'Count', `{"id": "a", "deep": ${'['.repeat(64)}${']'.repeat(64)}}`],
  ])('refuse %s alike, with the same code and words', async (_, inputName, payload) => {
    // Arrange, Act
    const outcome = await deployed(inputName, payload);
    const events = simulated(inputName, payload);
    // Assert
    expect(outcome.status).toBe('rejected');
    if (outcome.status !== 'rejected') return;
    expect(events).toEqual([expect.objectContaining({ type: 'error', messageId: 'm1', code: outcome.code, message: outcome.message })]);
  });

  it('accept a message at the size limit alike', async () => {
    // Arrange: exactly LIMIT bytes.
    const payload = `{"id": "a", "n": 1, "pad": "${'x'.repeat(LIMIT - 30)}"}`;
    expect(Buffer.byteLength(payload)).toBe(LIMIT);
    // Act
    const outcome = await deployed('Count', payload);
    const events = simulated('Count', payload);
    // Assert
    expect(outcome).toEqual({ status: 'processed' });
    expect(events).toEqual([{ type: 'trace', trace: expect.objectContaining({ status: 'Success', messageId: 'm1' }) }]);
  });
});
