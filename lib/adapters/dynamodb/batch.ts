import { BatchGetItemCommand, BatchWriteItemCommand, type DynamoDBClient, type KeysAndAttributes, type WriteRequest } from '@aws-sdk/client-dynamodb';
import type { Item } from './detector-item';
import { retryUnprocessed } from './unprocessed';

/** Most requests one BatchWriteItem accepts. */
const WRITE_CHUNK = 25;
/** Most keys one BatchGetItem accepts. */
const GET_CHUNK = 100;

/**
 * Runs `requests` against `table` in BatchWriteItem calls of at most 25, one call after another,
 * writing again exactly what DynamoDB leaves unprocessed (with backoff).
 * @throws UnprocessedItemsError when DynamoDB keeps leaving items unprocessed.
 */
export async function batchWrite(client: DynamoDBClient, table: string, requests: readonly WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += WRITE_CHUNK) {
    let pending: Record<string, WriteRequest[]> = { [table]: requests.slice(i, i + WRITE_CHUNK) };
    await retryUnprocessed(async () => {
      const response = await client.send(new BatchWriteItemCommand({ RequestItems: pending }));
      pending = response.UnprocessedItems ?? {};
      return Object.keys(pending).length > 0;
    }, 'BatchWriteItem');
  }
}

/**
 * Reads the items of `keys` from `table` in BatchGetItem calls of at most 100, asking again for
 * exactly the keys DynamoDB leaves unprocessed. `attributes` (projection, consistency) apply to
 * every call. Items come back in no particular order; missing keys are simply absent.
 * @throws UnprocessedItemsError when DynamoDB keeps leaving keys unprocessed.
 */
export async function batchGet(client: DynamoDBClient, table: string, keys: readonly Item[], attributes: Omit<KeysAndAttributes, 'Keys'> = {}): Promise<Item[]> {
  const found: Item[] = [];
  for (let i = 0; i < keys.length; i += GET_CHUNK) {
    let request: Record<string, KeysAndAttributes> = { [table]: { Keys: keys.slice(i, i + GET_CHUNK), ...attributes } };
    await retryUnprocessed(async () => {
      const response = await client.send(new BatchGetItemCommand({ RequestItems: request }));
      found.push(...(response.Responses?.[table] ?? []));
      request = response.UnprocessedKeys ?? {};
      return Object.keys(request).length > 0;
    }, 'BatchGetItem');
  }
  return found;
}
