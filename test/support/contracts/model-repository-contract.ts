import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { API_ORIGIN, ModelConflictError, type ModelRepository } from '../../../lib/ports';
import { COUNT_INPUT, counterRequest } from '../runtime-fixtures';

/**
 * What every {@link ModelRepository} does (in-memory fake and DynamoDB store alike). `fresh()`
 * gives a repository and a name prefix no other test uses (the table may be shared).
 */
export function modelRepositoryContract(fresh: () => Promise<{ repository: ModelRepository; prefix: string }>): void {
  const model = (name: string, description = 'v'): CreateDetectorModelRequest => ({ ...counterRequest(name), detectorModelDescription: description });
  const input = (name: string): CreateInputRequest => ({ ...COUNT_INPUT, inputName: name });
  const file = { kind: 'file', digest: 'abc' } as const;

  it('numbers versions from 1, keeps each with its request and origin, and answers the latest by default', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}m`;

    // Act
    await repository.putModel(model(name, 'first'), undefined, 1_000, file);
    await repository.putModel(model(name, 'second'), 1, 2_000, API_ORIGIN);

    // Assert
    expect(await repository.getModel(name)).toMatchObject({ name, version: '2', request: { detectorModelDescription: 'second' }, origin: API_ORIGIN, lastUpdateTime: 2_000 });
    expect(await repository.getModel(name, '1')).toMatchObject({ version: '1', request: { detectorModelDescription: 'first' }, origin: file });
    expect(await repository.getModel(name, '9')).toBeUndefined();
  });

  it('refuses a version written against another one, and a create of a model that exists', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}m`;
    await repository.putModel(model(name), undefined, 1_000, API_ORIGIN);
    await repository.putModel(model(name), 1, 2_000, API_ORIGIN);

    // Act
    const stale = await repository.putModel(model(name), 1, 3_000, API_ORIGIN).catch((error: unknown) => error);
    const again = await repository.putModel(model(name), undefined, 3_000, API_ORIGIN).catch((error: unknown) => error);

    // Assert
    expect(stale).toBeInstanceOf(ModelConflictError);
    expect(again).toBeInstanceOf(ModelConflictError);
    expect((await repository.getModel(name))?.version).toBe('2');
  });

  it('lists a model’s versions newest first, page by page', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}m`;
    for (let version = 0; version < 5; version++) await repository.putModel(model(name), version || undefined, 1_000 + version, API_ORIGIN);

    // Act
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await repository.listVersions(name, 2, nextToken);
      seen.push(...page.items.map((record) => record.version));
      nextToken = page.nextToken;
    } while (nextToken);

    // Assert
    expect(seen).toEqual(['5', '4', '3', '2', '1']);
  });

  it('indexes every model’s latest version and every input, under a revision every write changes', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const before = await repository.index();

    // Act
    await repository.putModel(model(`${prefix}a`), undefined, 1_000, API_ORIGIN);
    await repository.putModel(model(`${prefix}a`), 1, 2_000, API_ORIGIN);
    await repository.putInput(input(`${prefix}In`), true, 1_000, API_ORIGIN);
    const after = await repository.index();

    // Assert
    expect(after.revision).not.toBe(before.revision);
    expect(after.models.get(`${prefix}a`)).toBe('2');
    expect(after.inputs.has(`${prefix}In`)).toBe(true);
  });

  it('deletes a model with all its versions once', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}m`;
    await repository.putModel(model(name), undefined, 1_000, API_ORIGIN);
    await repository.putModel(model(name), 1, 2_000, API_ORIGIN);

    // Act
    const first = await repository.deleteModel(name);
    const second = await repository.deleteModel(name);

    // Assert
    expect([first, second]).toEqual([true, false]);
    expect(await repository.getModel(name, '1')).toBeUndefined();
    expect((await repository.index()).models.has(name)).toBe(false);
  });

  it('creates an input once, replaces it only when it exists, and deletes it once', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}In`;

    // Act
    const missing = await repository.putInput(input(name), false, 1_000, API_ORIGIN).catch((error: unknown) => error);
    await repository.putInput(input(name), true, 1_000, file);
    const twice = await repository.putInput(input(name), true, 2_000, API_ORIGIN).catch((error: unknown) => error);
    await repository.putInput({ ...input(name), inputDescription: 'changed' }, false, 3_000, API_ORIGIN);
    const stored = await repository.getInput(name);
    const deleted = [await repository.deleteInput(name), await repository.deleteInput(name)];

    // Assert
    expect(missing).toBeInstanceOf(ModelConflictError);
    expect(twice).toBeInstanceOf(ModelConflictError);
    expect(stored).toMatchObject({ name, request: { inputDescription: 'changed' }, origin: API_ORIGIN, creationTime: 1_000, lastUpdateTime: 3_000 });
    expect(deleted).toEqual([true, false]);
  });
}
