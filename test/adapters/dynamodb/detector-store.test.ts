import { isThrottlingError } from '../../../lib/errors';
import { BatchGetItemCommand, ConditionalCheckFailedException, DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { toItem } from '../../../lib/adapters/dynamodb/detector-item';
import { DynamoDetectorStore } from '../../../lib/adapters/dynamodb/detector-store';
import { UnprocessedItemsError } from '../../../lib/adapters/dynamodb/unprocessed';
import { DetectorTooLargeError, StaleDetectorError, type DetectorKey, type DetectorWrite } from '../../../lib/ports';
import { detectorSnapshot } from '../../support/detector-snapshots';
import { snsEffect } from '../dispatch/effects';

const TABLE = 'vigil-test-detectors';
const PROJECTION = {
  ProjectionExpression: '#pk, #version, #snapshot, #ids, #recent, #spilledUntil, #traceRef',
  ExpressionAttributeNames: { '#pk': 'pk', '#version': 'version', '#snapshot': 'snapshot', '#ids': 'ids', '#recent': 'recent', '#spilledUntil': 'spilledUntil', '#traceRef': 'traceRef' },
};
const dynamodb = mockClient(DynamoDBClient);

function key(keyValue: string | undefined, model = 'counter'): DetectorKey {
  return { model, keyValue };
}

function write(overrides: Partial<DetectorWrite> = {}): DetectorWrite {
  return { key: key('a'), expectedVersion: undefined, snapshot: detectorSnapshot(), recentIds: new Uint8Array(0), effects: [], ...overrides };
}

/** The item of detector `keyValue` at `version`. */
function item(keyValue: string, version = 1) {
  return toItem(write({ key: key(keyValue), snapshot: detectorSnapshot({ keyValue }) }), version);
}

describe('DynamoDetectorStore', () => {
  const store = new DynamoDetectorStore({ client: new DynamoDBClient({ region: 'us-east-1' }), tableName: TABLE });

  beforeEach(() => dynamodb.reset());

  afterEach(() => jest.useRealTimers());

  describe('getMany', () => {
    it('reads the detectors with one eventually consistent BatchGetItem, projecting the working attributes', async () => {
      // Arrange
      dynamodb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [item('a', 3)] } });

      // Act
      const found = await store.getMany([key('a'), key('b'), key('a')]);

      // Assert
      expect(dynamodb.commandCalls(BatchGetItemCommand).map((call) => call.args[0].input)).toEqual([
        { RequestItems: { [TABLE]: { Keys: [{ pk: { S: 'counter|a' } }, { pk: { S: 'counter|b' } }], ...PROJECTION } } },
      ]);
      expect([...found.keys()]).toEqual(['counter|a']);
      expect(found.get('counter|a')).toMatchObject({ version: 3, snapshot: { keyValue: 'a' } });
    });

    it('reads strongly consistently when asked', async () => {
      // Arrange
      dynamodb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });

      // Act
      await store.getMany([key('a')], { consistent: true });

      // Assert
      expect(dynamodb.commandCalls(BatchGetItemCommand)[0].args[0].input.RequestItems?.[TABLE]).toMatchObject({ ConsistentRead: true });
    });

    it('asks for at most 100 keys per call', async () => {
      // Arrange
      dynamodb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] } });
      const keys = Array.from({ length: 250 }, (_, i) => key(`k${i}`));

      // Act
      await store.getMany(keys);

      // Assert
      const sizes = dynamodb.commandCalls(BatchGetItemCommand).map((call) => call.args[0].input.RequestItems?.[TABLE].Keys?.length);
      expect(sizes).toEqual([100, 100, 50]);
    });

    it('asks again for exactly the keys DynamoDB left unprocessed and merges the answers', async () => {
      // Arrange
      const unprocessed = { [TABLE]: { Keys: [{ pk: { S: 'counter|b' } }], ...PROJECTION } };
      dynamodb
        .on(BatchGetItemCommand)
        .resolvesOnce({ Responses: { [TABLE]: [item('a')] }, UnprocessedKeys: unprocessed })
        .resolvesOnce({ Responses: { [TABLE]: [item('b')] }, UnprocessedKeys: {} });

      // Act
      const found = await store.getMany([key('a'), key('b')]);

      // Assert
      expect(dynamodb.commandCalls(BatchGetItemCommand)[1].args[0].input).toEqual({ RequestItems: unprocessed });
      expect([...found.keys()].sort()).toEqual(['counter|a', 'counter|b']);
    });

    it('fails as throttled when keys stay unprocessed round after round', async () => {
      // Arrange
      jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
      dynamodb.on(BatchGetItemCommand).resolves({ Responses: { [TABLE]: [] }, UnprocessedKeys: { [TABLE]: { Keys: [{ pk: { S: 'counter|a' } }] } } });

      // Act
      const result = store.getMany([key('a')]);
      const settled = result.catch((error: unknown) => error);
      await jest.runAllTimersAsync();

      // Assert
      const error = await settled;
      expect(error).toBeInstanceOf(UnprocessedItemsError);
      expect(isThrottlingError(error)).toBe(true);
      expect(dynamodb.commandCalls(BatchGetItemCommand)).toHaveLength(8);
    });

    it('makes no call for no keys', async () => {
      // Act
      const found = await store.getMany([]);

      // Assert
      expect(found.size).toBe(0);
      expect(dynamodb.calls()).toHaveLength(0);
    });
  });

  describe('get', () => {
    it('reads one detector with a strongly consistent GetItem', async () => {
      // Arrange
      dynamodb.on(GetItemCommand).resolves({ Item: item('a', 5) });

      // Act
      const found = await store.get(key('a'));

      // Assert
      expect(dynamodb).toHaveReceivedCommandWith(GetItemCommand, { TableName: TABLE, Key: { pk: { S: 'counter|a' } }, ConsistentRead: true, ...PROJECTION });
      expect(found?.version).toBe(5);
    });

    it('returns undefined for a detector that does not exist', async () => {
      // Arrange
      dynamodb.on(GetItemCommand).resolves({});

      // Act & Assert
      await expect(store.get(key('nobody'))).resolves.toBeUndefined();
    });
  });

  describe('put', () => {
    it('creates a detector at version 1, only if it does not exist yet', async () => {
      // Arrange
      dynamodb.on(PutItemCommand).resolves({});
      const effects = [snsEffect()];

      // Act
      await store.put(write({ effects }));

      // Assert
      expect(dynamodb.commandCalls(PutItemCommand)[0].args[0].input).toEqual({
        TableName: TABLE,
        Item: toItem(write({ effects }), 1),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: undefined,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    });

    it('updates a detector only if it is still at the version read, and moves it to the next', async () => {
      // Arrange
      dynamodb.on(PutItemCommand).resolves({});

      // Act
      await store.put(write({ expectedVersion: 6 }));

      // Assert
      expect(dynamodb.commandCalls(PutItemCommand)[0].args[0].input).toMatchObject({
        Item: expect.objectContaining({ version: { N: '7' } }),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': { N: '6' } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    });

    it('turns a failed condition into StaleDetectorError carrying the detector as it is now', async () => {
      // Arrange
      const failure = new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {}, Item: item('a', 9) });
      dynamodb.on(PutItemCommand).rejects(failure);

      // Act
      const error = await store.put(write({ expectedVersion: 6 })).catch((thrown: unknown) => thrown);

      // Assert
      expect(error).toBeInstanceOf(StaleDetectorError);
      expect(error).toMatchObject({ key: key('a'), current: { version: 9, snapshot: detectorSnapshot() }, cause: failure });
    });

    it('reports no current detector when the failed condition returned no item (it was deleted)', async () => {
      // Arrange
      dynamodb.on(PutItemCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));

      // Act
      const error = await store.put(write({ expectedVersion: 6 })).catch((thrown: unknown) => thrown);

      // Assert
      expect(error).toBeInstanceOf(StaleDetectorError);
      expect((error as StaleDetectorError).current).toBeUndefined();
    });

    it('turns DynamoDB’s item size refusal into DetectorTooLargeError', async () => {
      // Arrange
      const refusal = Object.assign(new Error('Item size has exceeded the maximum allowed size'), { name: 'ValidationException' });
      dynamodb.on(PutItemCommand).rejects(refusal);

      // Act
      const error = await store.put(write({ expectedVersion: 6 })).catch((thrown: unknown) => thrown);

      // Assert
      expect(error).toBeInstanceOf(DetectorTooLargeError);
      expect(error).toMatchObject({ key: key('a'), cause: refusal });
    });

    it('passes any other failure on unchanged', async () => {
      // Arrange
      const throttled = Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' });
      dynamodb.on(PutItemCommand).rejects(throttled);

      // Act & Assert
      await expect(store.put(write())).rejects.toBe(throttled);
    });
  });

  describe('delete', () => {
    it('deletes the item and tells whether it existed', async () => {
      // Arrange
      dynamodb.on(DeleteItemCommand).resolvesOnce({ Attributes: item('a') }).resolvesOnce({});

      // Act
      const results = [await store.delete(key('a')), await store.delete(key('a'))];

      // Assert
      expect(results).toEqual([true, false]);
      expect(dynamodb).toHaveReceivedCommandWith(DeleteItemCommand, { TableName: TABLE, Key: { pk: { S: 'counter|a' } }, ReturnValues: 'ALL_OLD' });
    });
  });
});
