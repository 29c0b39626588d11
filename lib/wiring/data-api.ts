import type { Config } from '../config';
import { SYSTEM_CLOCK, type Clock, type Telemetry } from '../ports';
import { dynamoDbClient, runningModels, type MessagePath, type RuntimeClients } from './stores';

/** What the dataApi function uses: the message path on DynamoDB (BatchPutMessage, BatchUpdateDetector, detectors). */
export interface DataApiRuntime extends MessagePath {
  readonly config: Config;
}

/** Builds the dataApi function's runtime: DynamoDB only. */
export function createDataApiRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): DataApiRuntime {
  return { ...runningModels(config, telemetry, clock, dynamoDbClient(clients)), config };
}
