import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createRoleDispatchers, createSqsFailureSink } from './adapters/dispatch';
import { DynamoAnalysisStore } from './adapters/dynamodb/analysis-store';
import { DynamoDetectorScan } from './adapters/dynamodb/detector-scan';
import { DynamoDetectorStore } from './adapters/dynamodb/detector-store';
import { DynamoMessageIdStore } from './adapters/dynamodb/message-id-store';
import { DynamoModelRepository } from './adapters/dynamodb/model-repository';
import { DynamoSchedulerState } from './adapters/dynamodb/scheduler-state';
import { DynamoSweepState } from './adapters/dynamodb/sweep-state';
import { DynamoTraceStore } from './adapters/dynamodb/trace-store';
import { DynamoWakeupStore } from './adapters/dynamodb/wakeup-store';
import { queueUrlResolver } from './adapters/queue-url';
import { sqsDeadLetters } from './adapters/sqs-dead-letters';
import { sqsReceipts } from './adapters/sqs-receipts';
import { sqsRequeue } from './adapters/sqs-requeue';
import type { Config } from './config';
import { engineOptions } from './engine';
import { builtInInputs, lifecycleGuard } from './lifecycle';
import { SYSTEM_CLOCK, type ActionDispatchers, type AnalysisStore, type ActionFailureSink, type Clock, type DeadLetters, type DetectorScan, type QueueReceipts, type Requeue, type SchedulerState, type Telemetry, type TimerSweepState } from './ports';
import { ModelCache } from './runtime/model-cache';
import { ModelRoles } from './runtime/model-roles';
import type { BatchDeps, BatchSettings } from './runtime/process-batch';
import { WAKEUP_RETENTION_MS } from './runtime/scheduled-run';

/** Connection and request timeouts of every client (ms); a request past them fails and is retried. */
const HTTP_TIMEOUTS = { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true };

/** Everything the Lambda handlers use, built once per container. */
export interface Runtime extends BatchDeps {
  readonly config: Config;
  readonly settings: BatchSettings;
  readonly repository: DynamoModelRepository;
  readonly modelCache: ModelCache;
  readonly sqs: SQSClient;
  /** Performs actions, each model's with its role (or all with the function's own credentials when MODEL_ROLES=ignore). */
  dispatchers(): Promise<ActionDispatchers>;
  /** The role of each model version; undefined when MODEL_ROLES=ignore. */
  readonly modelRoles: ModelRoles | undefined;
  failureSink(): Promise<ActionFailureSink | undefined>;
  /** The ingest dead-letter queue, when one is configured. */
  deadLetters(): Promise<DeadLetters | undefined>;
  /** The internal queue, when one is configured: messages to deliver again, narrowed. */
  requeue(): Promise<Requeue | undefined>;
  /** SQS itself, asked whether records of the trusted queues are real (when `verifyReceipts`). */
  readonly receipts: QueueReceipts | undefined;
  readonly schedulerState: SchedulerState;
  /** The timer sweep's scan of the detectors table, and its progress. */
  readonly detectorScan: DetectorScan;
  readonly sweepState: TimerSweepState;
  /** Detector model analyses (StartDetectorModelAnalysis), kept 24 h in the models table. */
  readonly analyses: AnalysisStore;
}

/** Clients a caller may supply (benchmarks count requests through them). */
export interface RuntimeClients {
  readonly dynamodb?: DynamoDBClient;
}

