import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createActionDispatcher, createSqsFailureSink } from './adapters/dispatch';
import { DynamoAnalysisStore } from './adapters/dynamodb/analysis-store';
import { DynamoDetectorScan } from './adapters/dynamodb/detector-scan';
import { DynamoDetectorStore } from './adapters/dynamodb/detector-store';
import { DynamoModelRepository } from './adapters/dynamodb/model-repository';
import { DynamoSchedulerState } from './adapters/dynamodb/scheduler-state';
import { DynamoSweepState } from './adapters/dynamodb/sweep-state';
import { DynamoTraceStore } from './adapters/dynamodb/trace-store';
import { DynamoWakeupStore } from './adapters/dynamodb/wakeup-store';
import { queueUrlResolver } from './adapters/queue-url';
import { sqsDeadLetters } from './adapters/sqs-dead-letters';
import type { Config } from './config';
import { engineOptions } from './engine';
import { builtInInputs, lifecycleGuard } from './lifecycle';
import { SYSTEM_CLOCK, type ActionDispatcher, type AnalysisStore, type ActionFailureSink, type Clock, type DeadLetters, type DetectorScan, type SchedulerState, type Telemetry, type TimerSweepState } from './ports';
import { ModelCache } from './runtime/model-cache';
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
  dispatcher(): Promise<ActionDispatcher>;
  failureSink(): Promise<ActionFailureSink | undefined>;
  /** The ingest dead-letter queue, when one is configured. */
  deadLetters(): Promise<DeadLetters | undefined>;
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
  let dispatcher: Promise<ActionDispatcher> | undefined;
  const buildDispatcher = async () =>
    createActionDispatcher({
      // The dispatcher retries with its own backoff; SDK retries on top would multiply attempts.
      clients: {
        sns: new SNSClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS }),
        sqs: new SQSClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS, ...(config.localSqs ? { useQueueUrlAsEndpoint: false } : {}) }),
        lambda: new LambdaClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS }),
        iotData: new IoTDataPlaneClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS, ...(config.iotDataEndpoint ? { endpoint: config.iotDataEndpoint } : {}) }),
        firehose: new FirehoseClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS }),
        dynamodb: new DynamoDBClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS }),
        iotSiteWise: new IoTSiteWiseClient({ maxAttempts: 1, requestHandler: HTTP_TIMEOUTS }),
      },
      ingestQueueUrl: config.ingestQueue && (await queueUrl(config.ingestQueue)),
    });
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
    traces: config.traceDepth > 0 ? new DynamoTraceStore({ client: dynamodb, tableName: config.tracesTable, depth: config.traceDepth, clock }) : undefined,
    settings: {
      engine: engineOptions({ inputScope: config.inputScope, minTimerSeconds: config.minTimerSeconds, maxTimers: config.maxTimers }),
      duplicateWindowMs: config.duplicateWindowMs,
      maxRecentIds: config.maxRecentIds,
      maxPayloadBytes: config.maxPayloadBytes,
      concurrency: config.concurrency,
      guard: lifecycleGuard,
    },
    dispatcher: () =>
      (dispatcher ??= buildDispatcher().catch((error: unknown) => {
        // A failed queue-URL lookup must not break dispatch for the container's whole life.
        dispatcher = undefined;
        throw error;
      })),
    failureSink: async () => (config.actionsDeadLetterQueue ? createSqsFailureSink({ sqs, queueUrl: await queueUrl(config.actionsDeadLetterQueue) }) : undefined),
    deadLetters: async () => (config.ingestDeadLetterQueue ? sqsDeadLetters(sqs, await queueUrl(config.ingestDeadLetterQueue)) : undefined),
  };
}
