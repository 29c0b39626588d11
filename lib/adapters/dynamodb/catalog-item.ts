import { GetItemCommand, TransactionCanceledException, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ModelConflictError, type CatalogIndex, type Page } from '../../ports';
import type { Item } from './detector-item';
import { transactWrite } from './transact-write';

/** The key of the models table's one catalog item. */
export const CATALOG: Item = { pk: { S: 'catalog' }, sk: { S: 'catalog' } };

/**
 * The prefixes of the catalog item's attributes: `m_<name>` (a detector model's latest version),
 * `a_<name>` (an alarm model's), `i_<name>` (an input).
 */
export const CATALOG_PREFIX = { model: 'm_', alarmModel: 'a_', input: 'i_' } as const;

/** Reads the catalog item (one consistent read) into what exists, at which revision. */
export async function readCatalog(client: DynamoDBClient, table: string): Promise<Required<CatalogIndex>> {
  const response = await client.send(new GetItemCommand({ TableName: table, Key: CATALOG, ConsistentRead: true }));
  const item = response.Item ?? {};
  const models = new Map<string, string>();
  const alarmModels = new Map<string, string>();
  const inputs = new Set<string>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(CATALOG_PREFIX.model)) models.set(name.slice(2), value.N as string);
    if (name.startsWith(CATALOG_PREFIX.alarmModel)) alarmModels.set(name.slice(2), value.N as string);
    if (name.startsWith(CATALOG_PREFIX.input)) inputs.add(name.slice(2));
  }
  return { revision: item.revision?.N ?? '0', models, alarmModels, inputs };
}

/** Sets (or, with no value, removes) one catalog attribute and bumps the revision: part of every write's transaction. */
export function catalogUpdate(table: string, attribute: string, value: { N: string } | undefined): TransactWriteItem {
  return {
    Update: {
      TableName: table,
      Key: CATALOG,
      UpdateExpression: value ? 'SET #entry = :value ADD #revision :one' : 'REMOVE #entry ADD #revision :one',
      ExpressionAttributeNames: { '#entry': attribute, '#revision': 'revision' },
      ExpressionAttributeValues: { ':one': { N: '1' }, ...(value ? { ':value': value } : {}) },
    },
  };
}

/** Runs a write transaction whose first item is conditional: its failed condition is a {@link ModelConflictError} on `resource`. */
export async function conditionalTransact(client: DynamoDBClient, resource: string, items: TransactWriteItem[]): Promise<void> {
  try {
    await transactWrite(client, items);
  } catch (error) {
    if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') {
      throw new ModelConflictError(resource, `${resource} already exists or was changed by another request`, { cause: error });
    }
    throw error;
  }
}

/** A page of sorted names: after the token (a name), at most `limit`. */
export function pageOf(names: string[], limit: number, nextToken: string | undefined): Page<string> {
  const start = nextToken === undefined ? 0 : names.findIndex((name) => name > nextToken);
  const items = start < 0 ? [] : names.slice(start, start + limit);
  const more = start >= 0 && start + limit < names.length;
  return { items, nextToken: more ? items[items.length - 1] : undefined };
}
