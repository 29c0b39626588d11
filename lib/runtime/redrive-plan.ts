import { parseTypedJson } from '../expression';
import { EVENTS_TOPIC_PREFIX } from '../lifecycle';
import type { DeadLetterRecord, IngestEnvelope } from '../ports';
import type { IncomingMessage } from './messages';
import { envelopeOf } from './envelope';
import { sourceOfQueue, type IngestSource, type SourceQueues } from './ingest-source';
import { fromPlainJson, messageFromRuleOutput, messagesFromQueueBody, messagesFromRuleOutput, type ReadMessage } from './rule-message';

/** What `vigil redrive` does with one dead letter. */
export type RedrivePlan =
  /** Send these envelopes to the internal queue: same ids, same origin, same detectors (several for a batch). */
  | { readonly kind: 'replay'; readonly envelopes: readonly IngestEnvelope[]; readonly why: string; readonly uncertain: boolean }
  /** Publish the original payload to its topic again: it never reached Vigil (an IoT rule error action). */
  | { readonly kind: 'republish'; readonly topic: string; readonly payload: Buffer; readonly why: string }
  /** Leave it: replaying cannot succeed or would not be Vigil's to do. */
  | { readonly kind: 'keep'; readonly why: string };

/**
 * Decides how to replay a dead letter so that nothing is applied twice: by its original message id
 * (detectors that applied it skip it within their duplicate window) and, when Vigil narrowed it,
 * only to the detectors that still need it (which makes a late replay safe too). Recognises every
 * form that reaches the dead-letter queue:
 *
 * - what Vigil dead-lettered (`Source`, `SourceMessageId` attributes: the raw body of a queue, or
 *   an envelope narrowed to some detectors, whose source is then `internal`) or SQS moved from a
 *   queue (`DeadLetterQueueSourceArn`): read again exactly as that source reads it, so whatever it
 *   refused (a device's forged envelope, say) stays refused;
 * - Lambda's on-failure record of the direct path (`requestPayload`, `requestContext.requestId`);
 * - an IoT rule error action's message (`base64OriginalPayload`, `topic`): it never reached Vigil;
 *   a lifecycle event is replayed as one, anything else republished to its topic.
 *
 * A message SQS or Lambda gave up on after repeated crashes may have been applied by some of its
 * detectors longer ago than the window: it is `uncertain`, and replayed only when asked.
 */
export function planRedrive(letter: DeadLetterRecord, queues: SourceQueues, options: { readonly assumeSource?: IngestSource } = {}): RedrivePlan {
  const { body } = letter;
  // A letter SQS moved keeps the attributes its sender gave it, which anyone able to send to the
  // queue chooses: only the queue it was moved from says where it came from.
  const attributes = letter.movedFrom ? {} : letter.attributes;
  const reason = attributes.ErrorMessage ? `dead-lettered: ${attributes.ErrorMessage}` : letter.movedFrom ? `moved by SQS from ${letter.movedFrom} after repeated failed receives` : 'dead-lettered';
  const byVigil = attributes.ErrorCode !== undefined;
  // Only AWS writes to the dead-letter queue without Vigil's attributes: a rule's error action,
  // Lambda's on-failure destination, or SQS's own redrive (which names the queue).
  if (!byVigil && !letter.movedFrom) {
    const record = parseObject(body);
    if (record && typeof record.base64OriginalPayload === 'string' && typeof record.topic === 'string') return fromErrorAction(record, letter.id);
    if (record && record.requestContext && record.requestPayload !== undefined) {
      const context = record.requestContext as Record<string, unknown>;
      const reads = messagesFromRuleOutput(fromPlainJson(record.requestPayload), String(context.requestId ?? letter.id), 'telemetry');
      return replayOf(reads, `the direct path gave up (${String(context.condition ?? 'failed')})`, true, (error) => error);
    }
  }
  // Read again exactly as the source it came from read it: what that source refused stays refused.
  const known = sourceNamed(attributes.Source) ?? sourceOfQueue(attributes.SourceQueue ?? letter.movedFrom, queues);
  // Letters of releases before sources existed say none: the operator may name it, as a guess.
  const source = known ?? options.assumeSource;
  if (!source) return { kind: 'keep', why: `${reason}; it does not say which source it came from, so it cannot be read as that source would (--assume-source)` };
  const reads = messagesFromQueueBody(body, attributes.SourceMessageId ?? letter.id, source);
  const doubt = !byVigil || !known || attributes.Uncertain === 'true' || reads.some((read) => 'uncertain' in read && read.uncertain === true);
  return replayOf(reads, reason, doubt, (error) => `${reason}; it cannot be replayed: ${error}`);
}

/**
 * Replays every message read from the letter, or keeps the letter when one of them cannot be
 * read (the letter is deleted once replayed: the unreadable one would be lost).
 */
function replayOf(reads: readonly ReadMessage[], why: string, uncertain: boolean, keepWhy: (error: string) => string): RedrivePlan {
  const errors = reads.flatMap((read) => ('error' in read ? [read.element ? `message ${read.element.messageId}: ${read.error}` : read.error] : []));
  if (errors.length) return { kind: 'keep', why: keepWhy(errors.join('; ')) };
  return { kind: 'replay', envelopes: (reads as IncomingMessage[]).map(replayed), why, uncertain };
}

function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed = parseTypedJson(body);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function fromErrorAction(record: Record<string, unknown>, id: string): RedrivePlan {
  const topic = record.topic as string;
  const payload = Buffer.from(record.base64OriginalPayload as string, 'base64');
  const why = `the topic rule ${String(record.ruleName ?? '')} could not deliver it: it never reached Vigil`;
  if (!topic.startsWith(EVENTS_TOPIC_PREFIX)) return { kind: 'republish', topic, payload, why };
  // Devices cannot publish under $aws/events: rebuild what the lifecycle rule would have sent.
  let event: unknown;
  try {
    event = parseTypedJson(payload.toString('utf8'));
  } catch (error) {
    return { kind: 'keep', why: `${why}; its payload is not JSON: ${(error as Error).message}` };
  }
  const read = messageFromRuleOutput({ ...(event as object), topic }, String(record.cloudwatchTraceId ?? id), 'lifecycle');
  return 'error' in read ? { kind: 'keep', why: read.error } : { kind: 'replay', envelopes: [replayed(read)], why, uncertain: false };
}

function sourceNamed(name: string | undefined): IngestSource | undefined {
  return name === 'telemetry' || name === 'lifecycle' || name === 'internal' ? name : undefined;
}

/** The envelope a replay sends: a fresh start (no attempts counted), the doubt settled by whoever replays it. */
function replayed(message: IncomingMessage): IngestEnvelope {
  return envelopeOf({ ...message, attempt: undefined, uncertain: undefined });
}
