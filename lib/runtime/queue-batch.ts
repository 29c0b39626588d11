import type { DeadLetter, DeadLetters, Telemetry } from '../ports';
import type { IngestSource } from './ingest-source';
import type { IncomingMessage, MessageOutcome } from './messages';
import { messageFromQueueBody } from './rule-message';
import { envelopeOf } from './envelope';

/** One queue record: its id (stable across redeliveries), its body, and the queue it came from. */
export interface QueueRecord {
  readonly messageId: string;
  readonly body: string;
  /** Which of Vigil's queues delivered it; undefined when the queue is not one of them. */
  readonly source: IngestSource | undefined;
  /** The queue, as the event names it (`eventSourceARN`), for dead letters and logs. */
  readonly queue?: string;
  /** SQS's `ApproximateReceiveCount`: 1 on the first delivery. */
  readonly receiveCount?: number;
}

/** What handling a batch of queue records needs besides processing. */
export interface QueueBatchDeps {
  readonly deadLetters: DeadLetters | undefined;
  readonly telemetry: Telemetry;
  /** Receives after which a message that keeps failing is dead-lettered here (narrowed), not retried. */
  readonly maxReceives: number;
}

/**
 * Processes a batch of ingest-queue records and returns the SQS partial-batch response.
 *
 * - A record that can never succeed (unreadable, unknown input, no key, a detector that cannot be
 *   read or stored) goes straight to the dead-letter queue with its reason and is acknowledged.
 * - A record that hit a transient failure is reported in `batchItemFailures`, so SQS delivers it
 *   again; the detectors that applied it already skip the repeat (its id is checked against all
 *   they remember, as the receive count says it may be one). At its `maxReceives`th receive it is
 *   dead-lettered instead.
 * - A dead letter of a message some detectors applied is an envelope narrowed to the others, so
 *   `vigil redrive` replays it to them alone, however late.
 */
export async function handleQueueRecords(
  records: readonly QueueRecord[],
  process: (messages: IncomingMessage[]) => Promise<MessageOutcome[]>,
  deps: QueueBatchDeps,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const { telemetry } = deps;
  const poison: DeadLetter[] = [];
  const readable: { record: QueueRecord; message: IncomingMessage }[] = [];
  // A body Vigil rewrote (an envelope narrowed to some detectors) is read back as the internal
  // queue reads envelopes; an original body, as its own queue reads it.
  const dead = (record: QueueRecord, reason: string, code: string, body = record.body): DeadLetter => ({
    id: record.messageId,
    body,
    reason,
    code,
    ...(body !== record.body ? { source: 'internal' } : record.source ? { source: record.source } : {}),
    ...(record.queue ? { sourceQueue: record.queue } : {}),
  });
  for (const record of records) {
    // An event source mapping on a queue Vigil does not know (a misconfigured stack) must not
    // decide what its messages may claim to be.
    const message = record.source ? messageFromQueueBody(record.body, record.messageId, record.source) : { error: `the queue ${record.queue ?? '(unnamed)'} is not one of Vigil's ingest queues` };
    if ('error' in message) poison.push(dead(record, message.error, 'InvalidRequestException'));
    else readable.push({ record, message: { ...message, possibleRepeat: (record.receiveCount ?? 1) > 1 || record.source === 'internal' } });
  }
  const outcomes = readable.length ? await process(readable.map((entry) => entry.message)) : [];
  const retry: string[] = [];
  outcomes.forEach((outcome, i) => {
    const { record, message } = readable[i];
    if (outcome.status === 'processed') return;
    const body = outcome.unapplied ? JSON.stringify(envelopeOf(message, outcome.unapplied)) : record.body;
    if (outcome.status === 'rejected') poison.push(dead(record, outcome.message, outcome.code, body));
    else if ((record.receiveCount ?? 1) >= deps.maxReceives) poison.push(dead(record, `still failing after ${record.receiveCount} receives: ${outcome.message}`, outcome.code, body));
    else retry.push(record.messageId);
  });
  if (poison.length) {
    for (const entry of poison) telemetry.log('warn', 'message cannot be processed; sent to the dead-letter queue', { queueMessageId: entry.id, reason: entry.reason });
    if (deps.deadLetters) {
      try {
        await deps.deadLetters.send(poison);
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
