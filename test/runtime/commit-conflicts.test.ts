import { BatchGetItemCommand, ConditionalCheckFailedException, DynamoDBClient, GetItemCommand, PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { fromItem, toItem } from '../../lib/adapters/dynamodb/detector-item';
import { DynamoDetectorStore } from '../../lib/adapters/dynamodb/detector-store';
import { processBatch, type BatchDeps } from '../../lib/runtime/process-batch';
import { handleQueueRecords } from '../../lib/runtime/queue-batch';
import { detectorSnapshot } from '../support/detector-snapshots';
import type { RecordingTelemetry } from '../support/recording-telemetry';
import { batchSettings, compiled, countMessage, counterRequest, memoryRuntime } from '../support/runtime-fixtures';

const TABLE = 'vigil-test-detectors';
const dynamodb = mockClient(DynamoDBClient);
const KEY = { model: 'counter', keyValue: 'a' };

/** Detector a as stored at `version` with `count`. */
function stored(version: number, count: bigint) {
  return toItem({ key: KEY, expectedVersion: undefined, snapshot: detectorSnapshot({ variables: { count, order: 'start' } }), recentIds: new Uint8Array(0), effects: [] }, version);
}

function conflict(item?: ReturnType<typeof stored>): ConditionalCheckFailedException {
  return new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, ...(item ? { Item: item } : {}) });
}

function puts(): PutItemCommandInput[] {
  return dynamodb.commandCalls(PutItemCommand).map((call) => call.args[0].input);
}

describe('conditional-check failures injected on the detector put', () => {
  let runtime: BatchDeps;
  let telemetry: RecordingTelemetry;

  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [stored(3, 5n)] } });
    const memory = memoryRuntime([compiled(counterRequest())]);
    telemetry = memory.telemetry;
    runtime = { ...memory, detectors: new DynamoDetectorStore({ client: new DynamoDBClient({ region: 'us-east-1' }), tableName: TABLE }) };
  });

  it('re-steps on the item the failed condition returned and writes on top of the other writer’s update', async () => {
    // Arrange: between our read (version 3, count 5) and our write, another writer made it 4 and 7.
    dynamodb.on(PutItemCommand).rejectsOnce(conflict(stored(4, 7n))).resolves({});

    // Act
    const outcomes = await processBatch([countMessage('m1', 'a', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }]);
    expect(puts().map((input) => input.ExpressionAttributeValues)).toEqual([{ ':expected': { N: '3' } }, { ':expected': { N: '4' } }]);
    const written = fromItem(puts()[1].Item!);
    expect(written).toMatchObject({ version: 5, snapshot: { variables: { count: 8n } } });
    expect(dynamodb.commandCalls(GetItemCommand)).toHaveLength(0);
  });

  it('reads the detector again, strongly consistent, when the failed condition returned no item', async () => {
    // Arrange
    dynamodb.on(PutItemCommand).rejectsOnce(conflict()).resolves({});
    dynamodb.on(GetItemCommand).resolves({ Item: stored(6, 10n) });

    // Act
    const outcomes = await processBatch([countMessage('m1', 'a', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'processed' }]);
    expect(dynamodb).toHaveReceivedCommandWith(GetItemCommand, { TableName: TABLE, Key: { pk: { S: 'counter|a' } }, ConsistentRead: true });
    expect(fromItem(puts()[1].Item!)).toMatchObject({ version: 7, snapshot: { variables: { count: 11n } } });
  });

  it('stops after maxAttempts conflicts and has SQS deliver the message again instead of acknowledging it', async () => {
    // Arrange: every write loses to another writer.
    let version = 3;
    dynamodb.on(PutItemCommand).callsFake(() => Promise.reject(conflict(stored(++version, BigInt(version)))));
    const process = (messages: Parameters<typeof processBatch>[0]) => processBatch(messages, runtime, batchSettings({ conflicts: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }));
    const body = JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId: 'm1', payload: '{"id": "a", "n": 1}' });

    // Act
    const response = await handleQueueRecords([{ messageId: 'sqs-1', body, source: 'internal' }], process, { deadLetters: { send: jest.fn() }, telemetry, maxReceives: 4 });

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'sqs-1' }] });
    expect(puts()).toHaveLength(3);
    expect(telemetry.counts.WriteConflicts).toBe(2);
  });

  it('reports a throttled put as a throttling failure (the mock bypasses the SDK’s own retries)', async () => {
    // Arrange
    dynamodb.on(PutItemCommand).rejects(Object.assign(new Error('Throughput exceeds the current capacity of your table'), { name: 'ProvisionedThroughputExceededException' }));

    // Act
    const outcomes = await processBatch([countMessage('m1', 'a', 1)], runtime, batchSettings());

    // Assert
    expect(outcomes).toEqual([{ status: 'failed', code: 'ThrottlingException', message: 'Throughput exceeds the current capacity of your table' }]);
    expect(puts()).toHaveLength(1);
  });
});
