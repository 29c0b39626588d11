import { DescribeStackResourceCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

/** Reads the physical id CloudFormation currently records for a stack's logical resource. */
export type PhysicalIdLookup = (stackId: string, logicalResourceId: string) => Promise<string | undefined>;

/**
 * A {@link PhysicalIdLookup} backed by `DescribeStackResource` (needs
 * `cloudformation:DescribeStackResource` on the stack). A custom resource whose physical id
 * changes on Update is *replaced*: CloudFormation later sends a Delete for the old id during
 * cleanup. Comparing that id with the current one tells a real Delete from a cleanup.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DescribeStackResource.html
 */
export function createPhysicalIdLookup(cloudFormation: CloudFormationClient): PhysicalIdLookup {
  return async (stackId, logicalResourceId) => {
    const output = await cloudFormation.send(new DescribeStackResourceCommand({ StackName: stackId, LogicalResourceId: logicalResourceId }));
    return output.StackResourceDetail?.PhysicalResourceId;
  };
}
