import { DynamoDBClient, GetItemCommand, TransactWriteItemsCommand, TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoModelRepository } from '../../../lib/adapters/dynamodb/model-repository';
import { API_ORIGIN, ModelConflictError } from '../../../lib/ports';
import { COUNT_INPUT, T0, counterRequest } from '../../support/runtime-fixtures';

const TABLE = 'vigil-test-models';
const CATALOG = { pk: { S: 'catalog' }, sk: { S: 'catalog' } };
const dynamodb = mockClient(DynamoDBClient);

function cancelled(...codes: string[]): TransactionCanceledException {
  const reasons: CancellationReason[] = codes.map((Code) => ({ Code, Message: Code === 'None' ? undefined : `${Code} (injected)` }));
  return new TransactionCanceledException({ message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`, $metadata: {}, CancellationReasons: reasons });
}

function transactions() {
  return dynamodb.commandCalls(TransactWriteItemsCommand).map((call) => call.args[0].input.TransactItems);
}

describe('DynamoModelRepository writes', () => {
  const repository = new DynamoModelRepository(new DynamoDBClient({ region: 'us-east-1' }), TABLE);

  beforeEach(() => {
    dynamodb.reset();
    dynamodb.on(TransactWriteItemsCommand).resolves({});
  });

  it('reads what exists from the one catalog item, strongly consistent, alarm models apart from detector models', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).resolves({ Item: { ...CATALOG, revision: { N: '12' }, m_counter: { N: '3' }, m_timer: { N: '1' }, a_counter: { N: '2' }, i_Count: { N: String(T0) } } });

    // Act
    const index = await repository.index();

    // Assert
    expect(dynamodb).toHaveReceivedCommandWith(GetItemCommand, { TableName: TABLE, Key: CATALOG, ConsistentRead: true });
    expect(index).toEqual({ revision: '12', models: new Map([['counter', '3'], ['timer', '1']]), alarmModels: new Map([['counter', '2']]), inputs: new Set(['Count']) });
  });

  it('reads an empty catalog as revision 0', async () => {
    // Arrange
    dynamodb.on(GetItemCommand).resolves({});

    // Act & Assert
    await expect(repository.index()).resolves.toEqual({ revision: '0', models: new Map(), alarmModels: new Map(), inputs: new Set() });
  });

  it('creates version 1 of a model, its latest pointer and its catalog entry in one transaction, with its origin on both items', async () => {
    // Act
    const record = await repository.putModel(counterRequest(), undefined, T0, { kind: 'file', digest: 'c0ffee' });

    // Assert
    const body = { S: JSON.stringify(counterRequest()) };
    const origin = { M: { kind: { S: 'file' }, digest: { S: 'c0ffee' } } };
    expect(transactions()).toEqual([
      [
        {
          Update: {
            TableName: TABLE,
            Key: { pk: { S: 'model#counter' }, sk: { S: 'latest' } },
            UpdateExpression: 'SET #version = :version, #request = :request, #origin = :origin, #updated = :now, #created = if_not_exists(#created, :now)',
            ConditionExpression: 'attribute_not_exists(#pk)',
            ExpressionAttributeNames: { '#version': 'version', '#request': 'request', '#origin': 'origin', '#updated': 'updated', '#created': 'created', '#pk': 'pk' },
            ExpressionAttributeValues: { ':version': { N: '1' }, ':request': body, ':origin': origin, ':now': { N: String(T0) } },
          },
        },
        { Put: { TableName: TABLE, Item: { pk: { S: 'model#counter' }, sk: { S: 'v#0000000001' }, version: { N: '1' }, request: body, origin, created: { N: String(T0) }, updated: { N: String(T0) } } } },
        {
          Update: {
            TableName: TABLE,
            Key: CATALOG,
            UpdateExpression: 'SET #entry = :value ADD #revision :one',
            ExpressionAttributeNames: { '#entry': 'm_counter', '#revision': 'revision' },
            ExpressionAttributeValues: { ':one': { N: '1' }, ':value': { N: '1' } },
          },
        },
      ],
    ]);
    expect(record).toEqual({ name: 'counter', version: '1', request: counterRequest(), creationTime: T0, lastUpdateTime: T0, origin: { kind: 'file', digest: 'c0ffee' } });
  });

  it('stores the next version only if the latest is still the one read', async () => {
    // Act
    const record = await repository.putModel(counterRequest(), 2, T0, API_ORIGIN);

    // Assert
    const [latest, version] = transactions()[0] ?? [];
    expect(latest.Update).toMatchObject({ ConditionExpression: '#version = :previous', ExpressionAttributeValues: { ':version': { N: '3' }, ':previous': { N: '2' } } });
    expect(latest.Update?.ExpressionAttributeNames).not.toHaveProperty('#pk');
    expect(version.Put?.Item?.sk).toEqual({ S: 'v#0000000003' });
    expect(version.Put?.Item?.origin).toEqual({ M: { kind: { S: 'api' } } });
    expect(record.version).toBe('3');
  });

  it('reports a failed condition on the model as ModelConflictError, keeping the cause', async () => {
    // Arrange
    const failure = cancelled('ConditionalCheckFailed', 'None', 'None');
    dynamodb.on(TransactWriteItemsCommand).rejects(failure);

    // Act
    const error = await repository.putModel(counterRequest(), undefined, T0, API_ORIGIN).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(ModelConflictError);
    expect(error).toMatchObject({ resource: 'counter', cause: failure });
  });

  it('tries again when the catalog item was busy with another transaction, instead of failing the write', async () => {
    // Arrange: two writes of different models contend for the catalog item.
    dynamodb.on(TransactWriteItemsCommand).rejectsOnce(cancelled('None', 'None', 'TransactionConflict')).resolves({});

    // Act
    const record = await repository.putModel(counterRequest(), undefined, T0, API_ORIGIN);

    // Assert
    expect(record.version).toBe('1');
    expect(transactions()).toHaveLength(2);
    expect(transactions()[1]).toEqual(transactions()[0]);
  });

  it('passes other failures on at once', async () => {
    // Arrange
    dynamodb.on(TransactWriteItemsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));

    // Act & Assert
    await expect(repository.putModel(counterRequest(), undefined, T0, API_ORIGIN)).rejects.toThrow('denied');
    expect(transactions()).toHaveLength(1);
  });

  it('creates an input only if it does not exist and replaces one only if it does', async () => {
    // Arrange
    const stored = { pk: { S: 'input#Count' }, sk: { S: 'input' }, request: { S: JSON.stringify(COUNT_INPUT) }, created: { N: String(T0) }, updated: { N: String(T0) }, origin: { M: { kind: { S: 'file' }, digest: { S: 'd1' } } }, fileDigest: { S: 'd1' } };
    dynamodb.on(GetItemCommand).resolves({ Item: stored });

    // Act
    const created = await repository.putInput(COUNT_INPUT, true, T0, { kind: 'file', digest: 'd1' });
    await repository.putInput(COUNT_INPUT, false, T0, API_ORIGIN);

    // Assert
    const [create, replace] = transactions();
    expect(create?.[0].Update).toMatchObject({ Key: { pk: { S: 'input#Count' }, sk: { S: 'input' } }, ConditionExpression: 'attribute_not_exists(#pk)' });
    expect(create?.[0].Update?.UpdateExpression).toContain('#fileDigest = :digest');
    expect(replace?.[0].Update).toMatchObject({ ConditionExpression: 'attribute_exists(#pk)', ExpressionAttributeValues: { ':origin': { M: { kind: { S: 'api' } } } } });
    // An API write leaves the digest of the file last loaded where it is.
    expect(replace?.[0].Update?.UpdateExpression).not.toContain('fileDigest');
    expect(create?.[1].Update).toMatchObject({ Key: CATALOG, ExpressionAttributeNames: { '#entry': 'i_Count', '#revision': 'revision' } });
    expect(created).toEqual({ name: 'Count', request: COUNT_INPUT, creationTime: T0, lastUpdateTime: T0, origin: { kind: 'file', digest: 'd1' }, fileDigest: 'd1' });
  });

  it('reports an input that already exists as ModelConflictError', async () => {
    // Arrange
    dynamodb.on(TransactWriteItemsCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));

    // Act & Assert
    await expect(repository.putInput(COUNT_INPUT, true, T0, API_ORIGIN)).rejects.toThrow(ModelConflictError);
  });

  it('deletes an input and its catalog entry together, and says whether it existed', async () => {
    // Arrange
    const stored = { pk: { S: 'input#Count' }, sk: { S: 'input' }, request: { S: JSON.stringify(COUNT_INPUT) }, created: { N: '1' }, updated: { N: '1' } };
    dynamodb.on(GetItemCommand).resolvesOnce({ Item: stored }).resolvesOnce({});

    // Act
    const results = [await repository.deleteInput('Count'), await repository.deleteInput('Count')];

    // Assert
    expect(results).toEqual([true, false]);
    expect(transactions()).toEqual([
      [
        { Delete: { TableName: TABLE, Key: { pk: { S: 'input#Count' }, sk: { S: 'input' } } } },
        { Update: { TableName: TABLE, Key: CATALOG, UpdateExpression: 'REMOVE #entry ADD #revision :one', ExpressionAttributeNames: { '#entry': 'i_Count', '#revision': 'revision' }, ExpressionAttributeValues: { ':one': { N: '1' } } } },
      ],
    ]);
  });
});
