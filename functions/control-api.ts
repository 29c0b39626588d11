import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { controlRoutes } from '../lib/api/control/routes';
import { scopeFromFunctionArn } from '../lib/api/resource-scope';
import { router } from '../lib/api/router';
import { builtInInputs } from '../lib/lifecycle';
import { createControlApiRuntime, type ControlApiRuntime } from '../lib/wiring/control-api';
import { respond } from './shared/http';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The iotevents control-plane API, compatible with the AWS SDK: inputs, detector models and alarm
 * models and their versions, detector model analysis, input routings. ARNs name the account and region of the
 * function itself; with the stage, they are also what model-file placeholders in a request become.
 * With model roles on (MODEL_ROLES=assume), Create/Update of detector and alarm models check the caller's
 * iam:PassRole on the model's role with IAM; the deploy-time seeding of `models/` is not checked.
 */
export function createHandler(runtime: ControlApiRuntime, stage: string, telemetry?: PowertoolsTelemetry) {
  const route = router(
    controlRoutes({
      repository: runtime.repository,
      alarmModels: runtime.repository,
      alarmInstances: runtime.alarmInstances,
      detectors: runtime.detectors,
      analyses: runtime.analyses,
      models: runtime.models,
      clock: runtime.clock,
      stage,
      telemetry: runtime.telemetry,
      builtInInputs: builtInInputs(),
      minTimerSeconds: runtime.config.minTimerSeconds,
      modelRefreshMs: runtime.config.modelRefreshMs,
      onCatalogChange: () => runtime.models.invalidate(),
      rolePassCheck: runtime.rolePassCheck,
    }),
  );
  return withTelemetry(telemetry, (event: APIGatewayProxyEventV2, context: Context) =>
    respond(event, runtime.telemetry, (request) => route(request, scopeFromFunctionArn(context?.invokedFunctionArn))),
  );
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  // The stage serverless.yml sets (`${sls:stage}`; `local` under the local stack), as the seeder reads it.
  return createHandler(createControlApiRuntime(config, telemetry), config.stage, telemetry);
});
