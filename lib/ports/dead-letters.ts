/** A message that can never be processed: where it came from, its body, and why. */
export interface DeadLetter {
  readonly id: string;
  readonly body: string;
  readonly reason: string;
  readonly code: string;
  /** Which source it entered through (`telemetry`, `lifecycle`, `internal`): how a redrive reads it. */
  readonly source?: string;
  /** The queue it was received from (its ARN), when it came from a queue. */
  readonly sourceQueue?: string;
  /** Some of its detectors may have applied it (a receive that died): a replay must not be automatic. */
  readonly uncertain?: boolean;
}

/** Where messages that can never be processed are kept, with the reason (a dead-letter queue). */
export interface DeadLetters {
  send(entries: readonly DeadLetter[]): Promise<void>;
}

/** A message read back from the ingest dead-letter queue (by `vigil redrive`). */
export interface DeadLetterRecord {
  /** Its id on the dead-letter queue. */
  readonly id: string;
  readonly body: string;
  /** Its string message attributes (Vigil's: ErrorCode, ErrorMessage, SourceMessageId, Source, SourceQueue). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The queue SQS moved it from after too many receives (`DeadLetterQueueSourceArn`), if SQS did. */
  readonly movedFrom?: string;
}
