import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvalidTokenError, type Page } from '../../ports';
import { batchGet } from './batch';
import { LIST_SHARDS, type Item } from './detector-item';

/** Where a listing reads: the table, its list index, and the attributes each summary needs. */
export interface ListSource<T> {
  readonly client: DynamoDBClient;
  readonly table: string;
  readonly index: string;
  /** Attributes read from each listed item (a projection). */
  readonly attributes: readonly string[];
  /** The summary of an item read with `attributes`. */
  readonly summary: (item: Item) => T;
}

/**
 * Lists the items of one list partition prefix (`<prefix>#0` … `#7`, spread by {@link LIST_SHARDS}),
 * `limit` at most, from `nextToken` (which says which shard to continue and where in it). The index
 * holds only keys, which never change, so that the write of a message never also writes the index;
 * each page's summaries are then read from the items themselves (one BatchGetItem), which a listing
 * does far less often than messages arrive. An item deleted since the index was read is left out.
 *
 * @throws InvalidTokenError for a token this function did not issue.
 */
export async function listPartitions<T>(source: ListSource<T>, prefix: string, options: { readonly limit: number; readonly nextToken?: string; readonly keep?: (summary: T) => boolean }): Promise<Page<T>> {
  let { shard, after } = decodeToken(options.nextToken);
  const summaries: T[] = [];
  while (shard < LIST_SHARDS && summaries.length < options.limit) {
    const response = await source.client.send(
      new QueryCommand({
        TableName: source.table,
        IndexName: source.index,
        KeyConditionExpression: '#listPk = :pk',
        ExpressionAttributeNames: { '#listPk': 'listPk' },
        ExpressionAttributeValues: { ':pk': { S: `${prefix}#${shard}` } },
        ExclusiveStartKey: after,
        Limit: options.limit - summaries.length,
      }),
    );
    const found = await details(source, response.Items ?? []);
    summaries.push(...(options.keep ? found.filter(options.keep) : found));
    after = response.LastEvaluatedKey;
    if (!after) shard++;
  }
  return { items: summaries, nextToken: shard < LIST_SHARDS ? encodeToken(shard, after) : undefined };
}

async function details<T>(source: ListSource<T>, indexed: readonly Item[]): Promise<T[]> {
  if (!indexed.length) return [];
  const items = await batchGet(source.client, source.table, indexed.map((item) => ({ pk: item.pk })), {
    ProjectionExpression: source.attributes.map((name) => `#${name}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(source.attributes.map((name) => [`#${name}`, name])),
  });
  const byId = new Map(items.map((item) => [item.pk.S as string, item]));
  // In the index's order.
  return indexed.flatMap((item) => {
    const detail = byId.get(item.pk.S as string);
    return detail ? [source.summary(detail)] : [];
  });
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
