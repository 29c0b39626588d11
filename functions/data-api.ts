import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { dataRoutes } from '../lib/api/data/routes';
import { router } from '../lib/api/router';
import type { PowertoolsTelemetry } from '../lib/adapters/telemetry';
import type { Runtime } from '../lib/wiring';
import { respond } from './shared/http';
import { containerRuntime, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The iotevents-data API, compatible with the AWS SDK: BatchPutMessage, BatchUpdateDetector,
 * BatchDeleteDetector, DescribeDetector and ListDetectors.
 */
export function createHandler(runtime: Runtime, telemetry?: PowertoolsTelemetry) {
  const route = router(dataRoutes({ ...runtime, lifecyclePublishers: runtime.config.lifecyclePublishers }));
  return withTelemetry(telemetry, (event: APIGatewayProxyEventV2, _context: Context) => respond(event, runtime.telemetry, (request) => route(request)));
}

export const handler = lazyHandler(() => {
  const { runtime, telemetry } = containerRuntime();
  return createHandler(runtime, telemetry);
});
