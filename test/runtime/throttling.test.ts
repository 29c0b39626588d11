import { DynamoDetectorStore } from '../../lib/adapters/dynamodb/detector-store';
import type { DeadLetter } from '../../lib/ports';
import { processBatch, type BatchDeps } from '../../lib/runtime/process-batch';
import { handleQueueRecords, type QueueRecord } from '../../lib/runtime/queue-batch';
import { FakeDynamoDBHandler, THROTTLED, clientOn, type FakeAnswer, type FakeRequest } from '../support/fake-dynamodb-handler';
import { batchSettings, compiled, counterRequest, memoryRuntime } from '../support/runtime-fixtures';

const TABLE = 'vigil-test-detectors';
const OK: FakeAnswer = { status: 200, body: {} };

function record(id: string, key: string): QueueRecord {
  return { messageId: `sqs-${id}`, body: JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId: id, payload: `{"id": "${key}", "n": 1}` }), source: 'internal' };
}

/**
 * The ingest path as the ingestQueue function runs it, with the detectors in "DynamoDB" behind a
 * fake endpoint, so throttling goes through the SDK's own retries first.
 */
function ingest(answer: (request: FakeRequest, attempt: number) => FakeAnswer) {
  const counts: Record<string, number> = {};
  const handler = new FakeDynamoDBHandler((request) => answer(request, (counts[request.operation] = (counts[request.operation] ?? 0) + 1)));
  const memory = memoryRuntime([compiled(counterRequest())]);
  const deps: BatchDeps = { ...memory, detectors: new DynamoDetectorStore({ client: clientOn(handler), tableName: TABLE }) };
  const dead: DeadLetter[] = [];
  const run = (records: QueueRecord[]) =>
    handleQueueRecords(records, (messages) => processBatch(messages, deps, batchSettings()), { deadLetters: { send: async (entries) => void dead.push(...entries) }, telemetry: memory.telemetry, maxReceives: 4 });
  return { handler, run, dead, telemetry: memory.telemetry };
}

describe('throttling on the ingest path, through the SDK’s retries', () => {
  beforeEach(() => {
    // Full jitter times a random 0 is no wait: nothing here depends on timing.
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(() => jest.restoreAllMocks());

  it('acknowledges the message when DynamoDB stops throttling within the client’s attempts', async () => {
    // Arrange: the put is throttled three times, then accepted.
    const { handler, run } = ingest((request, attempt) => (request.operation === 'PutItem' && attempt <= 3 ? THROTTLED : OK));

    // Act
    const response = await run([record('m1', 'a')]);

    // Assert
    expect(response).toEqual({ batchItemFailures: [] });
    expect(handler.of('PutItem')).toHaveLength(4);
  });

  it('reports the message failed, never acknowledged nor dead-lettered, when throttling outlasts the retries', async () => {
    // Arrange: every put is throttled.
    const { handler, run, dead, telemetry } = ingest((request) => (request.operation === 'PutItem' ? THROTTLED : OK));

    // Act
    const response = await run([record('m1', 'a')]);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-m1' }] });
    expect(handler.of('PutItem')).toHaveLength(4);
    expect(dead).toEqual([]);
    expect(telemetry.counts.MessagesFailed).toBe(1);
    expect(telemetry.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'messages not applied by this detector', fields: expect.objectContaining({ name: 'ProvisionedThroughputExceededException' }) }));
  });

  it('fails only the throttled detector’s message and acknowledges the others of the batch', async () => {
    // Arrange: puts of detector a are always throttled, b's are accepted.
    const { handler, run } = ingest((request) => (request.operation === 'PutItem' && (request.body.Item as { pk: { S: string } }).pk.S === 'counter|a' ? THROTTLED : OK));

    // Act
    const response = await run([record('m1', 'a'), record('m2', 'b')]);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-m1' }] });
    expect(handler.of('PutItem').map((request) => (request.body.Item as { pk: { S: string } }).pk.S).sort()).toEqual(['counter|a', 'counter|a', 'counter|a', 'counter|a', 'counter|b']);
  });

  it('fails every message of the batch when even reading the detectors stays throttled, and dead-letters only the poison', async () => {
    // Arrange
    const { handler, run, dead } = ingest((request) => (request.operation === 'BatchGetItem' ? THROTTLED : OK));

    // Act
    const response = await run([record('m1', 'a'), { messageId: 'sqs-bad', body: '{"not": "for vigil"}', source: 'internal' }, record('m2', 'b')]);

    // Assert
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'sqs-m1' }, { itemIdentifier: 'sqs-m2' }]);
    expect(dead.map((entry) => entry.id)).toEqual(['sqs-bad']);
    expect(handler.of('BatchGetItem')).toHaveLength(4);
    expect(handler.of('PutItem')).toHaveLength(0);
  });

  it('fails the batch as throttled when DynamoDB keeps leaving keys unprocessed', async () => {
    // Arrange: every BatchGetItem answers "not now" for every key.
    const { run, handler } = ingest((request) => (request.operation === 'BatchGetItem' ? { status: 200, body: { Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'counter|a' } }] } } } } : OK));

    // Act
    const response = await run([record('m1', 'a')]);

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-m1' }] });
    expect(handler.of('BatchGetItem')).toHaveLength(8);
  });
});
