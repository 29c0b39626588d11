import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One request as the fault rule sees it: the operation and its input. */
export interface DynamoRequest {
  readonly operation: string;
  readonly input: Record<string, unknown>;
}

/** Decides, per request, whether it fails and how (an Error), or goes through (undefined). */
export type FaultRule = (request: DynamoRequest) => Error | undefined;

/** DynamoDB's own throttling error, as the SDK raises it once its retries are spent. */
export function throttled(): Error {
  return Object.assign(new Error('Throughput exceeds the current capacity of your table or index (injected)'), { name: 'ProvisionedThroughputExceededException', $retryable: { throttling: true } });
}

/** A connection that cannot be made: DynamoDB unreachable. */
export function unreachable(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000 (injected)'), { name: 'Error', code: 'ECONNREFUSED' });
}

/**
 * A real DynamoDB client (DynamoDB Local) whose requests first ask `rule`: a request it fails never
 * reaches the table, as when DynamoDB throttles or is unreachable. Faults are injected before the
 * SDK's retries, so the runtime sees them as it would after those retries gave up.
 */
export function faultyDynamoDb(rule: FaultRule): DynamoDBClient {
  const client = new DynamoDBClient({});
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const error = rule({ operation: (context.commandName as string).replace(/Command$/, ''), input: args.input as Record<string, unknown> });
      if (error) throw error;
      return next(args);
    },
    { step: 'initialize', name: 'injectFaults' },
  );
  return client;
}

/** Seeded randomness for injected faults, so they repeat run to run. */
export { seededRandom } from '../../local/devices/random';
