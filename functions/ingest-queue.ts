import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/adapters/telemetry';
import { processBatch } from '../lib/runtime/process-batch';
import { handleQueueRecords } from '../lib/runtime/queue-batch';
import type { Runtime } from '../lib/wiring';
import { containerRuntime, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The buffered path: IoT topic rule (or Vigil itself) → SQS → this function. Partial batch
 * response: poison messages go to the dead-letter queue with their reason, transient failures are
 * returned for SQS to redeliver, everything else is processed.
 */
export function createHandler(runtime: Runtime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: SQSEvent, _context: Context): Promise<SQSBatchResponse> =>
    handleQueueRecords(
      event.Records.map((record) => ({ messageId: record.messageId, body: record.body })),
      (messages) => processBatch(messages, runtime, runtime.settings),
      await runtime.deadLetters(),
      runtime.telemetry,
    ),
  );
}

export const handler = lazyHandler(() => {
  const { runtime, telemetry } = containerRuntime();
  return createHandler(runtime, telemetry);
});
