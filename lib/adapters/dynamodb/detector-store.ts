import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DetectorTooLargeError, InvalidTokenError, StaleDetectorError, UnreadableDetectorError, detectorId, type DetectorKey, type GetManyOptions, type DetectorStore, type DetectorSummary, type DetectorWrite, type Page, type StoredDetector } from '../../ports';
import { LIST_SHARDS, SUMMARY_ATTRIBUTES, fromItem, keyAttributes, keyOfItem, summaryFromItem, toItem, type Item } from './detector-item';
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

  async list(model: string, options: { stateName?: string; limit: number; nextToken?: string }): Promise<Page<DetectorSummary>> {
    // The token says which list partition to continue and where in it.
    let { shard, after } = decodeToken(options.nextToken);
    const summaries: DetectorSummary[] = [];
    while (shard < LIST_SHARDS && summaries.length < options.limit) {
      const response = await this.client.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: this.listIndex,
          KeyConditionExpression: '#listPk = :pk',
          ExpressionAttributeNames: { '#listPk': 'listPk' },
          ExpressionAttributeValues: { ':pk': { S: `${model}#${shard}` } },
          ExclusiveStartKey: after,
          Limit: options.limit - summaries.length,
        }),
      );
      // The state is read from the detectors themselves (the index does not hold it), then filtered.
      const found = await this.summaries(response.Items ?? []);
      summaries.push(...(options.stateName === undefined ? found : found.filter((summary) => summary.stateName === options.stateName)));
      after = response.LastEvaluatedKey;
      if (!after) shard++;
    }
    const more = shard < LIST_SHARDS;
    return { items: summaries, nextToken: more ? encodeToken(shard, after) : undefined };
  }

  /**
   * The index holds only keys, which never change, so that the write of a message never also
   * writes the index (a write unit, two when a projected value changes); state, version and times
   * are read from the detectors' snapshots, which a listing does far less often than messages arrive.
   */
  private async summaries(indexed: readonly Item[]): Promise<DetectorSummary[]> {
    if (!indexed.length) return [];
    const details = await batchGet(this.client, this.table, indexed.map((item) => ({ pk: item.pk })), {
      ProjectionExpression: SUMMARY_ATTRIBUTES.map((name) => `#${name}`).join(', '),
      ExpressionAttributeNames: Object.fromEntries(SUMMARY_ATTRIBUTES.map((name) => [`#${name}`, name])),
    });
    const byId = new Map(details.map((item) => [item.pk.S as string, item]));
    // A detector deleted since the index was read is left out, in the index's order.
    return indexed.flatMap((item) => {
      const detail = byId.get(item.pk.S as string);
      return detail ? [summaryFromItem(detail)] : [];
    });
  }
}

function encodeToken(shard: number, after: Item | undefined): string {
  return Buffer.from(JSON.stringify({ shard, after })).toString('base64url');
}

function decodeToken(token: string | undefined): { shard: number; after: Item | undefined } {
  if (!token) return { shard: 0, after: undefined };
  try {
    const { shard, after } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { shard: number; after?: Item };
    if (Number.isInteger(shard) && shard >= 0 && shard <= LIST_SHARDS) return { shard, after };
  } catch {
    // fall through to the error below
  }
  throw new InvalidTokenError(token);
}

