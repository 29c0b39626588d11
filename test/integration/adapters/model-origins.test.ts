import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoModelRepository } from '../../../lib/adapters/dynamodb/model-repository';
import { builtInInputs } from '../../../lib/lifecycle';
import type { CreateDetectorModelRequest } from '../../../lib/model';
import { API_ORIGIN } from '../../../lib/ports';
import { bodyDigest } from '../../../lib/runtime/apply-model-file';
import { seedModels } from '../../../lib/runtime/seed-models';
import { COUNT_INPUT, counterRequest } from '../../support/runtime-fixtures';
import { createTestStack, type TestStack } from '../stack';

/** The counter model with another description: a different version of the same model. */
function counter(description: string): CreateDetectorModelRequest {
  return { ...counterRequest(), detectorModelDescription: description };
}

describe('model versions and their origins on DynamoDB Local', () => {
  let stack: TestStack;
  let repository: DynamoModelRepository;

  beforeAll(async () => {
    stack = await createTestStack();
    repository = new DynamoModelRepository(stack.clients.dynamodb, stack.provisioned.tables.ModelsTable);
  }, 60_000);

  it('reads back each version’s origin, on the latest item and on every version', async () => {
    // Arrange
    const now = Date.now();
    const fileOrigin = { kind: 'file', digest: bodyDigest(counter('from the file')) } as const;

    // Act
    await repository.putModel({ ...counter('from the file'), detectorModelName: 'origins' }, undefined, now, fileOrigin);
    await repository.putModel({ ...counter('deployed'), detectorModelName: 'origins' }, 1, now + 1, API_ORIGIN);

    // Assert
    expect((await repository.getModel('origins'))?.origin).toEqual({ kind: 'api' });
    expect((await repository.getModel('origins', '1'))?.origin).toEqual(fileOrigin);
    expect((await repository.listVersions('origins', 10)).items.map((version) => [version.version, version.origin.kind])).toEqual([
      ['2', 'api'],
      ['1', 'file'],
    ]);
    expect((await repository.listModels(100)).items.find((model) => model.name === 'origins')?.origin).toEqual({ kind: 'api' });
  });

  it('reads an item stored before origins were recorded as of unknown origin', async () => {
    // Arrange: a version item as the previous release wrote it.
    const now = Date.now();
    await stack.clients.dynamodb.send(
      new PutItemCommand({
        TableName: stack.provisioned.tables.ModelsTable,
        Item: { pk: { S: 'model#legacy' }, sk: { S: 'latest' }, version: { N: '1' }, request: { S: JSON.stringify({ ...counterRequest(), detectorModelName: 'legacy' }) }, created: { N: String(now) }, updated: { N: String(now) } },
      }),
    );

    // Act
    const latest = await repository.getModel('legacy');

    // Assert
    expect(latest).toMatchObject({ version: '1', origin: { kind: 'unknown' } });
  });

  it('keeps the digest of the file last loaded into an input across an API update', async () => {
    // Arrange
    const input = { ...COUNT_INPUT, inputName: 'OriginsInput' };
    const digest = bodyDigest(input);

    // Act
    await repository.putInput(input, true, Date.now(), { kind: 'file', digest });
    const updated = await repository.putInput({ ...input, inputDescription: 'through the API' }, false, Date.now(), API_ORIGIN);

    // Assert
    expect(updated).toMatchObject({ origin: { kind: 'api' }, fileDigest: digest, request: { inputDescription: 'through the API' } });
    expect((await repository.listInputs(100)).items.find((item) => item.name === 'OriginsInput')).toMatchObject({ origin: { kind: 'api' }, fileDigest: digest });
  });

  it('keeps a version deployed through the API over an untouched file, and lets an edited file replace it', async () => {
    // Arrange
    const files = (description: string) => ({ inputs: [COUNT_INPUT], models: [counter(description)], sources: { models: { counter: 'models/counter.json' }, inputs: {} } });
    const options = { now: Date.now(), minTimerSeconds: 60 };
    await seedModels(repository, files('from the file'), builtInInputs(), options);
    await repository.putModel(counter('deployed'), 1, options.now, API_ORIGIN);

    // Act
    const untouched = await seedModels(repository, files('from the file'), builtInInputs(), options);
    const edited = await seedModels(repository, files('edited'), builtInInputs(), options);

    // Assert
    expect(untouched.kept).toEqual([expect.stringContaining('version 2 was deployed through the API after models/counter.json was last loaded (version 1)')]);
    expect(edited.replaced).toEqual([expect.stringContaining('version 3 from the file replaces version 2')]);
    expect(await repository.getModel('counter')).toMatchObject({ version: '3', request: { detectorModelDescription: 'edited' }, origin: { kind: 'file', digest: bodyDigest(counter('edited')) } });
  });
});
