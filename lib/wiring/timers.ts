import type { DynamoDBClient } from '../adapters/clients';
import { DynamoDetectorScan } from '../adapters/dynamodb/detector-scan';
import { DynamoSchedulerState } from '../adapters/dynamodb/scheduler-state';
import { DynamoSweepState } from '../adapters/dynamodb/sweep-state';
import type { Config } from '../config';
import { SYSTEM_CLOCK, type Clock, type DetectorScan, type SchedulerState, type Telemetry, type TimerSweepState } from '../ports';
import { dynamoDbClient, runningModels, type MessagePath, type RuntimeClients } from './stores';

/** The scheduler's own state: its watermark in the timers table. */
export interface SchedulerStores {
  readonly schedulerState: SchedulerState;
}

/** The timer sweep's scan of the detectors table, and its progress in the timers table. */
export interface SweepStores {
  readonly detectorScan: DetectorScan;
  readonly sweepState: TimerSweepState;
}

/** What the scheduler function uses: the message path and its state, all on DynamoDB. */
export interface SchedulerRuntime extends MessagePath, SchedulerStores {
  readonly config: Config;
}

/** What the timerSweep function uses: the message path, the scan and its progress, all on DynamoDB. */
export interface TimerSweepRuntime extends MessagePath, SweepStores {
  readonly config: Config;
}

/** The scheduler's state on DynamoDB. */
export function schedulerStores(config: Config, dynamodb: DynamoDBClient): SchedulerStores {
  return { schedulerState: new DynamoSchedulerState(dynamodb, config.timersTable) };
}

/** The timer sweep's scan and progress on DynamoDB. */
export function sweepStores(config: Config, dynamodb: DynamoDBClient): SweepStores {
  return { detectorScan: new DynamoDetectorScan(dynamodb, config.detectorsTable), sweepState: new DynamoSweepState(dynamodb, config.timersTable) };
}

/** Builds the scheduler function's runtime: DynamoDB only. */
export function createSchedulerRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): SchedulerRuntime {
  const dynamodb = dynamoDbClient(clients);
  return { ...runningModels(config, telemetry, clock, dynamodb), config, ...schedulerStores(config, dynamodb) };
}

/** Builds the timerSweep function's runtime: DynamoDB only. */
export function createTimerSweepRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): TimerSweepRuntime {
  const dynamodb = dynamoDbClient(clients);
  return { ...runningModels(config, telemetry, clock, dynamodb), config, ...sweepStores(config, dynamodb) };
}
