import { GetQueueUrlCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { AppError } from '../../lib/errors';
import { findLocalStack, NoLocalStackError, type StackLocation } from '../stack/find-local-stack';
import { LOCAL_CREDENTIALS, LOCAL_REGION, LOCAL_STAGE } from '../stack/local-identity';
import type { TailTarget } from './follow';

/** Why `vigil tail` cannot find what to follow. */
export class TailTargetError extends AppError {}

/** What to follow, and the stack it was found on. */
export interface ResolvedTail {
  readonly target: TailTarget;
  readonly location: StackLocation;
}

/**
 * Finds the local stack to follow ({@link findLocalStack}: the running `npm start`'s state file,
 * else `VIGIL_SQS_PORT` / `VIGIL_DYNAMODB_PORT`) and what to follow on it: its detectors table's
 * stream (detector changes, and the actions each write committed) and its traces table's (failed
 * actions). `extraQueues` are drained too: only those are consumed.
 *
 * @throws TailTargetError when no stack is found, a queue does not exist, or nothing answers on the SQS port.
 */
export async function resolveTailTarget(env: NodeJS.ProcessEnv, extraQueues: readonly string[]): Promise<ResolvedTail> {
  let location: StackLocation;
  try {
    location = findLocalStack(['sqs', 'dynamodb'], {}, env);
  } catch (error) {
    if (error instanceof NoLocalStackError) throw new TailTargetError(error.message, { cause: error });
    throw error;
  }
  const { state } = location;
  const sqsEndpoint = location.endpoints.sqs as string;
  const dynamodbEndpoint = location.endpoints.dynamodb as string;
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
      location,
      target: {
        sqsEndpoint,
        dynamodbEndpoint,
        queues,
        detectorsTable: state?.provisioned.tables.DetectorsTable ?? `vigil-${LOCAL_STAGE}-detectors`,
        detectors: true,
        actions: true,
        tracesTable: state?.provisioned.tables.TracesTable ?? `vigil-${LOCAL_STAGE}-traces`,
      },
    };
  } finally {
    sqs.destroy();
  }
}
