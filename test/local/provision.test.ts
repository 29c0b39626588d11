import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { tableDifference } from '../../local/provision';

const WANTED: CreateTableCommandInput = {
  TableName: 'vigil-local-detectors',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  GlobalSecondaryIndexes: [{ IndexName: 'byModel', KeySchema: [{ AttributeName: 'model', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
};
const KEPT = {
  TableName: 'vigil-local-detectors',
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }],
  GlobalSecondaryIndexes: [{ IndexName: 'byModel', KeySchema: [{ AttributeName: 'model', KeyType: 'HASH' as const }] }],
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' as const },
};

describe('tableDifference: whether a table kept from an earlier run can be reused', () => {
  it('finds none when keys, indexes and stream match', () => {
    // Arrange, Act
    const difference = tableDifference(WANTED, KEPT);
    // Assert
    expect(difference).toBeUndefined();
  });

  it('names a changed key, a missing index and a missing stream', () => {
    // Arrange
    const otherKey = { ...KEPT, KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }] };
    const noIndex = { ...KEPT, GlobalSecondaryIndexes: undefined };
    const noStream = { ...KEPT, StreamSpecification: undefined };
    // Act
    const differences = [otherKey, noIndex, noStream].map((table) => tableDifference(WANTED, table));
    // Assert
    expect(differences).toEqual([
      'key id HASH, not pk HASH',
      'indexes none, not byModel (model HASH)',
      'stream none, not NEW_IMAGE',
    ]);
  });
});
