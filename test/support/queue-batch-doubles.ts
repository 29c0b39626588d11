import type { DeadLetter, DeadLetters } from '../../lib/ports';
import type { IncomingMessage, MessageOutcome } from '../../lib/runtime/messages';

/** A dead-letter queue that keeps what it is sent, or refuses everything with `failure`. */
export function deadLetterQueue(failure?: Error): DeadLetters & { sent: DeadLetter[][] } {
  const sent: DeadLetter[][] = [];
  return {
    sent,
    async send(entries) {
      if (failure) throw failure;
      sent.push([...entries]);
    },
  };
}

/** A `process` that answers with `outcomes` by message id (processed when not listed). */
export function processor(outcomes: Record<string, MessageOutcome> = {}) {
  return jest.fn(async (messages: IncomingMessage[]) => messages.map((message) => outcomes[message.messageId] ?? { status: 'processed' as const }));
}
