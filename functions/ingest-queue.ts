import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { sourceOfQueue } from '../lib/runtime/ingest-source';
import { processBatch } from '../lib/runtime/process-batch';
import { handleQueueRecords } from '../lib/runtime/queue-batch';
import { createIngestQueueRuntime, type IngestQueueRuntime } from '../lib/wiring/ingest';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The buffered path: Vigil's three ingest queues (telemetry rules, the lifecycle rule, Vigil's own
 * envelopes) → this function. The queue a record came from (`eventSourceARN`, set by Lambda, not
 * by the sender) decides what the message may claim to be. Partial batch response: poison
 * messages go to the dead-letter queue with their reason, transient failures are returned for SQS
 * to redeliver, everything else is processed.
 */
export function createHandler(runtime: IngestQueueRuntime, telemetry?: PowertoolsTelemetry) {
  const { ingestQueue, lifecycleQueue, internalQueue } = runtime.config;
  const queues = { telemetry: ingestQueue, lifecycle: lifecycleQueue, internal: internalQueue };
  return withTelemetry(telemetry, async (event: SQSEvent, _context: Context): Promise<SQSBatchResponse> =>
    handleQueueRecords(
      event.Records.map((record) => ({
        messageId: record.messageId,
        body: record.body,
        source: sourceOfQueue(record.eventSourceARN, queues),
        queue: record.eventSourceARN,
        receiveCount: Number(record.attributes?.ApproximateReceiveCount ?? 1),
        receiptHandle: record.receiptHandle,
      })),
      (messages) => processBatch(messages, runtime, runtime.settings),
      { deadLetters: runtime.deadLetters, requeue: runtime.requeue, receipts: runtime.receipts, retryDelaysSeconds: runtime.config.retryDelaysSeconds, telemetry: runtime.telemetry, maxReceives: runtime.config.maxReceives },
    ),
  );
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createIngestQueueRuntime(config, telemetry), telemetry);
});
