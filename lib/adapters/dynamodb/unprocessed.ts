/** How many times unprocessed keys or items of a batch call are retried before giving up. */
const MAX_ROUNDS = 8;

/** Error when DynamoDB keeps returning unprocessed work (sustained throttling). */
export class UnprocessedItemsError extends Error {
  constructor(operation: string) {
    super(`${operation} left unprocessed items after ${MAX_ROUNDS} rounds`);
    this.name = 'ProvisionedThroughputExceededException';
  }
}

/**
 * Calls `round` until it reports no unprocessed work left, backing off exponentially between
 * rounds, as DynamoDB asks for UnprocessedKeys/UnprocessedItems.
 */
export async function retryUnprocessed(round: () => Promise<boolean>, operation: string, sleep = defaultSleep): Promise<void> {
  for (let attempt = 0; attempt < MAX_ROUNDS; attempt++) {
    if (!(await round())) return;
    // No wait after the last round: it would only delay the error.
    if (attempt < MAX_ROUNDS - 1) await sleep(Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2));
  }
  throw new UnprocessedItemsError(operation);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
