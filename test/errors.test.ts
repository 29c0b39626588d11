import { isThrottlingError } from '../lib/errors';
import { UnprocessedItemsError } from '../lib/adapters/dynamodb/unprocessed';

const named = (name: string) => Object.assign(new Error('refused'), { name });

describe('isThrottlingError', () => {
  it.each(['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded', 'KMSThrottlingException', 'Throttling'])('counts %s as throttling', (name) => {
    expect(isThrottlingError(named(name))).toBe(true);
  });

  it('counts DynamoDB leaving items unprocessed round after round as throttling', () => {
    expect(isThrottlingError(new UnprocessedItemsError('BatchWriteItem'))).toBe(true);
  });

  it.each(['ValidationException', 'ResourceNotFoundException', 'Error', 'InternalServerError'])('does not count %s as throttling', (name) => {
    expect(isThrottlingError(named(name))).toBe(false);
  });
});
