import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { fromItem, type Item } from '../../lib/adapters/dynamodb/detector-item';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../stack/local-identity';
import { startPolling } from '../stack/polling-loop';
import { StreamPoller } from '../stream-poller';
import { clock, formatDetectorChange, formatQueueMessage, type DetectorView } from './format';

/** What to follow, on which emulators. */
export interface TailTarget {
  readonly sqsEndpoint: string;
  readonly dynamodbEndpoint: string;
  /** Queues to drain and print (those subscribed to the alert topics). */
  readonly queues: readonly { readonly name: string; readonly url: string }[];
  /** The detectors table, whose stream shows every state change; undefined to skip. */
  readonly detectorsTable: string | undefined;
}

/** A running tail. */
export interface RunningTail {
  /** Resolves once the stream position is taken: writes after this are printed. */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Follows the local stack: every message arriving on the watched queues (the actions the
 * detectors publish), deleted once printed, and every detector write from the detectors table's
 * stream, from now on. Prints one line per event.
 */
export function startTail(target: TailTarget, print: (line: string) => void, onError: (error: Error) => void): RunningTail {
  const common = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...common, endpoint: target.sqsEndpoint, useQueueUrlAsEndpoint: false });
  const dynamodb = new DynamoDBClient({ ...common, endpoint: target.dynamodbEndpoint });
  const streams = new DynamoDBStreamsClient({ ...common, endpoint: target.dynamodbEndpoint });
  const controller = new AbortController();
  const loops = target.queues.map((queue) =>
    startPolling(
      async () => {
        const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }), { abortSignal: controller.signal });
        for (const message of Messages) {
          print(`${clock(Date.now())} ${formatQueueMessage(message.Body ?? '', queue.name)}`);
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle }));
        }
      },
      0,
      (error) => controller.signal.aborted || onError(error),
    ),
  );
  let ready = Promise.resolve();
  if (target.detectorsTable) {
    const seen = new Map<string, DetectorView>();
    const poller = new StreamPoller(
      { dynamodb, streams },
      target.detectorsTable,
      async (event) => {
        for (const record of event.Records) {
          const key = record.dynamodb?.Keys?.pk?.S ?? '';
          if (record.eventName === 'REMOVE') {
            seen.delete(key);
            print(`${clock(Date.now())} detector  ${key.replace('|', '/')}  deleted`);
            continue;
          }
          const { snapshot } = fromItem(record.dynamodb?.NewImage as unknown as Item);
          const { line, view } = formatDetectorChange(snapshot, seen.get(key), record.eventName === 'INSERT');
          seen.set(key, view);
          if (line !== undefined) print(`${clock(snapshot.lastUpdateTime)} ${line}`);
        }
      },
      100,
      onError,
      'LATEST',
    );
    let first: () => void = () => undefined;
    ready = new Promise<void>((resolve) => (first = resolve));
    loops.push(
      startPolling(
        async () => {
          try {
            await poller.pollOnce();
          } finally {
            first();
          }
        },
        500,
        onError,
      ),
    );
  }
  return {
    ready,
    async stop() {
      controller.abort();
      await Promise.all(loops.map((loop) => loop.stop()));
      for (const client of [sqs, dynamodb, streams]) client.destroy();
    },
  };
}
