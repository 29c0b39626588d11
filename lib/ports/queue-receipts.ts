/** A record as its queue delivered it: which queue, which message, and the receipt SQS gave. */
export interface QueueReceipt {
  readonly queue: string;
  readonly messageId: string;
  readonly receiptHandle: string;
}

/** What a queue said of a receipt: `held` (this message is in flight to us), `unknown` (no such receipt: the record was made up), `unsure` (the queue could not say now). */
export type ReceiptCheck = 'held' | 'unknown' | 'unsure';

/**
 * Asks the queues themselves whether records were really received from them. An SQS event can be
 * handed to the function by anyone allowed to invoke it, with any `eventSourceARN`; only SQS knows
 * which receipts it issued.
 */
export interface QueueReceipts {
  /** One answer per receipt, by message id. */
  check(receipts: readonly QueueReceipt[]): Promise<Map<string, ReceiptCheck>>;
}
