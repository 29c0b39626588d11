import { GetQueueUrlCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AppError } from '../../lib/errors';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_STAGE } from '../stack/local-identity';
import { readStateFile, stateFilePath } from '../stack/state-file';
import type { TailTarget } from './follow';

/** Why `vigil tail` cannot find what to follow. */
export class TailTargetError extends AppError {}

/**
 * Finds the local stack to follow: the ports the environment names (`VIGIL_SQS_PORT`,
 * `VIGIL_DYNAMODB_PORT`) with the stack's resource names; else the state file a running
 * `npm start` writes (its ports and tables); else the default ports. `extraQueues` are drained too.
 *
 * @throws TailTargetError when a queue does not exist (or nothing answers on the SQS port).
 */
export async function resolveTailTarget(root: string, env: NodeJS.ProcessEnv, extraQueues: readonly string[]): Promise<TailTarget> {
  const state = env.VIGIL_SQS_PORT || env.VIGIL_DYNAMODB_PORT ? undefined : readStateFile(stateFilePath(root));
  const sqsEndpoint = state?.endpoints.sqs ?? `http://127.0.0.1:${env.VIGIL_SQS_PORT || 4566}`;
  const dynamodbEndpoint = state?.endpoints.dynamodb ?? `http://127.0.0.1:${env.VIGIL_DYNAMODB_PORT || 8000}`;
  const sqs = new SQSClient({ region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, endpoint: sqsEndpoint, useQueueUrlAsEndpoint: false, maxAttempts: 1 });
  try {
    const queues = [];
    // Nothing answering on the SQS port is found out here, not at the first line that needs it.
    if (!extraQueues.length) await sqs.send(new ListQueuesCommand({ MaxResults: 1 })).catch((error: Error) => {
      throw new TailTargetError(`nothing answers on ${sqsEndpoint} (${error.message}): is the local stack running? Start it with \`npm start\`.`, { cause: error });
    });
    for (const name of [...new Set(extraQueues)]) {
      try {
        const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
        queues.push({ name, url: QueueUrl as string });
      } catch (error) {
        const missing = (error as Error).name === 'QueueDoesNotExist' || (error as Error).name === 'AWS.SimpleQueueService.NonExistentQueue';
        throw new TailTargetError(missing ? `queue ${name} does not exist on ${sqsEndpoint}` : `nothing answers on ${sqsEndpoint} (${(error as Error).message}): is the local stack running? Start it with \`npm start\`.`, { cause: error });
      }
    }
    return {
      sqsEndpoint,
      dynamodbEndpoint,
      queues,
      detectorsTable: state?.provisioned.tables.DetectorsTable ?? `vigil-${LOCAL_STAGE}-detectors`,
      detectors: true,
      actions: true,
      tracesTable: state?.provisioned.tables.TracesTable ?? `vigil-${LOCAL_STAGE}-traces`,
    };
  } finally {
    sqs.destroy();
  }
}