/** Builds the runtime on AWS (or on the local emulators, through `AWS_ENDPOINT_URL_*`). */
export function createRuntime(config: Config, telemetry: Telemetry, clock: Clock = SYSTEM_CLOCK, clients: RuntimeClients = {}): Runtime {
  // Without timeouts a stalled socket hangs the invocation until Lambda kills it; with them it
  // becomes a TimeoutError the SDK retries.
  const dynamodb = clients.dynamodb ?? new DynamoDBClient({ requestHandler: HTTP_TIMEOUTS });
  // fauxqs queue URLs name a host that does not resolve; send to the configured endpoint instead.
  const sqs = new SQSClient({ requestHandler: HTTP_TIMEOUTS, ...(config.localSqs ? { useQueueUrlAsEndpoint: false } : {}) });
  const repository = new DynamoModelRepository(dynamodb, config.modelsTable);
  const modelCache = new ModelCache(repository, {
    refreshMs: config.modelRefreshMs,
    builtInInputs: builtInInputs(),
    minTimerSeconds: config.minTimerSeconds,
    clock,
    telemetry,
  });
  const queueUrl = queueUrlResolver(sqs);
  let dispatchers: Promise<ActionDispatchers> | undefined;
  const buildDispatchers = async () => {
    if (config.modelRoles === 'ignore') telemetry.log('warn', 'MODEL_ROLES=ignore: actions run with this function\'s own credentials, not with their models\' roles (local stack only)');
    return createRoleDispatchers({
      mode: config.modelRoles,
      stage: config.stage,
      clients: { requestHandler: HTTP_TIMEOUTS, iotDataEndpoint: config.iotDataEndpoint, localSqs: config.localSqs },
      // Re-ingested messages are Vigil's own envelopes: only the internal queue accepts those.
      ingestQueueUrl: config.internalQueue && (await queueUrl(config.internalQueue)),
    });
  };
  return {
    config,
    clock,
    telemetry,
    repository,
    modelCache,
    models: modelCache,
    sqs,
    detectors: new DynamoDetectorStore({ client: dynamodb, tableName: config.detectorsTable }),
    schedulerState: new DynamoSchedulerState(dynamodb, config.timersTable),
    detectorScan: new DynamoDetectorScan(dynamodb, config.detectorsTable),
    sweepState: new DynamoSweepState(dynamodb, config.timersTable),
    analyses: new DynamoAnalysisStore(dynamodb, config.modelsTable),
    wakeups: new DynamoWakeupStore({ client: dynamodb, tableName: config.timersTable, shards: config.timerShards, retentionMs: WAKEUP_RETENTION_MS, now: () => clock.now() }),
    messageIds: config.messageIdsTable ? new DynamoMessageIdStore({ client: dynamodb, tableName: config.messageIdsTable, windowMs: config.duplicateWindowMs }) : undefined,
    traces: config.traceDepth > 0 ? new DynamoTraceStore({ client: dynamodb, tableName: config.tracesTable, depth: config.traceDepth, clock }) : undefined,
    settings: {
      engine: engineOptions({ inputScope: config.inputScope, minTimerSeconds: config.minTimerSeconds, maxTimers: config.maxTimers }),
      duplicateWindowMs: config.duplicateWindowMs,
      maxRecentIds: config.maxRecentIds,
      maxPayloadBytes: config.maxPayloadBytes,
      concurrency: config.concurrency,
      guard: lifecycleGuard,
    },
    dispatchers: () =>
      (dispatchers ??= buildDispatchers().catch((error: unknown) => {
        // A failed queue-URL lookup must not break dispatch for the container's whole life.
        dispatchers = undefined;
        throw error;
      })),
    modelRoles: config.modelRoles === 'assume' ? new ModelRoles(repository) : undefined,
    failureSink: async () => (config.actionsDeadLetterQueue ? createSqsFailureSink({ sqs, queueUrl: await queueUrl(config.actionsDeadLetterQueue) }) : undefined),
    deadLetters: async () => (config.ingestDeadLetterQueue ? sqsDeadLetters(sqs, await queueUrl(config.ingestDeadLetterQueue)) : undefined),
    requeue: async () => (config.internalQueue ? sqsRequeue(sqs, await queueUrl(config.internalQueue)) : undefined),
    // The queues' visibility timeout (serverless.yml): checking a receipt keeps the record hidden as long.
    receipts: config.verifyReceipts ? sqsReceipts(sqs, (arn) => queueUrl(arn.slice(arn.lastIndexOf(':') + 1)), 240) : undefined,
  };
}
