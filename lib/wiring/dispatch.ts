import type { DynamoDBRecord } from 'aws-lambda';
import type { DynamoDBClient } from '../adapters/clients';
import { isAlarmItem } from '../adapters/dynamodb/alarm-item';
import { outboxOf, type Item } from '../adapters/dynamodb/detector-item';
import { createRoleDispatchers } from '../adapters/dispatch/role-dispatchers';
import { DynamoFailureNotes } from '../adapters/dynamodb/failure-notes';
import type { Config } from '../config';
import { lazily } from '../lazily';
import type { ActionDispatchers, ActionFailureSink, ModelRepository, RecipientDirectory, Telemetry } from '../ports';
import { createRecipientDirectory } from '../adapters/identity/directory-clients';
import type { Outbox } from '../runtime/dispatch-outboxes';
import { ModelRoles } from '../runtime/model-roles';
import { HTTP_TIMEOUTS } from '../adapters/http-timeouts';
import { queuesOnDemand, type QueuesOnDemand } from './queues';
import { dynamoDbClient, modelRepository, type RuntimeClients } from './stores';

/** What dispatching outboxes takes besides telemetry. */
export interface DispatchParts {
  /** Performs actions, each model's with its role (or all with the function's own credentials when MODEL_ROLES=ignore). */
  dispatchers(): Promise<ActionDispatchers>;
  /** The role of each model version; undefined when MODEL_ROLES=ignore. */
  readonly modelRoles: ModelRoles | undefined;
  /** The actions dead-letter queue, when one is configured, and the failure notes `vigil trace` and `vigil tail` read. */
  readonly failureSink: ActionFailureSink | undefined;
  /** Where alarm notification recipients are looked up (IAM Identity Center, or the local rule). */
  readonly directory: RecipientDirectory;
}

/** What the dispatchActions function uses. */
export interface DispatchRuntime extends DispatchParts {
  readonly telemetry: Telemetry;
}

/**
 * The dispatchers, model roles and failure sink. Each action client (and STS) is built, its SDK
 * package loaded, when an outbox first needs it (createRoleDispatchers); SQS when the internal
 * queue's URL is first needed (for `iotEvents` actions) or an action first fails for good.
 */
export function dispatchParts(config: Config, telemetry: Telemetry, repository: ModelRepository, queues: QueuesOnDemand, dynamodb: DynamoDBClient): DispatchParts {
  const dlq = config.actionsDeadLetterQueue;
  const sink = lazily(async () => (await import('../adapters/dispatch/failure-sink')).createSqsFailureSink({ sqs: await queues.client(), queueUrl: await queues.url(dlq as string) }));
  // Beside the traces (off with them): what a queue cannot answer, "did this action fail?".
  const notes = config.traceDepth > 0 ? new DynamoFailureNotes({ client: dynamodb, tableName: config.tracesTable }) : undefined;
  return {
    // A failed queue-URL lookup is not kept: dispatch is tried again with the next invocation.
    dispatchers: lazily(async () => {
      if (config.modelRoles === 'ignore') telemetry.log('warn', 'MODEL_ROLES=ignore: actions run with this function\'s own credentials, not with their models\' roles (local stack only)');
      return createRoleDispatchers({
        mode: config.modelRoles,
        stage: config.stage,
        clients: { requestHandler: HTTP_TIMEOUTS, iotDataEndpoint: config.iotDataEndpoint, localSqs: config.localSqs },
        // Re-ingested messages are Vigil's own envelopes: only the internal queue accepts those.
        ingestQueueUrl: config.internalQueue && (await queues.url(config.internalQueue)),
      });
    }),
    modelRoles: config.modelRoles === 'assume' ? new ModelRoles(repository) : undefined,
    directory: createRecipientDirectory({
      kind: config.identityStore,
      stage: config.stage,
      requestHandler: HTTP_TIMEOUTS,
      onRefused: (identity, error) => telemetry.log('error', 'alarm notification recipient cannot be looked up', { ...identity, error: `${error.name}: ${error.message}` }),
    }),
    // Recording fails (and the stream delivers the outbox again) if the queue cannot be reached; a
    // note that cannot be written is only logged, as a trace would be: the dead letter is the record.
    failureSink:
      dlq || notes
        ? {
            record: async (failures) => {
              const noted = notes?.record(failures).catch((error: Error) => telemetry.log('warn', 'could not note failed actions for vigil trace', { error: error.message }));
              await Promise.all([dlq ? (await sink()).record(failures) : undefined, noted]);
            },
          }
        : undefined,
  };
}

/** Builds the dispatchActions function's runtime: DynamoDB now (model roles), the rest on first use. */
export function createDispatchRuntime(config: Config, telemetry: Telemetry, clients: RuntimeClients = {}): DispatchRuntime {
  const dynamodb = dynamoDbClient(clients);
  return { telemetry, ...dispatchParts(config, telemetry, modelRepository(config, dynamodb), queuesOnDemand(config), dynamodb) };
}

/**
 * The outboxes a batch of the detectors table's stream carries, in order, each named by its
 * record's sequence number (the partial-batch failure id). Removals carry none.
 */
export function streamOutboxes(records: readonly DynamoDBRecord[]): Outbox[] {
  return records
    .filter((record) => record.eventName !== 'REMOVE')
    .map((record) => {
      const image = record.dynamodb?.NewImage as Item | undefined;
      const outbox: Outbox = { id: record.dynamodb?.SequenceNumber ?? record.eventID ?? '', effects: outboxOf(image) };
      // An alarm instance's actions run with the role committed beside them (decision AR2).
      return isAlarmItem(image) ? { ...outbox, alarm: true, roleArn: image?.outboxRole?.S } : outbox;
    });
}
