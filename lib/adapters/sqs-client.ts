import type { SQSClient } from '@aws-sdk/client-sqs';
import { HTTP_TIMEOUTS } from './http-timeouts';

export type { SQSClient };

/** An SQS client with Vigil's timeouts. Locally (fauxqs), queue URLs name a host that does not resolve: send to the configured endpoint instead. */
export async function loadSqsClient(localSqs: boolean): Promise<SQSClient> {
  const { SQSClient } = await import('@aws-sdk/client-sqs');
  return new SQSClient({ requestHandler: HTTP_TIMEOUTS, ...(localSqs ? { useQueueUrlAsEndpoint: false } : {}) });
}
