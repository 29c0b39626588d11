import { DescribeUserCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { mockClient } from 'aws-sdk-client-mock';
import { IdentityStoreDirectory, LocalRecipientDirectory, RECIPIENT_CACHE_MS } from '../../../lib/adapters/identity/identity-store-directory';
import type { ActionIdentity } from '../../../lib/ports';
import { awsError } from '../../support/faults';

const ROLE: ActionIdentity = { kind: 'role', roleArn: 'arn:aws:iam::123456789012:role/alarm', model: 'tempAlarm' };
const ADA = { identityStoreId: 'd-123', userId: 'u-ada' };

describe('IdentityStoreDirectory', () => {
  const identitystore = mockClient(IdentitystoreClient);
  let now = 0;
  let refused: string[];
  let asked: ActionIdentity[];
  let directory: IdentityStoreDirectory;

  beforeEach(() => {
    identitystore.reset();
    now = 1_000;
    refused = [];
    asked = [];
    const client = new IdentitystoreClient({ region: 'us-east-1' });
    directory = new IdentityStoreDirectory({
      clientFor: async (identity) => (asked.push(identity), client),
      now: () => now,
      onRefused: (identity, error) => refused.push(`${identity.userId}: ${error.name}`),
    });
  });

  it("resolves a user to the primary e-mail address and phone number of DescribeUser, as the alarm model's role", async () => {
    // Arrange
    identitystore.on(DescribeUserCommand, { IdentityStoreId: 'd-123', UserId: 'u-ada' }).resolves({
      IdentityStoreId: 'd-123',
      UserId: 'u-ada',
      Emails: [{ Value: 'old@example.com' }, { Value: 'ada@example.com', Primary: true }],
      PhoneNumbers: [{ Value: '+15550100' }],
    });

    // Act
    const found = await directory.lookup([ADA], ROLE);

    // Assert
    expect(found.get('d-123/u-ada')).toEqual({ email: 'ada@example.com', phoneNumber: '+15550100' });
    expect(asked).toEqual([ROLE]);
  });

  it('resolves a user who does not exist to nothing, and says so', async () => {
    // Arrange
    identitystore.on(DescribeUserCommand).rejects(awsError('ResourceNotFoundException'));

    // Act
    const found = await directory.lookup([ADA], ROLE);

    // Assert
    expect(found.get('d-123/u-ada')).toBeUndefined();
    expect(refused).toEqual(['u-ada: ResourceNotFoundException']);
  });

  it('throws a throttled lookup, so the outbox is delivered again', async () => {
    // Arrange
    identitystore.on(DescribeUserCommand).rejects(awsError('ThrottlingException'));

    // Act & Assert
    await expect(directory.lookup([ADA], ROLE)).rejects.toThrow('ThrottlingException');
  });

  it('looks a user up once per cache period, then again', async () => {
    // Arrange
    identitystore.on(DescribeUserCommand).resolves({ IdentityStoreId: 'd-123', UserId: 'u-ada', Emails: [{ Value: 'ada@example.com' }] });

    // Act
    await directory.lookup([ADA], ROLE);
    now += RECIPIENT_CACHE_MS - 1;
    await directory.lookup([ADA], ROLE);
    now += 2;
    await directory.lookup([ADA], ROLE);

    // Assert
    expect(identitystore).toHaveReceivedCommandTimes(DescribeUserCommand, 2);
  });

  it('leaves out a recipient without a user id without asking', async () => {
    // Act
    const found = await directory.lookup([{ identityStoreId: 'd-123' }], ROLE);

    // Assert
    expect(found.get('d-123/')).toBeUndefined();
    expect(identitystore).toHaveReceivedCommandTimes(DescribeUserCommand, 0);
  });
});

describe('LocalRecipientDirectory', () => {
  it('takes an e-mail address or E.164 number user id as it is, and gives any other user an undeliverable address naming it', async () => {
    // Act
    const found = await new LocalRecipientDirectory().lookup([
      { identityStoreId: 'd-1', userId: 'ada@example.com' },
      { identityStoreId: 'd-1', userId: '+15550100' },
      { identityStoreId: 'd-1', userId: 'operator-1' },
    ]);

    // Assert
    expect([...found.values()]).toEqual([{ email: 'ada@example.com' }, { phoneNumber: '+15550100' }, { email: 'operator-1@d-1.invalid' }]);
  });
});
