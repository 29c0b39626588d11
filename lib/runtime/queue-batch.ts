import type { DeadLetter, DeadLetters, IngestEnvelope, QueueReceipts, Requeue, Telemetry } from '../ports';
import type { IngestSource } from './ingest-source';
import type { IncomingMessage, MessageOutcome } from './messages';
import { messagesFromQueueBody } from './rule-message';
import { envelopeOf, retryDelaySeconds } from './envelope';

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
  /** The receipt SQS gave for this delivery; checked with the queue for the trusted sources. */
  readonly receiptHandle?: string;
}

/** What handling a batch of queue records needs besides processing. */
export interface QueueBatchDeps {
  readonly deadLetters: DeadLetters | undefined;
  readonly telemetry: Telemetry;
  /** Attempts after which a message that keeps failing is dead-lettered here, not retried. */
  readonly maxReceives: number;
  /**
   * The internal queue: a message that failed transiently is retried from there, narrowed to the
   * detectors that did not apply it, with its attempts counted. Without it, SQS redelivers it.
   */
  readonly requeue?: Requeue;
  /** Delays before each retry, seconds ({@link RETRY_DELAYS_S} by default). */
  readonly retryDelaysSeconds?: readonly number[];
  /**
   * Checks with the queue that records claiming the lifecycle or internal source were received
   * from it; without it, the event's word (`eventSourceARN`) is taken.
   */
  readonly receipts?: QueueReceipts;
}

/**
 * Processes a batch of ingest-queue records and returns the SQS partial-batch response.
 *
 * - A record that can never succeed (unreadable, unknown input, no key, a detector that cannot be
 *   read or stored) goes straight to the dead-letter queue with its reason and is acknowledged.
 * - A record that hit a transient failure is retried from the internal queue as an envelope
 *   narrowed to the detectors that did not apply it, after a delay that grows with its attempts
 *   (or, without an internal queue, reported in `batchItemFailures` for SQS to deliver again). At
 *   its `maxReceives`th attempt it is dead-lettered instead.
 * - A dead letter of a message some detectors applied is an envelope narrowed to the others, so
 *   `vigil redrive` replays it to them alone, however late. One that SQS had to deliver again (an
 *   invocation died) is marked uncertain: a detector may have applied it unbeknown.
 */
export async function handleQueueRecords(
  records: readonly QueueRecord[],
  process: (messages: IncomingMessage[]) => Promise<MessageOutcome[]>,
  deps: QueueBatchDeps,
): Promise<{ batchItemFailures: { itemIdentifier: string }[] }> {
  const { telemetry } = deps;
  const { genuine, unsure } = await checkReceipts(records, deps);
  // Each dead letter with the record it came from: a batch's elements are dead-lettered one by one.
  const poison: { record: QueueRecord; letter: DeadLetter }[] = [];
  const readable: { record: QueueRecord; message: IncomingMessage; part: boolean }[] = [];
  // A body Vigil rewrote (an envelope narrowed to some detectors, or one message of a batch) is
  // read back as the internal queue reads envelopes; an original body, as its own queue reads it.
  const dead = (record: QueueRecord, reason: string, code: string, body = record.body, uncertain = false, id = record.messageId) => ({
    record,
    letter: {
      id,
      body,
      reason,
      code,
      ...(uncertain ? { uncertain } : {}),
      ...(body !== record.body ? { source: 'internal' } : record.source ? { source: record.source } : {}),
      ...(record.queue ? { sourceQueue: record.queue } : {}),
    },
  });
  for (const record of genuine) {
    // An event source mapping on a queue Vigil does not know (a misconfigured stack) must not
    // decide what its messages may claim to be.
    const reads = record.source ? messagesFromQueueBody(record.body, record.messageId, record.source) : [{ error: `the queue ${record.queue ?? '(unnamed)'} is not one of Vigil's ingest queues` }];
    for (const read of reads) {
      if (!('error' in read)) readable.push({ record, message: { ...read, possibleRepeat: mayRepeat(record, read) }, part: reads.length > 1 });
      // A bad element of a batch is kept alone, as it was (its source's reader refuses it again).
      else if (read.element) poison.push({ record, letter: { ...dead(record, read.error, 'InvalidRequestException').letter, id: read.element.messageId, body: read.element.body } });
      else poison.push(dead(record, read.error, 'InvalidRequestException'));
    }
  }
  const outcomes = readable.length ? await process(readable.map((entry) => entry.message)) : [];
  const retry: string[] = [...unsure];
  const retries: { record: QueueRecord; envelope: IngestEnvelope; outcome: MessageOutcome & { status: 'failed' } }[] = [];
  outcomes.forEach((outcome, i) => {
    const { record, message, part } = readable[i];
    if (outcome.status === 'processed') return;
    // SQS delivers a record again only after an invocation died (every failure Vigil sees it
    // retries itself): some detector may then have applied it without anyone knowing.
    const uncertain = message.uncertain === true || (record.receiveCount ?? 1) > 1;
    // Vigil's own retries count in the envelope; SQS's redeliveries (without an internal queue) in the receive count.
    const failures = (message.attempt ?? 0) + (record.receiveCount ?? 1);
    const envelope = envelopeOf(message, outcome.unapplied, { attempt: failures, uncertain });
    // One message of a batch is kept as its own envelope: replaying the whole body would replay the others.
    const body = outcome.unapplied || part ? JSON.stringify(envelope) : record.body;
    const id = part ? message.messageId : record.messageId;
    if (outcome.status === 'rejected') poison.push(dead(record, outcome.message, outcome.code, body, uncertain, id));
    else if (failures >= deps.maxReceives) poison.push(dead(record, `still failing after ${failures} attempts: ${outcome.message}`, outcome.code, body, uncertain, id));
    else if (deps.requeue) retries.push({ record, envelope, outcome });
    else retry.push(record.messageId);
  });
  // Retried from the internal queue, narrowed to the detectors that did not apply it and counted,
  // the original acknowledged: a retry of the whole record by SQS would lean on the duplicate
  // window of the detectors that applied it, which a long outage outlasts.
  for (const [attempt, group] of groupBy(retries, (entry) => entry.envelope.attempt ?? 1)) {
    try {
      await deps.requeue?.send(group.map((entry) => entry.envelope), retryDelaySeconds(attempt, deps.retryDelaysSeconds));
      for (const { record, envelope } of group) telemetry.log('warn', 'message not applied by every detector; retried from the internal queue', { queueMessageId: record.messageId, attempt, detectors: envelope.targets ?? 'all' });
    } catch (error) {
      // Left to SQS instead: it delivers the record again after its visibility timeout.
      telemetry.log('error', 'could not hand retries to the internal queue; SQS delivers them again', { error: (error as Error).message });
      retry.push(...group.map((entry) => entry.record.messageId));
    }
  }
  if (poison.length) {
    for (const { letter } of poison) telemetry.log('warn', 'message cannot be processed; sent to the dead-letter queue', { queueMessageId: letter.id, reason: letter.reason });
    if (deps.deadLetters) {
      try {
        await deps.deadLetters.send(poison.map((entry) => entry.letter));
      } catch (error) {
        // Nothing may disappear silently: if the DLQ is unreachable, let SQS redeliver them.
        telemetry.log('error', 'could not write to the dead-letter queue', { error: (error as Error).message });
        retry.push(...poison.map((entry) => entry.record.messageId));
      }
    } else {
      retry.push(...poison.map((entry) => entry.record.messageId));
    }
  }
  return { batchItemFailures: [...new Set(retry)].map((itemIdentifier) => ({ itemIdentifier })) };
}

