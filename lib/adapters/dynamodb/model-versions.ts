import { GetItemCommand, QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Page, StoredVersion, WrittenOrigin } from '../../ports';
import { batchGet, batchWrite } from './batch';
import { catalogUpdate, conditionalTransact, pageOf, readCatalog } from './catalog-item';
import type { Item } from './detector-item';
import { originAttribute, originFromItem } from './origin-attribute';
import { transactWrite } from './transact-write';

/** Which kind of versioned model: the partition key prefix of its items and its catalog attribute prefix. */
export interface VersionedKind {
  /** `model#` (detector models) or `alarm#` (alarm models): the two namespaces never meet. */
  readonly partition: string;
  /** `m_` or `a_`: the catalog attribute that names the latest version. */
  readonly catalog: string;
  /** Which index entries list this kind (`models` or `alarmModels`). */
  readonly indexed: 'models' | 'alarmModels';
}

/**
 * Every version of models of one kind in the models table. Items: `<partition><name>`/`v#<n>` per
 * version and `<partition><name>`/`latest` for the current one, written in one transaction with
 * the catalog item's `<catalog><name>` attribute and revision. Each version carries its `origin`.
 * Requests of type `R` are stored as JSON.
 */
export class VersionedModels<R> {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
    private readonly kind: VersionedKind,
  ) {}

  async put(name: string, request: R, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<StoredVersion<R>> {
    const version = (previous ?? 0) + 1;
    const body = { S: JSON.stringify(request) };
    const source = originAttribute(origin);
    const pk = { S: this.kind.partition + name };
    await conditionalTransact(this.client, name, [
      {
        Update: {
          TableName: this.table,
          Key: { pk, sk: { S: 'latest' } },
          UpdateExpression: 'SET #version = :version, #request = :request, #origin = :origin, #updated = :now, #created = if_not_exists(#created, :now)',
          ConditionExpression: previous === undefined ? 'attribute_not_exists(#pk)' : '#version = :previous',
          ExpressionAttributeNames: { '#version': 'version', '#request': 'request', '#origin': 'origin', '#updated': 'updated', '#created': 'created', ...(previous === undefined ? { '#pk': 'pk' } : {}) },
          ExpressionAttributeValues: { ':version': { N: String(version) }, ':request': body, ':origin': source, ':now': { N: String(now) }, ...(previous === undefined ? {} : { ':previous': { N: String(previous) } }) },
        },
      },
      {
        Put: {
          TableName: this.table,
          Item: { pk, sk: { S: versionKey(version) }, version: { N: String(version) }, request: body, origin: source, created: { N: String(now) }, updated: { N: String(now) } },
        },
      },
      catalogUpdate(this.table, this.kind.catalog + name, { N: String(version) }),
    ]);
    return { name, version: String(version), request, creationTime: now, lastUpdateTime: now, origin };
  }

  async get(name: string, version?: string): Promise<StoredVersion<R> | undefined> {
    if (version !== undefined && !/^[1-9]\d{0,9}$/.test(version)) return undefined;
    const sk = version === undefined ? 'latest' : versionKey(Number(version));
    const response = await this.client.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: this.kind.partition + name }, sk: { S: sk } }, ConsistentRead: true }));
    return response.Item ? this.fromItem(name, response.Item) : undefined;
  }

  async list(limit: number, nextToken?: string): Promise<Page<StoredVersion<R>>> {
    const names = [...(await readCatalog(this.client, this.table))[this.kind.indexed].keys()].sort();
    const page = pageOf(names, limit, nextToken);
    const items = await batchGet(this.client, this.table, page.items.map((name) => ({ pk: { S: this.kind.partition + name }, sk: { S: 'latest' } })), { ConsistentRead: true });
    const records = items.map((item) => this.fromItem((item.pk.S as string).slice(this.kind.partition.length), item));
    return { items: records.sort((a, b) => (a.name < b.name ? -1 : 1)), nextToken: page.nextToken };
  }

  async listVersions(name: string, limit: number, nextToken?: string): Promise<Page<StoredVersion<R>>> {
    const pk = { S: this.kind.partition + name };
    const response = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :v)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': pk, ':v': { S: 'v#' } },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: nextToken ? { pk, sk: { S: versionKey(Number(nextToken)) } } : undefined,
      }),
    );
    const items = (response.Items ?? []).map((item) => this.fromItem(name, item));
    return { items, nextToken: response.LastEvaluatedKey ? items[items.length - 1]?.version : undefined };
  }

  /** Removes the catalog entry first (containers stop running it), then every item. */
  async delete(name: string): Promise<boolean> {
    const keys: Item[] = [];
    let after: Item | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': { S: this.kind.partition + name } }, ProjectionExpression: 'pk, sk', ExclusiveStartKey: after }),
      );
      keys.push(...(response.Items ?? []));
      after = response.LastEvaluatedKey;
    } while (after);
    if (!keys.length) return false;
    await transactWrite(this.client, [catalogUpdate(this.table, this.kind.catalog + name, undefined)]);
    await batchWrite(this.client, this.table, keys.map((Key) => ({ DeleteRequest: { Key } })));
    return true;
  }

  private fromItem(name: string, item: Item): StoredVersion<R> {
    return {
      name,
      version: item.version.N as string,
      request: JSON.parse(item.request.S as string) as R,
      creationTime: Number(item.created.N),
      lastUpdateTime: Number(item.updated.N),
      origin: originFromItem(item),
    };
  }
}

function versionKey(version: number): string {
  return `v#${String(version).padStart(10, '0')}`;
}
