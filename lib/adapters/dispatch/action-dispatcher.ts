import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { FirehoseClient } from '@aws-sdk/client-firehose';
import type { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import type { IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { ActionEffect } from '../../engine';
import { lazily } from '../../lazily';
import type { ActionDispatcher, DispatchOutcome } from '../../ports/action-dispatcher';
import { clientOf, type ClientSource } from './action-clients';
import { retryOptions, type DeliveryResult, type RetryOptions } from './retry';
import { unavailableSender, type Sender } from './sender';

/**
 * The SDK clients actions are performed with, already configured (region, endpoint, credentials),
 * or functions building them on first use ({@link createActionClients}). Every client is optional:
 * an action whose client is missing fails, with a message naming it, and the others still run.
 * Build them with `maxAttempts: 1` to make the dispatcher's `retry` the only retry layer (the
 * SDK's default of 3 attempts multiplies with it).
 */
export interface ActionClients {
  readonly sns?: ClientSource<SNSClient>;
  /** For `sqs` actions, and for `iotEvents` actions together with `ingestQueueUrl`. */
  readonly sqs?: ClientSource<SQSClient>;
  readonly lambda?: ClientSource<LambdaClient>;
  /** For `iotTopicPublish`; its endpoint is the account's IoT data endpoint (`iot:Data-ATS`). */
  readonly iotData?: ClientSource<IoTDataPlaneClient>;
  readonly firehose?: ClientSource<FirehoseClient>;
  /** For `dynamoDB` and `dynamoDBv2` actions. */
  readonly dynamodb?: ClientSource<DynamoDBClient>;
  readonly iotSiteWise?: ClientSource<IoTSiteWiseClient>;
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
      const types = [...new Set(effects.map((effect) => effect.type))];
      const senders = new Map(await Promise.all(types.map(async (type) => [type, await senderOf(type)] as const)));
      const groups = new Map<string, { sender: Sender; indices: number[] }>();
      effects.forEach((effect, index) => {
        const sender = senders.get(effect.type) as Sender;
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
 * The sender of each action type, made on first use together with its client, their modules and
 * SDK package loaded only then (see createActionClients): most dispatchers use one or two action
 * types. A sender that could not be made fails its effects, and is tried again next time.
 */
function lazySenders(clients: ActionClients, ingestQueueUrl: string | undefined, retry: RetryOptions): (type: string) => Promise<Sender> {
  const unavailable = (type: string, client: string) => unavailableSender(`${type} actions need the '${client}' client: pass it in createActionDispatcher's clients`);
  const using = async <C extends object>(source: ClientSource<C> | undefined, make: (client: C) => Promise<Sender<never>>, missing: () => Sender): Promise<Sender<never>> => {
    const client = await clientOf(source);
    return client ? make(client) : missing();
  };
  const make: Record<ActionEffect['type'], () => Promise<Sender<never>>> = {
    sns: () => using(clients.sns, async (sns) => (await import('./sns-sender')).createSnsSender(sns, retry), () => unavailable('sns', 'sns')),
    sqs: () => using(clients.sqs, async (sqs) => (await import('./sqs-sender')).createSqsSender(sqs, retry), () => unavailable('sqs', 'sqs')),
    lambda: () => using(clients.lambda, async (lambda) => (await import('./lambda-sender')).createLambdaSender(lambda, retry), () => unavailable('lambda', 'lambda')),
    iotTopicPublish: () => using(clients.iotData, async (iotData) => (await import('./iot-topic-sender')).createIotTopicSender(iotData, retry), () => unavailable('iotTopicPublish', 'iotData')),
    firehose: () => using(clients.firehose, async (firehose) => (await import('./firehose-sender')).createFirehoseSender(firehose, retry), () => unavailable('firehose', 'firehose')),
    dynamoDB: () => using(clients.dynamodb, async (dynamodb) => (await import('./dynamodb-sender')).createDynamoDbSender(dynamodb, retry), () => unavailable('dynamoDB', 'dynamodb')),
    dynamoDBv2: () => using(clients.dynamodb, async (dynamodb) => (await import('./dynamodb-v2-sender')).createDynamoDbV2Sender(dynamodb, retry), () => unavailable('dynamoDBv2', 'dynamodb')),
    iotSiteWise: () => using(clients.iotSiteWise, async (iotSiteWise) => (await import('./sitewise-sender')).createSiteWiseSender(iotSiteWise, retry), () => unavailable('iotSiteWise', 'iotSiteWise')),
    iotEvents: () =>
      using(
        ingestQueueUrl ? clients.sqs : undefined,
        async (sqs) => (await import('./iot-events-sender')).createIotEventsSender(sqs, ingestQueueUrl as string, retry),
        () => unavailableSender("iotEvents actions need the 'sqs' client and 'ingestQueueUrl' (Vigil's ingest queue): pass both to createActionDispatcher"),
      ),
  };
  const senders = new Map<string, () => Promise<Sender>>();
  return (type) => {
    let sender = senders.get(type);
    if (!sender) {
      sender = Object.hasOwn(make, type) ? lazily(make[type as ActionEffect['type']] as () => Promise<Sender>) : async () => unavailableSender(`'${type}' is not an action type Vigil can perform`);
      senders.set(type, sender);
    }
    // sendGroup turns the rejection into a failed outcome for each of the group's effects.
    return sender().catch((error: unknown): Sender => ({ groupKey: () => '', send: () => Promise.reject(error) }));
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
