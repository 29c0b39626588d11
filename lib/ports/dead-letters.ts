/** A message that can never be processed: where it came from, its body, and why. */
export interface DeadLetter {
  readonly id: string;
  readonly body: string;
  readonly reason: string;
  readonly code: string;
}

/** Where messages that can never be processed are kept, with the reason (a dead-letter queue). */
export interface DeadLetters {
  send(entries: readonly DeadLetter[]): Promise<void>;
}
