import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import type { IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ActionEffect } from '../../engine';
import type { ActionDispatcher, DispatchOutcome } from '../../ports/action-dispatcher';
import { createDynamoDbSender } from './dynamodb-sender';
import { createDynamoDbV2Sender } from './dynamodb-v2-sender';
import { createFirehoseSender } from './firehose-sender';
import { createIotEventsSender } from './iot-events-sender';
import { createIotTopicSender } from './iot-topic-sender';
import { createLambdaSender } from './lambda-sender';
import { retryOptions, type DeliveryResult, type RetryOptions } from './retry';
import { unavailableSender, type Sender } from './sender';
import { createSiteWiseSender } from './sitewise-sender';
import { createSnsSender } from './sns-sender';
import { createSqsSender } from './sqs-sender';

/**
 * The SDK clients actions are performed with, already configured (region, endpoint, credentials).
 * Every client is optional: an action whose client is missing fails, with a message naming it, and
 * the others still run. Build them with `maxAttempts: 1` to make the dispatcher's `retry` the only
 * retry layer (the SDK's default of 3 attempts multiplies with it).
 */
export interface ActionClients {
  readonly sns?: SNSClient;
  /** For `sqs` actions, and for `iotEvents` actions together with `ingestQueueUrl`. */
  readonly sqs?: SQSClient;
  readonly lambda?: LambdaClient;
  /** For `iotTopicPublish`; its endpoint is the account's IoT data endpoint (`iot:Data-ATS`). */
  readonly iotData?: IoTDataPlaneClient;
  readonly firehose?: FirehoseClient;
  /** For `dynamoDB` and `dynamoDBv2` actions. */
  readonly dynamodb?: DynamoDBClient;
  readonly iotSiteWise?: IoTSiteWiseClient;
}

/** What {@link createActionDispatcher} needs. */
export interface ActionDispatcherOptions {
  readonly clients: ActionClients;
  /** Vigil's ingest queue: `iotEvents` actions send their messages there. */
  readonly ingestQueueUrl?: string;
  /** Backoff for transient failures; defaults: 100 ms base, 2 s cap, 3 retries. */
  readonly retry?: Partial<RetryOptions>;
}

const OPTION_NAMES = new Set(['clients', 'ingestQueueUrl', 'retry']);
const CLIENT_NAMES = new Set(['sns', 'sqs', 'lambda', 'iotData', 'firehose', 'dynamodb', 'iotSiteWise']);

/**
 * Creates the {@link ActionDispatcher} that performs actions with the AWS SDK. Effects for the
 * same target (topic, queue, stream, table, function…) are sent together, batched where the API
 * allows and in the order given; different targets are served concurrently. Transient failures
 * are retried with backoff; `dispatch` never throws for a failed action and returns one outcome per
 * effect, in the order given.
 */
export function createActionDispatcher(options: ActionDispatcherOptions): ActionDispatcher {
  rejectUnknown('option', Object.keys(options), OPTION_NAMES);
  rejectUnknown('client', Object.keys(options.clients ?? {}), CLIENT_NAMES);
  const senderOf = lazySenders(options.clients ?? {}, options.ingestQueueUrl, retryOptions(options.retry));
  return {
    async dispatch(effects: readonly ActionEffect[]): Promise<DispatchOutcome[]> {
      const groups = new Map<string, { sender: Sender; indices: number[] }>();
      effects.forEach((effect, index) => {
        const sender = senderOf(effect.type);
        const key = `${effect.type}\u0000${sender.groupKey(effect)}`;
        const group = groups.get(key) ?? { sender, indices: [] };
        group.indices.push(index);
        groups.set(key, group);
      });
      const outcomes: DispatchOutcome[] = new Array(effects.length);
      await Promise.all(
        [...groups.values()].map(async ({ sender, indices }) => {
          const results = await sendGroup(sender, indices.map((index) => effects[index]));
          indices.forEach((index, k) => (outcomes[index] = { effect: effects[index], ...results[k] }));
        }),
      );
      return outcomes;
    },
  };
}

// A misspelt name would otherwise only show up as "missing client" failures at dispatch time.
function rejectUnknown(what: string, names: readonly string[], known: ReadonlySet<string>): void {
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new TypeError(`createActionDispatcher: unknown ${what} ${unknown.map((name) => `'${name}'`).join(', ')}; expected one of ${[...known].join(', ')}`);
}

/**
 * The sender of each action type, made on first use: reading a client of {@link ActionClients}
 * may build it (see createActionClients), and most dispatchers use one or two action types.
 */
function lazySenders(clients: ActionClients, ingestQueueUrl: string | undefined, retry: RetryOptions): (type: string) => Sender {
  const missing = (type: string, client: string) => unavailableSender(`${type} actions need the '${client}' client: pass it in createActionDispatcher's clients`);
  const make: Record<ActionEffect['type'], () => Sender<never>> = {
    sns: () => (clients.sns ? createSnsSender(clients.sns, retry) : missing('sns', 'sns')),
    sqs: () => (clients.sqs ? createSqsSender(clients.sqs, retry) : missing('sqs', 'sqs')),
    lambda: () => (clients.lambda ? createLambdaSender(clients.lambda, retry) : missing('lambda', 'lambda')),
    iotTopicPublish: () => (clients.iotData ? createIotTopicSender(clients.iotData, retry) : missing('iotTopicPublish', 'iotData')),
    firehose: () => (clients.firehose ? createFirehoseSender(clients.firehose, retry) : missing('firehose', 'firehose')),
    dynamoDB: () => (clients.dynamodb ? createDynamoDbSender(clients.dynamodb, retry) : missing('dynamoDB', 'dynamodb')),
    dynamoDBv2: () => (clients.dynamodb ? createDynamoDbV2Sender(clients.dynamodb, retry) : missing('dynamoDBv2', 'dynamodb')),
    iotSiteWise: () => (clients.iotSiteWise ? createSiteWiseSender(clients.iotSiteWise, retry) : missing('iotSiteWise', 'iotSiteWise')),
    iotEvents: () =>
      clients.sqs && ingestQueueUrl
        ? createIotEventsSender(clients.sqs, ingestQueueUrl, retry)
        : unavailableSender("iotEvents actions need the 'sqs' client and 'ingestQueueUrl' (Vigil's ingest queue): pass both to createActionDispatcher"),
  };
  const senders = new Map<string, Sender>();
  return (type) => {
    let sender = senders.get(type);
    if (!sender) {
      sender = Object.hasOwn(make, type) ? (make[type as ActionEffect['type']]() as Sender) : unavailableSender(`'${type}' is not an action type Vigil can perform`);
      senders.set(type, sender);
    }
    return sender;
  };
}

// Senders never throw for a failed action; this guards the promise to return every outcome.
async function sendGroup(sender: Sender, effects: readonly ActionEffect[]): Promise<DeliveryResult[]> {
  try {
    return await sender.send(effects);
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return effects.map(() => ({ ok: false, attempts: 0, error }));
  }
}
