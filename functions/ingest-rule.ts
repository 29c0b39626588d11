import type { Context } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/adapters/telemetry';
import { processBatch } from '../lib/runtime/process-batch';
import { messageFromRuleEvent } from '../lib/runtime/rule-message';
import type { Runtime } from '../lib/wiring';
import { containerRuntime, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The direct path: an IoT topic rule's Lambda action invokes this function (asynchronously) with
 * the rule's SELECT output. A message that can never be processed is written to the dead-letter
 * queue with its reason; a transient failure throws, so Lambda retries the invocation and finally
 * hands it to the function's on-failure destination.
 */
export function createHandler(runtime: Runtime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: unknown, context: Context): Promise<void> => {
    // Lambda keeps the request id across asynchronous retries: a retry is recognised as a duplicate.
    const message = messageFromRuleEvent(event, context.awsRequestId);
    const outcome = 'error' in message ? { status: 'rejected' as const, code: 'InvalidRequestException', message: message.error } : (await processBatch([message], runtime, runtime.settings))[0];
    if (outcome.status === 'processed') return;
    if (outcome.status === 'failed') throw new Error(`message not processed, will be retried: ${outcome.message}`);
    const deadLetters = await runtime.deadLetters();
    // Nothing disappears silently: without a dead-letter queue, failing hands it to Lambda's own
    // failure handling (the function's on-failure destination) after its retries.
    if (!deadLetters) throw new Error(`message cannot be processed and no dead-letter queue is configured: ${outcome.message}`);
    runtime.telemetry.log('warn', 'message cannot be processed; sent to the dead-letter queue', { requestId: context.awsRequestId, reason: outcome.message });
    await deadLetters.send([{ id: context.awsRequestId, body: JSON.stringify(event), reason: outcome.message, code: outcome.code }]);
  });
}

export const handler = lazyHandler(() => {
  const { runtime, telemetry } = containerRuntime();
  return createHandler(runtime, telemetry);
});
