import { CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, ResourceInUseException, UpdateTimeToLiveCommand, type CreateTableCommandInput, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { AppError } from '../lib/errors';
import { CreateTopicCommand, SubscribeCommand, type SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ServerlessConfig } from './serverless-config';

type Resource = { readonly Type: string; readonly Properties?: Record<string, unknown> };

/** A table kept from an earlier run (`npm start -- --persist`) no longer matches serverless.yml. */
export class StaleTableError extends AppError {
  constructor(
    readonly tableName: string,
    readonly difference: string,
  ) {
    super(`table ${tableName} kept from an earlier run differs from serverless.yml (${difference}): delete the kept data (.vigil/dynamodb) or start without --persist`);
  }
}

/** What was created, by CloudFormation logical id. */
export interface Provisioned {
  readonly tables: Record<string, string>;
  readonly queues: Record<string, { readonly name: string; readonly url: string; readonly arn: string }>;
  readonly topics: Record<string, { readonly name: string; readonly arn: string }>;
  /** Queues subscribed to topics (the queue and topic logical ids): where published actions can be read. */
  readonly subscriptions: { readonly topic: string; readonly queue: string; readonly raw: boolean }[];
}

/**
 * Creates the stack's DynamoDB tables, SQS queues, SNS topics and subscriptions on the local
 * emulators, from serverless.yml's `resources`. `rename` maps each physical name (so parallel test
 * suites can each have their own). Settings the emulators do not have (encryption, point-in-time
 * recovery, billing) are skipped; everything that changes behaviour (keys, indexes, streams, TTL,
 * redrive, raw delivery) is kept. It can run again on what exists: a table kept from an earlier run
 * (a database on disk) is reused when its keys, indexes and stream match, and queues, topics and
 * subscriptions are created idempotently by SQS and SNS themselves.
 *
 * @throws StaleTableError when a kept table differs from its definition.
 */
export async function provision(
  config: ServerlessConfig,
  clients: { dynamodb: DynamoDBClient; sqs: SQSClient; sns: SNSClient },
  rename: (name: string) => string = (name) => name,
): Promise<Provisioned> {
  const resources = Object.entries(config.resources?.Resources ?? {}) as [string, Resource][];
  const provisioned: Provisioned = { tables: await provisionTables(config, clients.dynamodb, rename), queues: {}, topics: {}, subscriptions: [] };
  // Dead-letter queues first: a redrive policy names its target's ARN.
  const queues = resources.filter(([, r]) => r.Type === 'AWS::SQS::Queue').sort(([, a], [, b]) => Number(Boolean(a.Properties?.RedrivePolicy)) - Number(Boolean(b.Properties?.RedrivePolicy)));
  for (const [id, resource] of queues) {
    const name = rename(resource.Properties?.QueueName as string);
    const attributes: Record<string, string> = {};
    const properties = resource.Properties ?? {};
    if (properties.VisibilityTimeout !== undefined) attributes.VisibilityTimeout = String(properties.VisibilityTimeout);
    if (properties.MessageRetentionPeriod !== undefined) attributes.MessageRetentionPeriod = String(properties.MessageRetentionPeriod);
    const redrive = properties.RedrivePolicy as { deadLetterTargetArn: unknown; maxReceiveCount: number } | undefined;
    if (redrive) attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: resolveArn(redrive.deadLetterTargetArn, provisioned), maxReceiveCount: redrive.maxReceiveCount });
    const { QueueUrl } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
    const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    provisioned.queues[id] = { name, url: QueueUrl as string, arn: Attributes?.QueueArn as string };
  }
  for (const [id, resource] of resources.filter(([, r]) => r.Type === 'AWS::SNS::Topic')) {
    const name = rename(resource.Properties?.TopicName as string);
    const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: name }));
    provisioned.topics[id] = { name, arn: TopicArn as string };
  }
  for (const [, resource] of resources.filter(([, r]) => r.Type === 'AWS::SNS::Subscription')) {
    const properties = resource.Properties ?? {};
    await clients.sns.send(
      new SubscribeCommand({
        TopicArn: resolveArn(properties.TopicArn, provisioned),
        Protocol: properties.Protocol as string,
        Endpoint: resolveArn(properties.Endpoint, provisioned),
        Attributes: properties.RawMessageDelivery ? { RawMessageDelivery: String(properties.RawMessageDelivery) } : undefined,
      }),
    );
    const topic = logicalIdOf(properties.TopicArn);
    const queue = logicalIdOf(properties.Endpoint);
    if (properties.Protocol === 'sqs' && topic && queue && provisioned.queues[queue]) {
      provisioned.subscriptions.push({ topic, queue, raw: String(properties.RawMessageDelivery) === 'true' });
    }
  }
  return provisioned;
}

