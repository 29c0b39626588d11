import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RolePassCheck } from '../ports';
import { HTTP_TIMEOUTS } from './http-timeouts';

export type { DynamoDBClient };

/**
 * The SDK clients the wiring builds, so that only adapters import `@aws-sdk/*` (SQS: `sqs-client.ts`,
 * which does not load DynamoDB's package). SQS and IAM are loaded by `import()` when first asked for: esbuild keeps that a deferred `require`,
 * so a function that never sends to a queue never loads the SDK's SQS package (cold start).
 */
export function newDynamoDbClient(): DynamoDBClient {
  return new DynamoDBClient({ requestHandler: HTTP_TIMEOUTS });
}

/** The PassRole check on IAM (CreateDetectorModel with a role), its SDK package loaded now. */
export async function loadRolePassCheck(): Promise<RolePassCheck> {
  const [{ IAMClient }, { IamRolePassCheck }] = await Promise.all([import('@aws-sdk/client-iam'), import('./iam/role-pass-check')]);
  return new IamRolePassCheck(new IAMClient({ requestHandler: HTTP_TIMEOUTS }));
}
