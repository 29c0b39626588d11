import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { createIamRolePassCheck } from '../lib/adapters/iam/role-pass-check';
import type { PowertoolsTelemetry } from '../lib/adapters/telemetry';
import { controlRoutes } from '../lib/api/control/routes';
import { scopeFromFunctionArn } from '../lib/api/resource-scope';
import { router } from '../lib/api/router';
import { builtInInputs } from '../lib/lifecycle';
import type { AnalysisStore, RolePassCheck } from '../lib/ports';
import type { Runtime } from '../lib/wiring';
import { respond } from './shared/http';
import { containerRuntime, lazyHandler, withTelemetry } from './shared/runtime';

/**
 * The iotevents control-plane API, compatible with the AWS SDK: inputs, detector models and their
 * versions, detector model analysis, input routings. ARNs name the account and region of the
 * function itself; with the stage, they are also what model-file placeholders in a request become.
 * With model roles on (MODEL_ROLES=assume), Create/UpdateDetectorModel check the caller's
 * iam:PassRole on the model's role with IAM; the deploy-time seeding of `models/` is not checked.
 */
export function createHandler(
  runtime: Runtime,
  stage: string,
  telemetry?: PowertoolsTelemetry,
  analyses: AnalysisStore = runtime.analyses,
  rolePassCheck: RolePassCheck | undefined = runtime.config.modelRoles === 'assume' ? createIamRolePassCheck() : undefined,
) {
  const route = router(
    controlRoutes({
      repository: runtime.repository,
      detectors: runtime.detectors,
      analyses,
      models: runtime.models,
      clock: runtime.clock,
      stage,
      telemetry: runtime.telemetry,
      builtInInputs: builtInInputs(),
      minTimerSeconds: runtime.config.minTimerSeconds,
      modelRefreshMs: runtime.config.modelRefreshMs,
      onCatalogChange: () => runtime.modelCache.invalidate(),
      rolePassCheck,
    }),
  );
  return withTelemetry(telemetry, (event: APIGatewayProxyEventV2, context: Context) =>
    respond(event, runtime.telemetry, (request) => route(request, scopeFromFunctionArn(context?.invokedFunctionArn))),
  );
}

export const handler = lazyHandler(() => {
  const { runtime, telemetry } = containerRuntime();
  // The stage serverless.yml sets (`${sls:stage}`; `local` under the local stack), as the seeder reads it.
  return createHandler(runtime, process.env.STAGE ?? 'dev', telemetry);
});
