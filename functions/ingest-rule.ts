import type { Context } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { envelopeOf, retryDelaySeconds } from '../lib/runtime/envelope';
import { processBatch } from '../lib/runtime/process-batch';
import { messageFromRuleEvent } from '../lib/runtime/rule-message';
import { createIngestRuleRuntime, type IngestRuleRuntime } from '../lib/wiring/ingest';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The direct path: an IoT topic rule's Lambda action invokes this function (asynchronously) with
 * the rule's SELECT output. It serves rules on device topics only: a lifecycle event or a built-in
 * input is refused here (they come through the lifecycle queue).
 *
 * A message that can never be processed is written to the dead-letter queue with its reason. One
 * that failed transiently is handed to the internal queue, narrowed to the detectors that did not
 * apply it, and SQS retries it from there; only if that is impossible does the invocation fail, so
 * Lambda retries it (with the same request id, which the detectors recognise) and finally hands it
 * to the function's on-failure destination.
 */
export function createHandler(runtime: IngestRuleRuntime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: unknown, context: Context): Promise<void> => {
    // Lambda keeps the request id across asynchronous retries: a retry is recognised as a duplicate.
    const read = messageFromRuleEvent(event, context.awsRequestId);
    // Lambda may be retrying this very event: always check the id against all a detector remembers.
    const message = 'error' in read ? undefined : { ...read, possibleRepeat: true };
    const outcome = message ? (await processBatch([message], runtime, runtime.settings))[0] : { status: 'rejected' as const, code: 'InvalidRequestException', message: (read as { error: string }).error };
    if (outcome.status === 'processed') return;
    if (outcome.status === 'failed' && message) {
      const { requeue } = runtime;
      if (!requeue) throw new Error(`message not processed, will be retried: ${outcome.message}`);
      await requeue.send([envelopeOf(message, outcome.unapplied, { attempt: 1 })], retryDelaySeconds(1, runtime.config.retryDelaysSeconds));
      runtime.telemetry.log('warn', 'message not processed; handed to the internal queue for retry', { requestId: context.awsRequestId, reason: outcome.message, detectors: outcome.unapplied });
      return;
    }
    const { deadLetters } = runtime;
    // Nothing disappears silently: without a dead-letter queue, failing hands it to Lambda's own
    // failure handling (the function's on-failure destination) after its retries.
    if (!deadLetters) throw new Error(`message cannot be processed and no dead-letter queue is configured: ${outcome.message}`);
    runtime.telemetry.log('warn', 'message cannot be processed; sent to the dead-letter queue', { requestId: context.awsRequestId, reason: outcome.message });
    const unapplied = 'unapplied' in outcome ? outcome.unapplied : undefined;
    const narrowed = message && unapplied ? JSON.stringify(envelopeOf(message, unapplied)) : undefined;
    await deadLetters.send([{ id: context.awsRequestId, body: narrowed ?? JSON.stringify(event), reason: outcome.message, code: outcome.code, source: narrowed ? 'internal' : 'telemetry' }]);
  });
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createIngestRuleRuntime(config, telemetry), telemetry);
});
