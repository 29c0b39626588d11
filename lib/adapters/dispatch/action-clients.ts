import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { FirehoseClient } from '@aws-sdk/client-firehose';
import { IoTDataPlaneClient } from '@aws-sdk/client-iot-data-plane';
import { IoTSiteWiseClient } from '@aws-sdk/client-iotsitewise';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { ActionClients } from './action-dispatcher';

/** AWS credentials as the SDK takes them; `expiration` tells it when to ask again. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/** Hands the SDK the current credentials of an identity (an assumed role's, renewed before they expire). */
export type CredentialsProvider = () => Promise<Credentials>;

/** How the SDK clients of {@link createActionClients} are configured. */
export interface ActionClientOptions {
  /** Whose credentials the clients sign with; the default chain (the function's own role) when absent. */
  readonly credentials?: CredentialsProvider;
  /** Connection and request timeouts (ms), so a stalled socket fails and is retried. */
  readonly requestHandler?: { readonly connectionTimeout?: number; readonly requestTimeout?: number; readonly throwOnRequestTimeout?: boolean };
  /** The account's IoT data endpoint (`iot:Data-ATS`), for `iotTopicPublish`. */
  readonly iotDataEndpoint?: string;
  /** An SQS emulator is configured (fauxqs): send to its endpoint, not to the host in queue URLs. */
  readonly localSqs?: boolean;
}

/**
 * The SDK clients that perform actions, each built on first use: a dispatcher signed with a model's
 * role usually needs one or two of the seven, and a container may hold one dispatcher per model.
 * Every client makes one attempt per call (`maxAttempts: 1`): the dispatcher's own retry is the
 * only retry layer, since SDK retries on top would multiply attempts.
 */
export function createActionClients(options: ActionClientOptions = {}): ActionClients {
  const base = {
    maxAttempts: 1,
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
  const clients = {};
  const built = new Map<string, unknown>();
  const lazy = (name: keyof ActionClients, build: () => unknown) =>
    Object.defineProperty(clients, name, { enumerable: true, get: () => built.get(name) ?? built.set(name, build()).get(name) });
  lazy('sns', () => new SNSClient(base));
  lazy('sqs', () => new SQSClient({ ...base, ...(options.localSqs ? { useQueueUrlAsEndpoint: false } : {}) }));
  lazy('lambda', () => new LambdaClient(base));
  lazy('iotData', () => new IoTDataPlaneClient({ ...base, ...(options.iotDataEndpoint ? { endpoint: options.iotDataEndpoint } : {}) }));
  lazy('firehose', () => new FirehoseClient(base));
  lazy('dynamodb', () => new DynamoDBClient(base));
  lazy('iotSiteWise', () => new IoTSiteWiseClient(base));
  return clients as ActionClients;
}
