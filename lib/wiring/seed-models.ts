import type { Config } from '../config';
import { SYSTEM_CLOCK, type Clock, type ModelsTable, type Telemetry } from '../ports';
import { dynamoDbClient, modelRepository, type RuntimeClients } from './stores';

// The custom resource protocol the seedModels handler answers CloudFormation with.
export { cfnResponse, putCfnResponse, type CfnResponseBody } from '../adapters/cfn-response';

/** What the seedModels function uses: the model registry on DynamoDB (detector models, alarm models, inputs). */
export interface SeedModelsRuntime {
  readonly config: Config;
  readonly clock: Clock;
  readonly telemetry: Telemetry;
  readonly repository: ModelsTable;
}

/** Builds the seedModels function's runtime: DynamoDB only. */
export function createSeedModelsRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): SeedModelsRuntime {
  return { config, clock, telemetry, repository: modelRepository(config, dynamoDbClient(clients)) };
}
