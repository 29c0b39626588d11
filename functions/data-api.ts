import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { batchPutMessageResponse, readBatchPutMessage } from '../lib/api/batch-put-message';
import { router } from '../lib/api/router';
import type { PowertoolsTelemetry } from '../lib/adapters/telemetry';
import { processBatch } from '../lib/runtime/process-batch';
import type { Runtime } from '../lib/wiring';
import { respond } from './shared/http';
import { containerRuntime, lazyHandler, withTelemetry } from './shared/runtime';

/** The iotevents-data API (BatchPutMessage and the detector operations), compatible with the AWS SDK. */
export function createHandler(runtime: Runtime, telemetry?: PowertoolsTelemetry) {
  const route = router([
    {
      method: 'POST',
      pattern: '/inputs/messages',
      async handle(request) {
        const messages = readBatchPutMessage(request.body);
        return batchPutMessageResponse(messages, await processBatch(messages, runtime, runtime.settings));
      },
    },
  ]);
  return withTelemetry(telemetry, (event: APIGatewayProxyEventV2, _context: Context) => respond(event, runtime.telemetry, route));
}

export const handler = lazyHandler(() => {
  const { runtime, telemetry } = containerRuntime();
  return createHandler(runtime, telemetry);
});
