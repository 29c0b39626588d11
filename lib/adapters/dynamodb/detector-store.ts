import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DetectorTooLargeError, StaleDetectorError, UnreadableDetectorError, detectorId, type DetectorKey, type GetManyOptions, type DetectorStore, type DetectorSummary, type DetectorWrite, type Page, type StoredDetector } from '../../ports';
import { SUMMARY_ATTRIBUTES, fromItem, keyAttributes, keyOfItem, summaryFromItem, toItem, type Item } from './detector-item';
import { listPartitions } from './list-index';
import { batchGet } from './batch';

const WORKING_PROJECTION = '#pk, #version, #snapshot, #ids, #recent, #spilledUntil, #traceRef';
const WORKING_NAMES = {
  '#pk': 'pk', '#version': 'version', '#snapshot': 'snapshot', '#ids': 'ids', '#recent': 'recent', '#spilledUntil': 'spilledUntil', '#traceRef': 'traceRef',
};

/** Options of {@link DynamoDetectorStore}. */
export interface DynamoDetectorStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Name of the index over `listPk`/`listSk` (ListDetectors). */
  readonly listIndex?: string;
}

/**
 * Detectors in DynamoDB, one item each. Every put is conditional on the version read (or on the
 * item not existing), and a failed condition returns the current item (`ALL_OLD`) so the caller
 * can evaluate again without another read.
 */
export class DynamoDetectorStore implements DetectorStore {
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly listIndex: string;

  constructor(options: DynamoDetectorStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.listIndex = options.listIndex ?? 'byModel';
  }

  async getMany(keys: readonly DetectorKey[], options: GetManyOptions = {}): Promise<Map<string, StoredDetector>> {
    const unique = [...new Map(keys.map((key) => [detectorId(key), key])).values()];
    const items = await batchGet(this.client, this.table, unique.map(keyAttributes), {
      ProjectionExpression: WORKING_PROJECTION,
      ExpressionAttributeNames: WORKING_NAMES,
      ...(options.consistent ? { ConsistentRead: true } : {}),
    });
    const found = new Map<string, StoredDetector>();
    for (const item of items) {
      let detector: StoredDetector;
      try {
        detector = fromItem(item);
      } catch (error) {
        const unreadable = new UnreadableDetectorError(keyOfItem(item), { cause: error });
        if (!options.onUnreadable) throw unreadable;
        options.onUnreadable(unreadable);
        continue;
      }
      found.set(detectorId(detector.key), detector);
    }
    return found;
  }

  async get(key: DetectorKey): Promise<StoredDetector | undefined> {
    const response = await this.client.send(
      new GetItemCommand({ TableName: this.table, Key: keyAttributes(key), ConsistentRead: true, ProjectionExpression: WORKING_PROJECTION, ExpressionAttributeNames: WORKING_NAMES }),
    );
    if (!response.Item) return undefined;
    try {
      return fromItem(response.Item);
    } catch (error) {
      throw new UnreadableDetectorError(key, { cause: error });
    }
  }

  async put(write: DetectorWrite): Promise<void> {
    const version = (write.expectedVersion ?? 0) + 1;
    try {
      await this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: toItem(write, version),
          ConditionExpression: write.expectedVersion === undefined ? 'attribute_not_exists(#pk)' : '#version = :expected',
          ExpressionAttributeNames: write.expectedVersion === undefined ? { '#pk': 'pk' } : { '#version': 'version' },
          ExpressionAttributeValues: write.expectedVersion === undefined ? undefined : { ':expected': { N: String(write.expectedVersion) } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        let current: StoredDetector | undefined;
        try {
          current = error.Item ? fromItem(error.Item as Item) : undefined;
        } catch (readError) {
          // Never overwrite what cannot be read (a create over an existing corrupt item lands here).
          throw new UnreadableDetectorError(write.key, { cause: readError });
        }
        throw new StaleDetectorError(write.key, current, { cause: error });
      }
      if ((error as Error).name === 'ValidationException' && /item size/i.test((error as Error).message)) throw new DetectorTooLargeError(write.key, { cause: error });
      throw error;
    }
  }

  async delete(key: DetectorKey): Promise<boolean> {
    const response = await this.client.send(new DeleteItemCommand({ TableName: this.table, Key: keyAttributes(key), ReturnValues: 'ALL_OLD' }));
    return response.Attributes !== undefined;
  }

  list(model: string, options: { stateName?: string; limit: number; nextToken?: string }): Promise<Page<DetectorSummary>> {
    const source = { client: this.client, table: this.table, index: this.listIndex, attributes: SUMMARY_ATTRIBUTES, summary: summaryFromItem };
    // The state is read from the detectors themselves (the index does not hold it), then filtered.
    const keep = options.stateName === undefined ? undefined : (summary: DetectorSummary) => summary.stateName === options.stateName;
    return listPartitions(source, model, { limit: options.limit, nextToken: options.nextToken, keep });
  }
}
