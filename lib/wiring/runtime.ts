import type { Config } from '../config';
import { SYSTEM_CLOCK, type Clock, type Telemetry } from '../ports';
import { alarmInstanceRemover } from './alarms';
import { controlStores, type ControlApiRuntime } from './control-api';
import type { DataApiRuntime } from './data-api';
import { dispatchParts, type DispatchRuntime } from './dispatch';
import type { IngestQueueRuntime, IngestRuleRuntime } from './ingest';
import { ingestQueues, queuesOnDemand } from './queues';
import type { SeedModelsRuntime } from './seed-models';
import { dynamoDbClient, messagePath, modelCache, modelRepository, type RuntimeClients } from './stores';
import { schedulerStores, sweepStores, type SchedulerRuntime, type TimerSweepRuntime } from './timers';

/**
 * The runtime of every function at once, on one set of clients and one models cache: one process
 * playing all of Vigil's Lambda functions, as the integration tests and benchmarks do (a model
 * created through its control API is at once seen by its message path). A Lambda function builds
 * only its own (`lib/wiring/<function>.ts`), and so loads only the clients it uses.
 */
export type Runtime = IngestQueueRuntime &
  IngestRuleRuntime &
  DataApiRuntime &
  ControlApiRuntime &
  SchedulerRuntime &
  TimerSweepRuntime &
  DispatchRuntime &
  SeedModelsRuntime;

/** Builds the runtime of every function (on AWS, or on the local emulators through `AWS_ENDPOINT_URL_*`). */
export function createRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): Runtime {
  const dynamodb = dynamoDbClient(clients);
  const queues = queuesOnDemand(config);
  const repository = modelRepository(config, dynamodb);
  const models = modelCache(config, repository, telemetry, clock);
  return {
    ...messagePath(config, telemetry, clock, dynamodb, models),
    config,
    repository,
    models,
    ...ingestQueues(config, queues),
    ...schedulerStores(config, dynamodb),
    ...sweepStores(config, dynamodb),
    ...controlStores(config, dynamodb),
    alarmInstances: alarmInstanceRemover(config, dynamodb, telemetry, clock),
    ...dispatchParts(config, telemetry, repository, queues, dynamodb),
  };
}
