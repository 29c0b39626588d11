import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { toItem } from '../../../lib/adapters/dynamodb/detector-item';
import { DynamoDetectorStore } from '../../../lib/adapters/dynamodb/detector-store';
import { loadConfig } from '../../../lib/config';
import { SILENT, StaleDetectorError, type DetectorWrite } from '../../../lib/ports';
import { createRuntime } from '../../../lib/wiring';
import { detectorSnapshot } from '../../support/detector-snapshots';
import { FakeDynamoDBHandler, THROTTLED, clientOn, errorAnswer, type FakeAnswer } from '../../support/fake-dynamodb-handler';

const TABLE = 'vigil-test-detectors';
const OK: FakeAnswer = { status: 200, body: {} };

function write(expectedVersion: number | undefined): DetectorWrite {
  return { key: { model: 'counter', keyValue: 'a' }, expectedVersion, snapshot: detectorSnapshot(), recentIds: new Uint8Array(0), effects: [] };
}

/** Answers the first `failures` requests with `failure`, then `success`. */
function failing(failures: number, failure: FakeAnswer, success = OK) {
  return new FakeDynamoDBHandler((_, index) => (index < failures ? failure : success));
}

describe('the DynamoDB client’s own retries, through the whole SDK middleware stack', () => {
  beforeEach(() => {
    // Full jitter times a random 0 is no wait: the retries run at once, and nothing depends on timing.
    jest.spyOn(Math, 'random').mockReturnValue(0);
  });

  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['ProvisionedThroughputExceededException', THROTTLED],
    ['ThrottlingException', errorAnswer('ThrottlingException')],
    ['InternalServerError (HTTP 500)', errorAnswer('InternalServerError', 500)],
  ])('retries %s and succeeds when DynamoDB recovers', async (_, failure) => {
    // Arrange
    const handler = failing(3, failure);
    const store = new DynamoDetectorStore({ client: clientOn(handler), tableName: TABLE });

    // Act
    await store.put(write(undefined));

    // Assert
    expect(handler.requests.map((request) => request.attempt)).toEqual(['attempt=1; max=4', 'attempt=2; max=4', 'attempt=3; max=4', 'attempt=4; max=4']);
    expect(handler.requests.every((request) => request.operation === 'PutItem')).toBe(true);
  });

  it('gives up after four attempts with the throttling error, marked as such', async () => {
    // Arrange
    const handler = failing(Infinity, THROTTLED);
    const store = new DynamoDetectorStore({ client: clientOn(handler), tableName: TABLE });

    // Act
    const error = await store.put(write(undefined)).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400, attempts: 4 } });
    expect(handler.requests).toHaveLength(4);
  });

  it('does not retry a failed condition, and hands the old item to StaleDetectorError', async () => {
    // Arrange: the response body of a ConditionalCheckFailedException with ALL_OLD.
    const current = toItem({ ...write(4), snapshot: detectorSnapshot({ stateName: 'Dangerous' }) }, 5);
    const handler = failing(Infinity, errorAnswer('ConditionalCheckFailedException', 400, { Item: current }));
    const store = new DynamoDetectorStore({ client: clientOn(handler), tableName: TABLE });

    // Act
    const error = await store.put(write(3)).catch((thrown: unknown) => thrown);

    // Assert
    expect(handler.requests).toHaveLength(1);
    expect(handler.requests[0].body).toMatchObject({ TableName: TABLE, ConditionExpression: '#version = :expected', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(error).toBeInstanceOf(StaleDetectorError);
    expect((error as StaleDetectorError).current).toMatchObject({ version: 5, snapshot: { stateName: 'Dangerous' } });
  });

  it('does not retry a validation error', async () => {
    // Arrange
    const handler = failing(Infinity, errorAnswer('ValidationException'));
    const store = new DynamoDetectorStore({ client: clientOn(handler), tableName: TABLE });

    // Act & Assert
    await expect(store.get({ model: 'counter', keyValue: 'a' })).rejects.toMatchObject({ name: 'ValidationException' });
    expect(handler.requests).toHaveLength(1);
  });

  it('retries a throttled BatchGetItem as a whole, then its unprocessed keys', async () => {
    // Arrange: one throttled answer, one with b left unprocessed, then b.
    const item = (keyValue: string) => toItem({ ...write(undefined), key: { model: 'counter', keyValue } }, 1);
    const answers: FakeAnswer[] = [
      THROTTLED,
      { status: 200, body: { Responses: { [TABLE]: [item('a')] }, UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'counter|b' } }] } } } },
      { status: 200, body: { Responses: { [TABLE]: [item('b')] } } },
    ];
    const handler = new FakeDynamoDBHandler((_, index) => answers[index]);
    const store = new DynamoDetectorStore({ client: clientOn(handler), tableName: TABLE });

    // Act
    const found = await store.getMany([{ model: 'counter', keyValue: 'a' }, { model: 'counter', keyValue: 'b' }]);

    // Assert
    expect([...found.keys()].sort()).toEqual(['counter|a', 'counter|b']);
    expect(handler.requests.map((request) => request.attempt)).toEqual(['attempt=1; max=4', 'attempt=2; max=4', 'attempt=1; max=4']);
    expect(handler.requests[2].body).toEqual({ RequestItems: { [TABLE]: { Keys: [{ pk: { S: 'counter|b' } }] } } });
  });
});

describe('the runtime’s DynamoDB client (lib/wiring)', () => {
  it('uses the SDK’s standard retry mode with DynamoDB’s default of four attempts', async () => {
    // Arrange
    const config = loadConfig({ DETECTORS_TABLE: 'd', MODELS_TABLE: 'm', TIMERS_TABLE: 't', TRACES_TABLE: 'r', AWS_REGION: 'us-east-1' });

    // Act
    const runtime = createRuntime(config, SILENT);
    const client = (runtime.detectors as unknown as { client: DynamoDBClient }).client;

    // Assert
    const { retryMode } = client.config;
    expect(await client.config.maxAttempts()).toBe(4);
    expect(typeof retryMode === 'function' ? await retryMode() : retryMode).toBe('standard');
    expect(((await client.config.retryStrategy()) as { mode?: string }).mode).toBe('standard');
  });
});
