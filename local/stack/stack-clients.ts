import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { StackClients } from './function-wiring';
import { LOCAL_REGION, type LocalCredentials } from './local-identity';
import type { LocalStackPorts } from './ports';

/** The stack's own SDK clients (provisioning, stream and queue pollers, rule actions), signed with the local key pair. */
export function createClients(ports: LocalStackPorts, credentials: LocalCredentials): StackClients {
  const dynamodbEndpoint = `http://127.0.0.1:${ports.dynamodb}`;
  const sqsEndpoint = `http://127.0.0.1:${ports.sqs}`;
  const common = { region: LOCAL_REGION, credentials };
  return {
    dynamodb: new DynamoDBClient({ ...common, endpoint: dynamodbEndpoint }),
    streams: new DynamoDBStreamsClient({ ...common, endpoint: dynamodbEndpoint }),
    // fauxqs queue URLs name sqs.<region>.localhost, which need not resolve: send to the endpoint.
    sqs: new SQSClient({ ...common, endpoint: sqsEndpoint, useQueueUrlAsEndpoint: false }),
    sns: new SNSClient({ ...common, endpoint: sqsEndpoint }),
  };
}
