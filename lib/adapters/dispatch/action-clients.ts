import type { STSClient } from '@aws-sdk/client-sts';
import { lazily } from '../../lazily';
import type { ActionClients } from './action-dispatcher';

/**
 * An SDK client, or a function that builds it on first use: then its package (`@aws-sdk/client-…`,
 * tens of milliseconds to load) is loaded only by a container that performs such an action.
 */
export type ClientSource<C> = C | (() => Promise<C>);

/** The client of a source, built if need be; undefined when there is none. */
export async function clientOf<C extends object>(source: ClientSource<C> | undefined): Promise<C | undefined> {
  return typeof source === 'function' ? source() : source;
}

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
 * The SDK clients that perform actions, each built on first use, its package loaded only then: a
 * dispatcher signed with a model's role usually needs one or two of the seven, and a container may
 * hold one dispatcher per model. Every client makes one attempt per call (`maxAttempts: 1`): the
 * dispatcher's own retry is the only retry layer, since SDK retries on top would multiply attempts.
 */
export function createActionClients(options: ActionClientOptions = {}): ActionClients {
  const base = clientConfig(options);
  return {
    sns: lazily(async () => new (await import('@aws-sdk/client-sns')).SNSClient(base)),
    sqs: lazily(async () => new (await import('@aws-sdk/client-sqs')).SQSClient({ ...base, ...(options.localSqs ? { useQueueUrlAsEndpoint: false } : {}) })),
    lambda: lazily(async () => new (await import('@aws-sdk/client-lambda')).LambdaClient(base)),
    iotData: lazily(async () => new (await import('@aws-sdk/client-iot-data-plane')).IoTDataPlaneClient({ ...base, ...(options.iotDataEndpoint ? { endpoint: options.iotDataEndpoint } : {}) })),
    firehose: lazily(async () => new (await import('@aws-sdk/client-firehose')).FirehoseClient(base)),
    dynamodb: lazily(async () => new (await import('@aws-sdk/client-dynamodb')).DynamoDBClient(base)),
    iotSiteWise: lazily(async () => new (await import('@aws-sdk/client-iotsitewise')).IoTSiteWiseClient(base)),
  };
}

/** An STS client for AssumeRole, built (and its package loaded) on first use; one attempt per call, as the action clients. */
export function lazyStsClient(options: Omit<ActionClientOptions, 'credentials'> = {}): () => Promise<STSClient> {
  const base = clientConfig(options);
  return lazily(async () => new (await import('@aws-sdk/client-sts')).STSClient(base));
}

function clientConfig(options: ActionClientOptions) {
  return {
    maxAttempts: 1,
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  };
}
