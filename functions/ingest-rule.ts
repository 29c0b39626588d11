import type { Context } from 'aws-lambda';
import type { DeadLetter, IngestEnvelope } from '../lib/ports';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { envelopeOf, retryDelaySeconds } from '../lib/runtime/envelope';
import { processBatch } from '../lib/runtime/process-batch';
import { messagesFromRuleEvent } from '../lib/runtime/rule-message';
import { createIngestRuleRuntime, type IngestRuleRuntime } from '../lib/wiring/ingest';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The direct path: an IoT topic rule's Lambda action invokes this function (asynchronously) with
 * the rule's SELECT output: one message, or a batch of them (`true AS vigilBatchMode`). It serves
 * rules on device topics only: a lifecycle event or a built-in input is refused here (they come
 * through the lifecycle queue).
 *
 * A message that can never be processed is written to the dead-letter queue with its reason (the
 * message of a batch alone, as an envelope). One that failed transiently is handed to the internal
 * queue, narrowed to the detectors that did not apply it, and SQS retries it from there; only if
 * that is impossible does the invocation fail, so Lambda retries it (with the same request id,
 * from which every id is derived, so the detectors recognise what they applied) and finally
 * hands it to the function's on-failure destination.
 */
export function createHandler(runtime: IngestRuleRuntime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: unknown, context: Context): Promise<void> => {
    const requestId = context.awsRequestId;
    const reads = messagesFromRuleEvent(event, requestId);
    const part = reads.length > 1;
    const letters: DeadLetter[] = [];
    for (const read of reads) {
      if ('error' in read) letters.push({ id: read.element?.messageId ?? requestId, body: read.element?.body ?? JSON.stringify(event), reason: read.error, code: 'InvalidRequestException', source: 'telemetry' });
    }
    // Lambda may be retrying this very event: always check the ids against all a detector remembers.
    const messages = reads.flatMap((read) => ('error' in read ? [] : [{ ...read, possibleRepeat: true }]));
    const outcomes = messages.length ? await processBatch(messages, runtime, runtime.settings) : [];
    const retries: IngestEnvelope[] = [];
    outcomes.forEach((outcome, i) => {
      if (outcome.status === 'processed') return;
      if (outcome.status === 'failed') return void retries.push(envelopeOf(messages[i], outcome.unapplied, { attempt: 1 }));
      const narrowed = outcome.unapplied || part ? JSON.stringify(envelopeOf(messages[i], outcome.unapplied)) : undefined;
      letters.push({ id: part ? messages[i].messageId : requestId, body: narrowed ?? JSON.stringify(event), reason: outcome.message, code: outcome.code, source: narrowed ? 'internal' : 'telemetry' });
    });
    if (retries.length) {
      if (!runtime.requeue) throw new Error(`${retries.length} message(s) not processed, will be retried`);
      await runtime.requeue.send(retries, retryDelaySeconds(1, runtime.config.retryDelaysSeconds));
      runtime.telemetry.log('warn', 'message not processed; handed to the internal queue for retry', { requestId, messageIds: retries.map((envelope) => envelope.messageId) });
    }
    if (!letters.length) return;
    // Nothing disappears silently: without a dead-letter queue, failing hands it to Lambda's own
    // failure handling (the function's on-failure destination) after its retries.
    if (!runtime.deadLetters) throw new Error(`message cannot be processed and no dead-letter queue is configured: ${letters[0].reason}`);
    for (const letter of letters) runtime.telemetry.log('warn', 'message cannot be processed; sent to the dead-letter queue', { requestId, messageId: letter.id, reason: letter.reason });
    await runtime.deadLetters.send(letters);
  });
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createIngestRuleRuntime(config, telemetry), telemetry);
});
