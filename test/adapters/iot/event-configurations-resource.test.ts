import { CloudFormationClient, DescribeStackResourceCommand } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { InvalidFamiliesError, keysFromPhysicalId, physicalIdFor, requestedFamilies } from '../../../lib/adapters/iot/event-configurations-resource';
import { createPhysicalIdLookup } from '../../../lib/adapters/iot/stack-resource';

describe('custom resource state in the physical id', () => {
  it('round-trips the owned families, and reads nothing from an id that is not ours', () => {
    expect(physicalIdFor(['THING', 'JOB'])).toBe('vigil-event-configurations:THING,JOB');
    expect(keysFromPhysicalId('vigil-event-configurations:THING,JOB')).toEqual(['THING', 'JOB']);
    expect(keysFromPhysicalId(physicalIdFor([]))).toEqual([]);
    expect(keysFromPhysicalId('2026/11/21/[$LATEST]abc')).toEqual([]);
    expect(keysFromPhysicalId(undefined)).toEqual([]);
  });
});

describe('requestedFamilies', () => {
  it.each([
    [{ Families: ['THING', ' JOB '] }, ['THING', 'JOB']],
    [{ Families: 'THING, JOB,' }, ['THING', 'JOB']],
    [{ Families: '' }, []],
    [{ ServiceToken: 'arn' }, []],
    [undefined, []],
  ])('reads %p', (properties, families) => {
    expect(requestedFamilies(properties)).toEqual(families);
  });

  it.each([[{ Families: 7 }], [{ Families: ['THING', 1] }], [{ Families: { THING: true } }]])('refuses %p', (properties) => {
    expect(() => requestedFamilies(properties)).toThrow(InvalidFamiliesError);
  });
});

describe('createPhysicalIdLookup', () => {
  it('reads the physical id CloudFormation records for the logical resource', async () => {
    // Arrange
    const cfn = mockClient(CloudFormationClient);
    cfn.on(DescribeStackResourceCommand, { StackName: 'arn:stack', LogicalResourceId: 'Events' })
      .resolves({
        StackResourceDetail: {
          LogicalResourceId: 'Events', PhysicalResourceId: 'vigil-event-configurations:THING', ResourceType: 'Custom::VigilEventConfigurations',
          LastUpdatedTimestamp: new Date(0), ResourceStatus: 'UPDATE_COMPLETE',
        },
      });
    // Act
    const id = await createPhysicalIdLookup(new CloudFormationClient({ region: 'eu-west-1' }))('arn:stack', 'Events');
    // Assert
    expect(id).toBe('vigil-event-configurations:THING');
    cfn.restore();
  });
});