/** Creates only the stack's DynamoDB tables (what runs without SNS/SQS, e.g. the timer benchmark). */
export async function provisionTables(config: ServerlessConfig, dynamodb: DynamoDBClient, rename: (name: string) => string = (name) => name): Promise<Record<string, string>> {
  const tables: Record<string, string> = {};
  for (const [id, resource] of Object.entries(config.resources?.Resources ?? {}) as [string, Resource][]) {
    if (resource.Type === 'AWS::DynamoDB::Table') tables[id] = await createTable(dynamodb, resource.Properties ?? {}, rename);
  }
  return tables;
}

async function createTable(client: DynamoDBClient, properties: Record<string, unknown>, rename: (name: string) => string): Promise<string> {
  const name = rename(properties.TableName as string);
  const stream = properties.StreamSpecification as { StreamViewType: string } | undefined;
  const input: CreateTableCommandInput = {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: properties.KeySchema as CreateTableCommandInput['KeySchema'],
    AttributeDefinitions: properties.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'],
    StreamSpecification: stream ? { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_IMAGE' } : undefined,
  };
  try {
    await client.send(new CreateTableCommand(input));
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    const difference = tableDifference(input, Table ?? {});
    if (difference) throw new StaleTableError(name, difference);
  }
  const ttl = properties.TimeToLiveSpecification as { AttributeName: string; Enabled: boolean } | undefined;
  if (ttl?.Enabled) {
    // Enabling TTL twice is an error: a kept table has it already.
    const { TimeToLiveDescription } = await client.send(new DescribeTimeToLiveCommand({ TableName: name }));
    if (TimeToLiveDescription?.TimeToLiveStatus !== 'ENABLED') await client.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: ttl }));
  }
  return name;
}

/** What a kept table lacks of its definition (keys, indexes, stream), or undefined when it matches. */
export function tableDifference(wanted: CreateTableCommandInput, table: TableDescription): string | undefined {
  const keys = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) => (schema ?? []).map((key) => `${key.AttributeName} ${key.KeyType}`).join(', ');
  if (keys(wanted.KeySchema) !== keys(table.KeySchema)) return `key ${keys(table.KeySchema)}, not ${keys(wanted.KeySchema)}`;
  const indexes = (list: { IndexName?: string; KeySchema?: { AttributeName?: string; KeyType?: string }[] }[] | undefined) =>
    (list ?? []).map((index) => `${index.IndexName} (${keys(index.KeySchema)})`).sort().join(', ') || 'none';
  if (indexes(wanted.GlobalSecondaryIndexes) !== indexes(table.GlobalSecondaryIndexes)) return `indexes ${indexes(table.GlobalSecondaryIndexes)}, not ${indexes(wanted.GlobalSecondaryIndexes)}`;
  const stream = (view: string | undefined) => view ?? 'none';
  const kept = table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined;
  if (stream(wanted.StreamSpecification?.StreamViewType) !== stream(kept)) return `stream ${stream(kept)}, not ${stream(wanted.StreamSpecification?.StreamViewType)}`;
  return undefined;
}

/** The logical id a `{Ref: X}` or `{'Fn::GetAtt': [X, …]}` names; undefined for a literal. */
function logicalIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const reference = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] | string };
  return reference.Ref ?? (Array.isArray(reference['Fn::GetAtt']) ? reference['Fn::GetAtt'][0] : reference['Fn::GetAtt']?.split('.')[0]);
}

/** Resolves `{Ref: Topic}` and `{'Fn::GetAtt': [Queue, 'Arn']}` against what was created. */
function resolveArn(value: unknown, provisioned: Provisioned): string {
  if (typeof value === 'string') return value;
  const id = logicalIdOf(value) as string;
  const arn = provisioned.topics[id]?.arn ?? provisioned.queues[id]?.arn;
  if (!arn) throw new Error(`cannot resolve ${JSON.stringify(value)}: no topic or queue ${id} was created`);
  return arn;
}
