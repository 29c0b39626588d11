import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import type { RuleActions } from '../iot-core/rule-router';
import type { Provisioned } from '../provision';
import type { ServerlessConfig } from '../serverless-config';
import { StreamPoller } from '../stream-poller';
import type { AsyncInvoker, FailureDestination } from './async-invoker';
import { FunctionError } from './errors';
import type { Destination, EventSources } from './event-sources';
import type { LambdaApi } from './lambda-api';
import { startPolling } from './polling-loop';
import { SqsPoller } from './sqs-poller';
import { sqsQueueSource } from './sqs-queue-source';

/** SDK clients pointed at the local emulators. */
export interface StackClients {
  readonly dynamodb: DynamoDBClient;
  readonly streams: DynamoDBStreamsClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
}

/** How often an idle table stream is read (Lambda reads each shard about four times a second). */
const STREAM_POLL_MS = 250;

/**
 * Starts what Lambda's event source mappings do and serverless-offline does not: an SQS poller per
 * `sqs` event and a stream poller per DynamoDB `stream` event, each invoking its function through
 * the Lambda API. Streams are read from `streamStart`: their start on a new database; on a kept
 * one (`--persist`) from their end, taken before this resolves, since the earlier run delivered
 * what is there (read again, its actions would run twice). Resolves with how to stop them all.
 */
export async function startEventSources(
  sources: EventSources,
  clients: StackClients,
  lambda: LambdaApi,
  log: (message: string, error?: Error) => void,
  streamStart: 'TRIM_HORIZON' | 'LATEST' = 'TRIM_HORIZON',
): Promise<() => Promise<void>> {
  const stops: (() => Promise<void>)[] = [];
  const controller = new AbortController();
  const invoke = async (functionName: string, event: unknown) => {
    const result = await lambda.invoke(functionName, event, controller.signal);
    if (result.functionError !== undefined) throw new FunctionError(functionName, result.functionError, result.payload);
    return result.payload;
  };
  for (const source of sources.sqs) {
    const poller = new SqsPoller(sqsQueueSource(clients.sqs, source.queueUrl), source.mapping, (event) => invoke(source.functionName, event), (error) =>
      log(`${source.functionName}: batch not processed; its messages return to the queue after the visibility timeout`, error),
    );
    poller.start();
    stops.push(() => poller.stop());
  }
  for (const source of sources.streams) {
    const poller = new StreamPoller(
      clients,
      source.tableName,
      async (event) => (await invoke(source.functionName, event)) as DynamoDBBatchResponse | void,
      source.batchSize,
      (error) => log(`${source.functionName}: stream batch failed; it is delivered again`, error),
      streamStart,
    );
    // The end is taken now, before the stack lets anything write (a timer caught up, a device).
    if (streamStart === 'LATEST') await poller.pollOnce().catch((error: Error) => log(`reading the stream of ${source.tableName} failed`, error));
    // A failing batch is retried with a growing pause (up to 30 s), not four times a second.
    let backoff = 0;
    const pass = async () => {
      await poller.pollOnce();
      backoff = poller.failing ? Math.min(30_000, Math.max(1000, backoff * 2)) : 0;
      if (backoff) await abortableSleep(backoff, controller.signal);
    };
    const loop = startPolling(pass, STREAM_POLL_MS, (error) => log(`reading the stream of ${source.tableName} failed`, error));
    stops.push(() => loop.stop());
  }
  return async () => {
    controller.abort();
    await Promise.all(stops.map((stop) => stop()));
  };
}

/** Delivers a failure record to a destination: a queue, a topic or another function. */
export function destinationSender(destination: Destination, clients: StackClients, invoker: AsyncInvoker): FailureDestination {
  return async (record) => {
    const body = JSON.stringify(record);
    if (destination.type === 'sqs') await clients.sqs.send(new SendMessageCommand({ QueueUrl: destination.queueUrl, MessageBody: body }));
    else if (destination.type === 'sns') await clients.sns.send(new PublishCommand({ TopicArn: destination.topicArn, Message: body }));
    else await invoker.invoke(destination.functionName, record);
  };
}

/** The deployed name of a function (`vigil-local-ingestRule`). */
export function functionName(config: ServerlessConfig, functionKey: string): string {
  return config.functions[functionKey]?.name ?? `${config.service}-${config.provider.stage}-${functionKey}`;
}

/** Performs topic rule actions: Lambda through the asynchronous invoker, SQS through fauxqs. */
export function ruleActions(config: ServerlessConfig, provisioned: Provisioned, sources: EventSources, clients: StackClients, invoker: AsyncInvoker): RuleActions {
  const queues = new Map(Object.values(provisioned.queues).map((queue) => [queue.name, queue.url]));
  return {
    async lambda(functionKey, event) {
      const destination = sources.onFailure.get(functionKey);
      await invoker.invoke(functionName(config, functionKey), event, destination && destinationSender(destination, clients, invoker));
    },
    async sqs(queueName, body) {
      const url = queues.get(queueName);
      if (!url) throw new Error(`queue ${queueName} does not exist`);
      await clients.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    },
    resourceName: (target) => (target.type === 'lambda' ? functionName(config, target.functionKey) : target.queueName),
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
