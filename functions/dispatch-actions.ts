import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { dispatchOutboxes } from '../lib/runtime/dispatch-outboxes';
import { createDispatchRuntime, streamOutboxes, type DispatchRuntime } from '../lib/wiring/dispatch';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * Performs the actions committed with detector state: the detectors table's change stream
 * delivers each write (with its outbox) here after the commit, at least once and in order per
 * detector. A crash before dispatch loses nothing: the stream delivers the record again. Each
 * model's actions run with the model's role (MODEL_ROLES, docs/decisions.md R13).
 */
export function createHandler(runtime: DispatchRuntime, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: DynamoDBStreamEvent, _context: Context): Promise<DynamoDBBatchResponse> => {
    const failed = await dispatchOutboxes(streamOutboxes(event.Records), {
      dispatchers: await runtime.dispatchers(),
      roles: runtime.modelRoles,
      sink: runtime.failureSink,
      telemetry: runtime.telemetry,
      directory: runtime.directory,
    });
    return { batchItemFailures: failed === undefined ? [] : [{ itemIdentifier: failed }] };
  });
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createDispatchRuntime(config, telemetry), telemetry);
});
