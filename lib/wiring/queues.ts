import { loadSqsClient, type SQSClient } from '../adapters/sqs-client';
import type { Config } from '../config';
import { lazily } from '../lazily';
import type { DeadLetters, QueueReceipts, Requeue } from '../ports';

/** The queue visibility timeout of serverless.yml: checking a receipt keeps its record hidden as long. */
const VISIBILITY_TIMEOUT_S = 240;

/**
 * SQS, loaded on first use: a container that never dead-letters, requeues, checks a receipt or
 * records a failed action never loads the SDK's SQS package nor looks up a queue URL.
 */
export interface QueuesOnDemand {
  client(): Promise<SQSClient>;
  /** A queue's URL from a name (resolved with GetQueueUrl once per container) or a URL. */
  url(nameOrUrl: string): Promise<string>;
}

/** One SQS client per container, with Vigil's timeouts, built on first use. */
export function queuesOnDemand(config: Config): QueuesOnDemand {
  const client = lazily(() => loadSqsClient(config.localSqs));
  const resolver = lazily(async () => (await import('../adapters/queue-url')).queueUrlResolver(await client()));
  return { client, url: async (nameOrUrl) => (await resolver())(nameOrUrl) };
}

/** What the ingest functions send to SQS: dead letters, retries on the internal queue, and receipt checks. */
export interface IngestQueues {
  /** The ingest dead-letter queue, when one is configured. */
  readonly deadLetters: DeadLetters | undefined;
  /** The internal queue, when one is configured: messages to deliver again, narrowed. */
  readonly requeue: Requeue | undefined;
  /** SQS itself, asked whether records of the trusted queues are real (when `verifyReceipts`). */
  readonly receipts: QueueReceipts | undefined;
}

/**
 * The ingest functions' queues, each reached on its first use. A failed lookup or load fails that
 * send or check, which the caller already survives (SQS delivers the record again), and is tried
 * again next time.
 */
export function ingestQueues(config: Config, queues: QueuesOnDemand): IngestQueues {
  const { ingestDeadLetterQueue: dlq, internalQueue: internal } = config;
  const deadLetters = lazily(async () => (await import('../adapters/sqs-dead-letters')).sqsDeadLetters(await queues.client(), await queues.url(dlq as string)));
  const requeue = lazily(async () => (await import('../adapters/sqs-requeue')).sqsRequeue(await queues.client(), await queues.url(internal as string)));
  const receipts = lazily(async () => (await import('../adapters/sqs-receipts')).sqsReceipts(await queues.client(), (arn) => queues.url(arn.slice(arn.lastIndexOf(':') + 1)), VISIBILITY_TIMEOUT_S));
  return {
    deadLetters: dlq ? { send: async (entries) => (await deadLetters()).send(entries) } : undefined,
    requeue: internal ? { send: async (envelopes, delaySeconds) => (await requeue()).send(envelopes, delaySeconds) } : undefined,
    receipts: config.verifyReceipts ? { check: async (list) => (await receipts()).check(list) } : undefined,
  };
}
