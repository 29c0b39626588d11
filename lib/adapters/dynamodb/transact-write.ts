import { TransactWriteItemsCommand, TransactionCanceledException, type DynamoDBClient, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { backoffDelay } from '../../backoff';
import { transientKind } from '../../errors';
import { SYSTEM_CLOCK } from '../../ports';

/** Attempts at most for a transaction that DynamoDB keeps cancelling for transient reasons. */
const MAX_ATTEMPTS = 5;
/** Short waits: the transaction that won the catalog item is done within milliseconds. */
const TRANSACTION_BACKOFF = { baseMs: 20, maxMs: 500 };

/**
 * Runs a write transaction, and again (bounded, after a short jittered wait) when DynamoDB
 * cancelled it only because another transaction held one of its items or it was throttled: every
 * model and input write updates the catalog item, so two concurrent writes of different models
 * collide there. The SDK does not retry a cancelled transaction itself. Any other failure, a
 * failed condition included, is thrown at once.
 */
export async function transactWrite(client: DynamoDBClient, items: TransactWriteItem[], sleep = SYSTEM_CLOCK.sleep, random = Math.random): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isTransientCancellation(error)) throw error;
      await sleep(backoffDelay(attempt, TRANSACTION_BACKOFF, random));
    }
  }
}

/**
 * True when a transaction was cancelled only for reasons {@link transactWrite} retries (conflicts
 * with another transaction, throttling), never for a failed condition.
 */
export function isTransientCancellation(error: unknown): boolean {
  return error instanceof TransactionCanceledException && transientKind(error) !== undefined;
}
