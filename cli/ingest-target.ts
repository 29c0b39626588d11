import type { IngestTarget } from '../lib/migration';
import { UsageError } from './io';

/** The options that say where Vigil's ingestion is (a deployed stack, or its three values). */
export const INGEST_TARGET_OPTIONS = {
  stage: { type: 'string' },
  stack: { type: 'string' },
  'queue-url': { type: 'string' },
  'error-queue-url': { type: 'string' },
  'role-arn': { type: 'string' },
  region: { type: 'string' },
} as const;

/** Their help lines. */
export const INGEST_TARGET_HELP = `where Vigil's ingestion is (one of):
  --stage <stage>              the deployed stack vigil-<stage>: its outputs IngestQueueUrl,
                               IngestErrorQueueUrl and IotRuleRoleArn (CloudFormation DescribeStacks)
  --stack <name>               the same outputs, of a stack of another name
  --queue-url <url> --error-queue-url <url> --role-arn <arn>
                               the three values themselves
  --region <region>            the stack's region (default $AWS_REGION)`;

/** The stack outputs that say where Vigil's ingestion is (serverless.yml, Outputs). */
const OUTPUTS = { queueUrl: 'IngestQueueUrl', errorQueueUrl: 'IngestErrorQueueUrl', roleArn: 'IotRuleRoleArn' } as const;

type Values = { stage?: string; stack?: string; 'queue-url'?: string; 'error-queue-url'?: string; 'role-arn'?: string; region?: string };

/**
 * Where Vigil's ingestion is: the three values given, or the outputs of the deployed stack
 * (`--stage`/`--stack`, read with CloudFormation DescribeStacks). A missing value is a usage error
 * naming what to give.
 */
export async function ingestTarget(values: Values, env: NodeJS.ProcessEnv = process.env): Promise<IngestTarget> {
  const given = [values['queue-url'], values['error-queue-url'], values['role-arn']];
  const stack = values.stack ?? (values.stage === undefined ? undefined : `vigil-${values.stage}`);
  if (given.every((value) => value !== undefined)) {
    if (stack !== undefined) throw new UsageError('give either --stage/--stack or --queue-url, --error-queue-url and --role-arn, not both');
    return { queueUrl: given[0] as string, errorQueueUrl: given[1] as string, roleArn: given[2] as string };
  }
  if (stack === undefined) throw new UsageError(`say where Vigil's ingestion is: --stage <stage>, --stack <name>, or --queue-url, --error-queue-url and --role-arn`);
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) throw new UsageError('--region is needed to read the stack outputs');
  const { CloudFormationClient, DescribeStacksCommand } = await import('@aws-sdk/client-cloudformation');
  const client = new CloudFormationClient({ region });
  try {
    const { Stacks = [] } = await client.send(new DescribeStacksCommand({ StackName: stack }));
    const outputs = new Map((Stacks[0]?.Outputs ?? []).map((output) => [output.OutputKey, output.OutputValue]));
    const missing = Object.values(OUTPUTS).filter((key) => !outputs.get(key));
    if (missing.length) throw new UsageError(`stack ${stack} has no output ${missing.join(', ')}: deploy this version of Vigil first, or give --queue-url, --error-queue-url and --role-arn`);
    return { queueUrl: outputs.get(OUTPUTS.queueUrl) as string, errorQueueUrl: outputs.get(OUTPUTS.errorQueueUrl) as string, roleArn: outputs.get(OUTPUTS.roleArn) as string };
  } finally {
    client.destroy();
  }
}
