import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/stack/local-identity';
import { findLocalStack, NoLocalStackError } from '../local/stack/find-local-stack';
import type { SourceQueues } from '../lib/runtime/ingest-source';

/** The queues `vigil redrive` reads and writes, and how it republishes. */
export interface RedriveTarget {
  readonly sqs: SQSClient;
  readonly deadLetterQueue: string;
  readonly internalQueue: string;
  /** The ingest queues by source (names or URLs), to read a raw dead letter as its source did. */
  readonly sources: SourceQueues;
  /** Publishes a payload to an MQTT topic (undefined: no IoT endpoint known). */
  readonly publish?: (topic: string, payload: Buffer) => Promise<void>;
  /** The local stack found (`local stack at … (pid …)`); undefined for a `--stage` deployment. */
  readonly found?: string;
  close(): void;
}

/**
 * Finds the deployment to redrive: `stage` names a deployed stack (its queues are
 * `vigil-<stage>-…`, reached with the default AWS credentials); without it, the running local
 * stack found by its state file ({@link findLocalStack}), whose MQTT broker republishes.
 */
export async function redriveTarget(options: { stage?: string; region?: string; endpoint?: string; iotEndpoint?: string }, env: NodeJS.ProcessEnv): Promise<RedriveTarget | { error: string }> {
  if (!options.stage) {
    let location;
    try {
      location = findLocalStack(['sqs', 'mqtt'], {}, env);
    } catch (error) {
      if (error instanceof NoLocalStackError) return { error: `${error.message}; or name a deployment with --stage` };
      throw error;
    }
    const { state } = location;
    // The queue URLs and the dead letters' sources are the stack's own: only its state file says them.
    if (!state) return { error: `redrive needs the running stack's state file (${location.via} names only ports): run it with \`npm start\`, or name a deployment with --stage` };
    const { queues } = state.provisioned;
    const sqs = new SQSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: options.endpoint ?? state.endpoints.sqs, useQueueUrlAsEndpoint: false });
    return {
      sqs,
      deadLetterQueue: queues.IngestDeadLetterQueue.url,
      internalQueue: queues.InternalQueue.url,
      sources: { telemetry: queues.IngestQueue.url, lifecycle: queues.LifecycleQueue.url, internal: queues.InternalQueue.url },
      publish: (topic, payload) => publishMqtt(state.endpoints.mqtt, topic, payload),
      found: location.description,
      close: () => sqs.destroy(),
    };
  }
  const region = options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  // An emulator's queue URLs name hosts that may not resolve: send to the configured endpoint.
  const emulated = options.endpoint ?? env.AWS_ENDPOINT_URL_SQS ?? env.AWS_ENDPOINT_URL;
  const sqs = new SQSClient({ ...(region ? { region } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...(emulated ? { useQueueUrlAsEndpoint: false } : {}) });
  const name = (suffix: string) => `vigil-${options.stage}-${suffix}`;
  try {
    const url = async (suffix: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName: name(suffix) }))).QueueUrl as string;
    const [deadLetterQueue, internalQueue] = await Promise.all([url('ingest-dlq'), url('internal')]);
    const publish = options.iotEndpoint ? await iotPublisher(options.iotEndpoint, region) : undefined;
    return {
      sqs,
      deadLetterQueue,
      internalQueue,
      sources: { telemetry: name('ingest'), lifecycle: name('lifecycle'), internal: name('internal') },
      ...(publish ? { publish: publish.send } : {}),
      close: () => {
        sqs.destroy();
        publish?.close();
      },
    };
  } catch (error) {
    sqs.destroy();
    return { error: `cannot reach the queues of stage ${options.stage}: ${(error as Error).message}` };
  }
}

async function publishMqtt(endpoint: string, topic: string, payload: Buffer): Promise<void> {
  const { connectAsync } = await import('mqtt');
  const client = await connectAsync(endpoint, { clientId: `vigil-redrive-${process.pid}`, reconnectPeriod: 0 });
  try {
    await client.publishAsync(topic, payload, { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

async function iotPublisher(endpoint: string, region: string | undefined): Promise<{ send: (topic: string, payload: Buffer) => Promise<void>; close: () => void }> {
  const { IoTDataPlaneClient, PublishCommand } = await import('@aws-sdk/client-iot-data-plane');
  const client = new IoTDataPlaneClient({ endpoint: /^https?:\/\//.test(endpoint) ? endpoint : `https://${endpoint}`, ...(region ? { region } : {}) });
  return {
    send: async (topic, payload) => void (await client.send(new PublishCommand({ topic, payload, qos: 1 }))),
    close: () => client.destroy(),
  };
}