/**
 * Whether a record may carry a message some detector already applied: a redelivery, any envelope
 * (a retry, a replay, a resent action), a lifecycle event (AWS IoT delivers them at least once,
 * under one deterministic id), or an id the message chose itself (a device or rule re-sending it
 * arrives as a new SQS message under the same id). Only an SQS first delivery under SQS's own id
 * (or, for the messages of a batch, the ids derived from it) is surely new.
 */
function mayRepeat(record: QueueRecord, message: IncomingMessage): boolean {
  const own = message.messageId === record.messageId || (message.messageId.startsWith(`${record.messageId}_`) && /^\d+$/.test(message.messageId.slice(record.messageId.length + 1)));
  return (record.receiveCount ?? 1) > 1 || record.source !== 'telemetry' || !own;
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

/**
 * The records to process: those of the telemetry queue (which anyone's devices feed anyway), and
 * those of the trusted queues that SQS confirms it delivered. A record no queue issued (an event
 * made up by someone allowed to invoke the function) is dropped, loudly: it is not a message, so
 * nothing is lost, and dead-lettering it would only hand it to a redrive. One the queue could not
 * confirm now is left for SQS to deliver again.
 */
async function checkReceipts(records: readonly QueueRecord[], deps: QueueBatchDeps): Promise<{ genuine: QueueRecord[]; unsure: string[] }> {
  const trusted = records.filter((record) => record.source === 'lifecycle' || record.source === 'internal');
  if (!deps.receipts || !trusted.length) return { genuine: [...records], unsure: [] };
  let answers: Map<string, string>;
  try {
    answers = await deps.receipts.check(trusted.map((record) => ({ queue: record.queue ?? '', messageId: record.messageId, receiptHandle: record.receiptHandle ?? '' })));
  } catch (error) {
    deps.telemetry.log('error', 'could not check the receipts of trusted records; SQS delivers them again', { error: (error as Error).message });
    answers = new Map(trusted.map((record) => [record.messageId, 'unsure']));
  }
  const genuine: QueueRecord[] = [];
  const unsure: string[] = [];
  for (const record of records) {
    const answer = record.source === 'lifecycle' || record.source === 'internal' ? answers.get(record.messageId) ?? 'unsure' : 'held';
    if (answer === 'held') genuine.push(record);
    else if (answer === 'unsure') unsure.push(record.messageId);
    else {
      deps.telemetry.log('error', 'record dropped: its queue never delivered it (a made-up event claiming a trusted source)', { queueMessageId: record.messageId, queue: record.queue });
      deps.telemetry.count('ForgedRecords');
    }
  }
  return { genuine, unsure };
}
