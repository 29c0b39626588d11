import type { DeadLetters, Telemetry } from '../ports';
import type { IncomingMessage, MessageOutcome } from './messages';
import { messageFromQueueBody } from './rule-message';

/** One queue record: its id (stable across redeliveries) and its body. */
export interface QueueRecord {
  readonly messageId: string;
  readonly body: string;
}

/**
 * Processes a batch of ingest-queue records and returns the SQS partial-batch response. A record
 * that can never succeed (unreadable, unknown input, no key) goes straight to the dead-letter
 * queue with its reason and is acknowledged, instead of being retried until SQS gives up; a record
 * that hit a transient failure is reported in `batchItemFailures`, so SQS delivers it again.
 */
export async function handleQueueRecords(
  records: readonly QueueRecord[],
  process: (messages: IncomingMessage[]) => Promise<MessageOutcome[]>,
  deadLetters: DeadLetters | undefined,
  telemetry: Telemetry,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const poison: { id: string; body: string; reason: string; code: string }[] = [];
  const readable: { record: QueueRecord; message: IncomingMessage }[] = [];
  for (const record of records) {
    const message = messageFromQueueBody(record.body, record.messageId);
    if ('error' in message) poison.push({ id: record.messageId, body: record.body, reason: message.error, code: 'InvalidRequestException' });
    else readable.push({ record, message });
  }
  const outcomes = readable.length ? await process(readable.map((entry) => entry.message)) : [];
  const retry: string[] = [];
  outcomes.forEach((outcome, i) => {
    const { record } = readable[i];
    if (outcome.status === 'rejected') poison.push({ id: record.messageId, body: record.body, reason: outcome.message, code: outcome.code });
    if (outcome.status === 'failed') retry.push(record.messageId);
  });
  if (poison.length) {
    for (const entry of poison) telemetry.log('warn', 'message cannot be processed; sent to the dead-letter queue', { queueMessageId: entry.id, reason: entry.reason });
    if (deadLetters) {
      try {
        await deadLetters.send(poison);
      } catch (error) {
        // Nothing may disappear silently: if the DLQ is unreachable, let SQS redeliver them.
        telemetry.log('error', 'could not write to the dead-letter queue', { error: (error as Error).message });
        retry.push(...poison.map((entry) => entry.id));
      }
    } else {
      retry.push(...poison.map((entry) => entry.id));
    }
  }
  return { batchItemFailures: retry.map((itemIdentifier) => ({ itemIdentifier })) };
}
