import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { dataRoutes } from '../lib/api/data/routes';
import { router } from '../lib/api/router';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { createDataApiRuntime, type DataApiRuntime } from '../lib/wiring/data-api';
import { respond } from './shared/http';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The iotevents-data API, compatible with the AWS SDK: BatchPutMessage, BatchUpdateDetector,
 * BatchDeleteDetector, DescribeDetector and ListDetectors.
 */
export function createHandler(runtime: DataApiRuntime, telemetry?: PowertoolsTelemetry) {
  const route = router(dataRoutes({ ...runtime, lifecyclePublishers: runtime.config.lifecyclePublishers }));
  return withTelemetry(telemetry, (event: APIGatewayProxyEventV2, _context: Context) => respond(event, runtime.telemetry, (request) => route(request)));
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createDataApiRuntime(config, telemetry), telemetry);
});
