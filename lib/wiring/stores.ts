import { newDynamoDbClient, type DynamoDBClient } from '../adapters/clients';
import { DynamoAlarmStore } from '../adapters/dynamodb/alarm-store';
import { DynamoDetectorStore } from '../adapters/dynamodb/detector-store';
import { DynamoMessageIdStore } from '../adapters/dynamodb/message-id-store';
import { DynamoModelRepository } from '../adapters/dynamodb/model-repository';
import { DynamoTraceStore } from '../adapters/dynamodb/trace-store';
import { DynamoWakeupStore } from '../adapters/dynamodb/wakeup-store';
import type { Config } from '../config';
import { engineOptions } from '../engine';
import { builtInInputs, lifecycleGuard } from '../lifecycle';
import type { AlarmStore, Clock, DetectorStore, ModelSource, ModelsTable, Telemetry, WakeupStore } from '../ports';
import { ModelCache } from '../runtime/model-cache';
import type { BatchDeps, BatchSettings } from '../runtime/process-batch';
import { WAKEUP_RETENTION_MS } from '../runtime/scheduled-run';

/** Clients a caller may supply (tests inject faults, benchmarks count requests through them). */
export interface RuntimeClients {
  readonly dynamodb?: DynamoDBClient;
}

/** The DynamoDB client of a container: the caller's, or one with Vigil's timeouts. Every function but eventConfigurations uses it. */
export function dynamoDbClient(clients: RuntimeClients = {}): DynamoDBClient {
  return clients.dynamodb ?? newDynamoDbClient();
}

/** The model registry (models table): detector models, alarm models and inputs. */
export function modelRepository(config: Config, dynamodb: DynamoDBClient): ModelsTable {
  return new DynamoModelRepository(dynamodb, config.modelsTable);
}

/** The compiled models of this container, refreshed from the registry every `modelRefreshMs`. */
export function modelCache(config: Config, repository: ModelsTable, telemetry: Telemetry, clock: Clock): ModelCache {
  return new ModelCache(repository, { refreshMs: config.modelRefreshMs, builtInInputs: builtInInputs(), minTimerSeconds: config.minTimerSeconds, clock, telemetry });
}

/** The detectors table. */
export function detectorStore(config: Config, dynamodb: DynamoDBClient): DetectorStore {
  return new DynamoDetectorStore({ client: dynamodb, tableName: config.detectorsTable });
}

/** The timers' wake-ups (due-index), in the timers table. */
export function wakeupStore(config: Config, dynamodb: DynamoDBClient, clock: Clock): WakeupStore {
  return new DynamoWakeupStore({ client: dynamodb, tableName: config.timersTable, shards: config.timerShards, retentionMs: WAKEUP_RETENTION_MS, now: () => clock.now() });
}

/** Alarm instances, in the detectors table. */
export function alarmStore(config: Config, dynamodb: DynamoDBClient): AlarmStore {
  return new DynamoAlarmStore({ client: dynamodb, tableName: config.detectorsTable });
}

/** What delivering messages and timers to detectors needs (load, step, commit), and its settings. */
export interface MessagePath extends BatchDeps {
  readonly alarms: AlarmStore;
  readonly settings: BatchSettings;
}

/** The message path on DynamoDB, running the models of `models`. */
export function messagePath(config: Config, telemetry: Telemetry, clock: Clock, dynamodb: DynamoDBClient, models: ModelSource): MessagePath {
  return {
    clock,
    telemetry,
    models,
    detectors: detectorStore(config, dynamodb),
    alarms: alarmStore(config, dynamodb),
    wakeups: wakeupStore(config, dynamodb, clock),
    messageIds: config.messageIdsTable ? new DynamoMessageIdStore({ client: dynamodb, tableName: config.messageIdsTable, windowMs: config.duplicateWindowMs }) : undefined,
    traces: config.traceDepth > 0 ? new DynamoTraceStore({ client: dynamodb, tableName: config.tracesTable, depth: config.traceDepth, clock }) : undefined,
    settings: {
      engine: engineOptions({ inputScope: config.inputScope, minTimerSeconds: config.minTimerSeconds, maxTimers: config.maxTimers }),
      duplicateWindowMs: config.duplicateWindowMs,
      maxRecentIds: config.maxRecentIds,
      maxMessageBytes: config.maxMessageBytes,
      concurrency: config.concurrency,
      guard: lifecycleGuard,
    },
  };
}

/** The message path of a function that only runs models (ingest, data API, timers): its models cache reads the registry itself. */
export function runningModels(config: Config, telemetry: Telemetry, clock: Clock, dynamodb: DynamoDBClient): MessagePath {
  return messagePath(config, telemetry, clock, dynamodb, modelCache(config, modelRepository(config, dynamodb), telemetry, clock));
}
