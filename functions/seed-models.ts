import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import type { PowertoolsTelemetry } from '../lib/wiring/container';
import { builtInInputs } from '../lib/lifecycle';
import type { CreateAlarmModelRequest, CreateDetectorModelRequest, CreateInputRequest } from '../lib/model';
import { fillPlaceholders, placeholdersFromArn } from '../lib/model/placeholders';
import { seedModels, type ModelFileSources } from '../lib/runtime/seed-models';
import { cfnResponse, createSeedModelsRuntime, putCfnResponse, type CfnResponseBody, type SeedModelsRuntime } from '../lib/wiring/seed-models';
import { containerSetup, lazyHandler, withTelemetry } from './shared/runtime';

const PHYSICAL_ID = 'vigil-model-files';

/** Delivers a custom resource response to CloudFormation. */
export type SendResponse = (responseUrl: string, body: CfnResponseBody) => Promise<void>;

/**
 * CloudFormation custom resource that loads the files of `models/` (inputs, detector models, alarm
 * models) into the model registry on
 * every deploy that changed them (Create/Update). Delete keeps the models: removing the stack's
 * resource must not delete a running fleet's models. Always answers CloudFormation. A model whose
 * API-deployed version was kept, or replaced by an edited file, is logged as a warning, counted in
 * the response's `Kept`/`Replaced` and named in its reason (the stack event's status reason).
 */
export function createHandler(runtime: SeedModelsRuntime, send: SendResponse = putCfnResponse, telemetry?: PowertoolsTelemetry) {
  return withTelemetry(telemetry, async (event: CloudFormationCustomResourceEvent, context: Context): Promise<void> => {
    let body: CfnResponseBody;
    try {
      if (event.RequestType === 'Delete') {
        body = cfnResponse(event, 'SUCCESS', event.PhysicalResourceId, 'models are kept');
      } else {
        const properties = event.ResourceProperties as unknown as { Inputs?: string[]; Models?: string[]; AlarmModels?: string[]; Sources?: ModelFileSources };
        const placeholders = placeholdersFromArn(context.invokedFunctionArn, runtime.config.stage);
        const files = {
          inputs: (properties.Inputs ?? []).map((text) => JSON.parse(fillPlaceholders(text, placeholders)) as CreateInputRequest),
          models: (properties.Models ?? []).map((text) => JSON.parse(fillPlaceholders(text, placeholders)) as CreateDetectorModelRequest),
          alarmModels: (properties.AlarmModels ?? []).map((text) => JSON.parse(fillPlaceholders(text, placeholders)) as CreateAlarmModelRequest),
          sources: properties.Sources,
        };
        const report = await seedModels(runtime.repository, files, builtInInputs(), { now: runtime.clock.now(), minTimerSeconds: runtime.config.minTimerSeconds });
        runtime.telemetry.log('info', 'model files loaded', { ...report });
        for (const notice of report.kept) runtime.telemetry.log('warn', 'model file not applied', { notice });
        for (const notice of report.replaced) runtime.telemetry.log('warn', 'model file replaced a version deployed through the API', { notice });
        const counts = { Created: report.created.length, Updated: report.updated.length, Kept: report.kept.length, Replaced: report.replaced.length };
        const reason = ['model files loaded', ...report.replaced, ...report.kept].join('. ');
        body = cfnResponse(event, 'SUCCESS', PHYSICAL_ID, reason, Object.fromEntries(Object.entries(counts).map(([name, count]) => [name, String(count)])));
      }
    } catch (error) {
      runtime.telemetry.log('error', 'model files not loaded', { error: (error as Error).message });
      const physicalResourceId = event.RequestType === 'Create' ? PHYSICAL_ID : event.PhysicalResourceId;
      body = cfnResponse(event, 'FAILED', physicalResourceId, (error as Error).message);
    }
    await send(event.ResponseURL, body);
  });
}

export const handler = lazyHandler(() => {
  const { config, telemetry } = containerSetup();
  return createHandler(createSeedModelsRuntime(config, telemetry), putCfnResponse, telemetry);
});
