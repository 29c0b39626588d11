import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSRecord } from 'aws-lambda';
import { createHandler as createDispatchHandler } from '../../functions/dispatch-actions';
import { loadConfig, type Config } from '../../lib/config';
import { builtInInputs } from '../../lib/lifecycle';
import { provision, type Provisioned } from '../../local/provision';
import type { ServerlessConfig } from '../../local/serverless-config';
import { StreamPoller } from '../../local/stream-poller';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import { SILENT, type Clock, type Telemetry } from '../../lib/ports';
import { seedModels } from '../../lib/runtime/seed-models';
import { createRuntime, type Runtime } from '../../lib/wiring';

/** A Lambda context good enough for handlers under test. */
export function lambdaContext(requestId = `req-${randomBytes(4).toString('hex')}`): Context {
  return { awsRequestId: requestId, invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:vigil-test-fn', functionName: 'vigil-test-fn' } as Context;
}

/** Vigil's ingest queues, by logical id. */
export type IngestQueueId = 'IngestQueue' | 'LifecycleQueue' | 'InternalQueue';

/** An SQS record of one of the stack's ingest queues, as Lambda's event source mapping delivers it. */
export function queueRecord(stack: Pick<TestStack, 'provisioned'>, queue: IngestQueueId, messageId: string, body: string, receiveCount = 1): SQSRecord {
  return {
    messageId,
    receiptHandle: `receipt-${messageId}`,
    body,
    attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'test', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: stack.provisioned.queues[queue].arn,
    awsRegion: 'us-east-1',
  };
}

/** The envelope Vigil's own producers put on the internal queue. */
export function envelopeBody(inputName: string, messageId: string, payload: string, fields: Record<string, unknown> = {}): string {
  return JSON.stringify({ vigilEnvelope: 1, inputName, messageId, payload, ...fields });
}

/** What a test may give a runtime of its own: a clock, telemetry, a DynamoDB client (with faults injected). */
export interface RuntimeOverrides {
  readonly clock?: Clock;
  readonly telemetry?: Telemetry;
  readonly dynamodb?: DynamoDBClient;
}

/** One test file's own copy of the stack on the shared emulators. */
export interface TestStack {
  readonly config: Config;
  readonly provisioned: Provisioned;
  readonly clients: { dynamodb: DynamoDBClient; sqs: SQSClient; sns: SNSClient; streams: DynamoDBStreamsClient };
  /** A runtime (one "Lambda container"); call again for another container. */
  runtime(overrides?: RuntimeOverrides): Runtime;
  /** Stores inputs and models as the deploy-time seeding does. */
  seed(models: CreateDetectorModelRequest[], inputs: CreateInputRequest[]): Promise<void>;
  /**
   * Delivers the detectors table's change stream to the dispatch function; returns records
   * delivered. With `crashFirst`, the first invocation dies before doing anything (Lambda retries).
   */
  dispatch(runtime?: Runtime, options?: { crashFirst?: boolean }): Promise<number>;
  /**
   * Receives (and deletes) the messages on a queue, until `count` arrived or `waitMs` (30 s) passed:
   * a loaded machine only makes it return later, never with fewer of what was sent.
   */
  receive(queueId: string, count: number, waitMs?: number): Promise<string[]>;
  /**
   * Receives `expected` messages (as `receive`), then goes on for `settleMs` (1.5 s) to catch any
   * more: for tests that assert nothing else arrives.
   */
  receiveExactly(queueId: string, expected: number, settleMs?: number): Promise<string[]>;
}

/** Provisions the stack's tables and queues under a name unique to this call. */
export async function createTestStack(environment: Record<string, string> = {}): Promise<TestStack> {
  const serverless = JSON.parse(readFileSync(process.env.VIGIL_TEST_SERVERLESS as string, 'utf8')) as ServerlessConfig;
  const suffix = randomBytes(4).toString('hex');
  const clients = {
    dynamodb: new DynamoDBClient({}),
    sqs: new SQSClient({ useQueueUrlAsEndpoint: false }),
    sns: new SNSClient({}),
    streams: new DynamoDBStreamsClient({}),
  };
  const provisioned = await provision(serverless, clients, (name) => name.replace(/^vigil-test-/, `vigil-t${suffix}-`));
  const config = loadConfig({
    ...process.env,
    DETECTORS_TABLE: provisioned.tables.DetectorsTable,
    MODELS_TABLE: provisioned.tables.ModelsTable,
    TIMERS_TABLE: provisioned.tables.TimersTable,
    TRACES_TABLE: provisioned.tables.TracesTable,
    MESSAGE_IDS_TABLE: provisioned.tables.MessageIdsTable,
    INGEST_QUEUE: provisioned.queues.IngestQueue.url,
    LIFECYCLE_QUEUE: provisioned.queues.LifecycleQueue.url,
    INTERNAL_QUEUE: provisioned.queues.InternalQueue.url,
    INGEST_DLQ: provisioned.queues.IngestDeadLetterQueue.url,
    ACTIONS_DLQ: provisioned.queues.ActionsDeadLetterQueue.url,
    MODEL_REFRESH_MS: '0',
    // Retries from the internal queue come back at once: the tests drive them, and never wait.
    RETRY_DELAYS_S: '0',
    // Tests build SQS events themselves (no receipts SQS issued); the check has its own test.
    VERIFY_RECEIPTS: 'false',
    // The emulators have no STS: actions run with the test's own credentials, as on the local stack.
    MODEL_ROLES: 'ignore',
    ...environment,
  });
  const runtime = (overrides: RuntimeOverrides = {}) => createRuntime(config, overrides.telemetry ?? SILENT, overrides.clock, overrides.dynamodb ? { dynamodb: overrides.dynamodb } : {});
  const seeder = runtime();
  // One poller per stack, like Lambda's event source mapping: its position in the stream does not
  // depend on which container handles the records.
  let current: { handle: ReturnType<typeof createDispatchHandler>; crash: boolean } = { handle: createDispatchHandler(seeder), crash: false };
  const poller = new StreamPoller(clients, config.detectorsTable, (event) => {
    if (current.crash) {
      current.crash = false;
      throw new Error('the dispatch container died');
    }
    return current.handle(event, lambdaContext());
  });
  const receive = async (queueId: string, count: number, waitMs = 30_000): Promise<string[]> => {
    const url = provisioned.queues[queueId].url;
    const bodies: string[] = [];
    const deadline = Date.now() + waitMs;
    while (bodies.length < count && Date.now() < deadline) {
      const { Messages = [] } = await clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
      for (const message of Messages) {
        bodies.push(message.Body as string);
        await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
      }
    }
    return bodies;
  };
  return {
    config,
    provisioned,
    clients,
    runtime,
    async seed(models, inputs) {
      await seedModels(seeder.repository, { models, inputs }, builtInInputs(), { now: Date.now(), minTimerSeconds: config.minTimerSeconds });
    },
    async dispatch(with_ = seeder, options = {}) {
      current = { handle: createDispatchHandler(with_), crash: options.crashFirst === true };
      return poller.drain();
    },
    receive,
    async receiveExactly(queueId, expected, settleMs = 1500) {
      const first = await receive(queueId, expected);
      return [...first, ...(await receive(queueId, Number.MAX_SAFE_INTEGER, settleMs))];
    },
  };
}

/** A model as it ships in models/, with its placeholders filled for this stack and its SNS targets on `alertsTopicArn`. */
export function shippedModel(file: string, alertsTopicArn: string): CreateDetectorModelRequest {
  const text = readFileSync(`${__dirname}/../../models/${file}`, 'utf8').replace(/arn:\$\{AWS::Partition\}:sns:[^"]+/g, alertsTopicArn);
  return JSON.parse(text.replaceAll('${AWS::Partition}', 'aws').replaceAll('${AWS::AccountId}', '000000000000')) as CreateDetectorModelRequest;
}

/** The motor model as it ships in models/. */
export function motorModel(alertsTopicArn: string): CreateDetectorModelRequest {
  return shippedModel('motor-detector-model.json', alertsTopicArn);
}
