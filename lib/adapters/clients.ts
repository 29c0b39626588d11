import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { RolePassCheck } from '../ports';
import { HTTP_TIMEOUTS } from './http-timeouts';

export type { DynamoDBClient, SQSClient };

/**
 * The SDK clients the wiring builds, in one place so that only adapters import `@aws-sdk/*`. SQS
 * and IAM are loaded by `import()` when first asked for: esbuild keeps that a deferred `require`,
 * so a function that never sends to a queue never loads the SDK's SQS package (cold start).
 */
export function newDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({ requestHandler: HTTP_TIMEOUTS });
}

/** An SQS client with Vigil's timeouts. Locally (fauxqs), queue URLs name a host that does not resolve: send to the configured endpoint instead. */
export async function loadSqsClient(localSqs: boolean): Promise<SQSClient> {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient({ requestHandler: HTTP_TIMEOUTS, ...(localSqs ? { useQueueUrlAsEndpoint: false } : {}) });
}

/** The PassRole check on IAM (CreateDetectorModel with a role), its SDK package loaded now. */
export async function loadRolePassCheck(): Promise<RolePassCheck> {
  const [{ IAMClient }, { IamRolePassCheck }] = await Promise.all([import('@aws-sdk/client-iam'), import('./iam/role-pass-check')]);
  return new IamRolePassCheck(new IAMClient({ requestHandler: HTTP_TIMEOUTS }));
}
