import type { Config } from '../config';
import { SYSTEM_CLOCK, type Clock, type Telemetry } from '../ports';
import { ingestQueues, queuesOnDemand, type IngestQueues } from './queues';
import { dynamoDbClient, runningModels, type MessagePath, type RuntimeClients } from './stores';

/** What the ingestQueue function uses: the message path on DynamoDB, and SQS on demand. */
export interface IngestQueueRuntime extends MessagePath, IngestQueues {
  readonly config: Config;
}

/** What the ingestRule function uses: as ingestQueue, without receipts (its events come from Lambda, not from a queue). */
export type IngestRuleRuntime = Omit<IngestQueueRuntime, 'receipts'>;

/** Builds the ingestQueue function's runtime: DynamoDB now, SQS when a record first needs it. */
export function createIngestQueueRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): IngestQueueRuntime {
  return { ...runningModels(config, telemetry, clock, dynamoDbClient(clients)), config, ...ingestQueues(config, queuesOnDemand(config)) };
}

/** Builds the ingestRule function's runtime: DynamoDB now, SQS when a message first needs it. */
export function createIngestRuleRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): IngestRuleRuntime {
  const { deadLetters, requeue } = ingestQueues(config, queuesOnDemand(config));
  return { ...runningModels(config, telemetry, clock, dynamoDbClient(clients)), config, deadLetters, requeue };
}
