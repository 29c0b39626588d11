import { loadRolePassCheck, type DynamoDBClient } from '../adapters/clients';
import { DynamoAnalysisStore } from '../adapters/dynamodb/analysis-store';
import type { Config } from '../config';
import { lazily } from '../lazily';
import { SYSTEM_CLOCK, type AlarmInstanceRemover, type AnalysisStore, type Clock, type DetectorStore, type ModelsTable, type RolePassCheck, type Telemetry } from '../ports';
import type { ModelCache } from '../runtime/model-cache';
import { alarmInstanceRemover } from './alarms';
import { detectorStore, dynamoDbClient, modelCache, modelRepository, type RuntimeClients } from './stores';

/** What the control API's own stores and checks are, besides the models it shares with the message path. */
export interface ControlStores {
  /** Detector model analyses (StartDetectorModelAnalysis), kept 24 h in the models table. */
  readonly analyses: AnalysisStore;
  /** Whether a caller may pass a model's role (IAM); undefined when MODEL_ROLES=ignore. */
  readonly rolePassCheck: RolePassCheck | undefined;
}

/** What the controlApi function uses: the registry, this container's models cache, detectors (DeleteDetectorModel), analyses, and IAM on demand. */
export interface ControlApiRuntime extends ControlStores {
  readonly config: Config;
  readonly clock: Clock;
  readonly telemetry: Telemetry;
  /** Detector models, alarm models and inputs. */
  readonly repository: ModelsTable;
  /** The running catalog (ListInputRoutings), invalidated after every change made here. */
  readonly models: ModelCache;
  readonly detectors: DetectorStore;
  /** Deletes a deleted alarm model's instances (DeleteAlarmModel); undefined until an alarm runtime is wired. */
  readonly alarmInstances?: AlarmInstanceRemover;
}

/**
 * The analyses on DynamoDB and, with model roles assumed, the PassRole check on IAM: its client and
 * the SDK's IAM package are loaded by the first Create or Update of a model, not by every container.
 */
export function controlStores(config: Config, dynamodb: DynamoDBClient): ControlStores {
  const check = lazily(loadRolePassCheck);
  return {
    analyses: new DynamoAnalysisStore(dynamodb, config.modelsTable),
    rolePassCheck: config.modelRoles === 'assume' ? { check: async (request) => (await check()).check(request) } : undefined,
  };
}

/** Builds the controlApi function's runtime: DynamoDB now, IAM when a role is first checked. */
export function createControlApiRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): ControlApiRuntime {
  const dynamodb = dynamoDbClient(clients);
  const repository = modelRepository(config, dynamodb);
  return {
    config,
    clock,
    telemetry,
    repository,
    models: modelCache(config, repository, telemetry, clock),
    detectors: detectorStore(config, dynamodb),
    alarmInstances: alarmInstanceRemover(config, dynamodb, telemetry, clock),
    ...controlStores(config, dynamodb),
  };
}
