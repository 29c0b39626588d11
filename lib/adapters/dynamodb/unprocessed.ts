import { backoffDelay } from '../../backoff';
import { SYSTEM_CLOCK } from '../../ports';

/** How many times unprocessed keys or items of a batch call are retried before giving up. */
const MAX_ROUNDS = 8;
/** Up to a second between rounds: unprocessed work means the table is throttling. */
const UNPROCESSED_BACKOFF = { baseMs: 50, maxMs: 1000 };

/**
 * Error when DynamoDB keeps returning unprocessed work (sustained throttling). It says so the way
 * the SDK's own errors do (`$retryable.throttling`), so every caller classifies it as throttling
 * (`transientKind`, lib/errors.ts) without matching its name.
 */
export class UnprocessedItemsError extends Error {
  readonly $retryable = { throttling: true } as const;

  constructor(operation: string) {
    super(`${operation} left unprocessed items after ${MAX_ROUNDS} rounds`);
    this.name = 'UnprocessedItemsError';
  }
}

/**
 * Calls `round` until it reports no unprocessed work left, backing off exponentially between
 * rounds, as DynamoDB asks for UnprocessedKeys/UnprocessedItems.
 */
export async function retryUnprocessed(round: () => Promise<boolean>, operation: string, sleep = SYSTEM_CLOCK.sleep, random = Math.random): Promise<void> {
  for (let attempt = 0; attempt < MAX_ROUNDS; attempt++) {
    if (!(await round())) return;
    // No wait after the last round: it would only delay the error.
    if (attempt < MAX_ROUNDS - 1) await sleep(backoffDelay(attempt + 1, UNPROCESSED_BACKOFF, random));
  }
  throw new UnprocessedItemsError(operation);
}
