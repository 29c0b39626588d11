import { ModelValidationError } from '../../lib/model';
import { ModelConflictError } from '../../lib/ports';
import { bodyDigest } from '../../lib/runtime/apply-model-file';
import { seedModels } from '../../lib/runtime/seed-models';
import { awsError } from '../support/faults';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { ARM_INPUT, COUNT_INPUT, T0, counterRequest, timerRequest } from '../support/runtime-fixtures';

const OPTIONS = { now: T0, minTimerSeconds: 60 };

/** The same value with the keys of every object in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([key, member]) => [key, reversedKeys(member)])) as T;
  return value;
}

describe('seedModels', () => {
  let repository: MemoryModelRepository;

  beforeEach(() => {
    repository = new MemoryModelRepository();
  });

  it('creates the inputs and models that do not exist yet', async () => {
    // Act
    const report = await seedModels(repository, { inputs: [COUNT_INPUT, ARM_INPUT], models: [counterRequest(), timerRequest()] }, [], OPTIONS);

    // Assert
    expect(report).toEqual({ created: ['input Count', 'input Arm', 'detector model counter', 'detector model timer'], updated: [], unchanged: [], kept: [], replaced: [] });
    expect(await repository.getModel('counter')).toMatchObject({ version: '1', creationTime: T0, origin: { kind: 'file', digest: bodyDigest(counterRequest()) } });
  });

  it('leaves identical files alone, whatever the order of their keys', async () => {
    // Arrange
    await seedModels(repository, { inputs: [COUNT_INPUT], models: [counterRequest()] }, [], OPTIONS);
    repository.calls.putModel.length = 0;

    const shuffled = reversedKeys(counterRequest());
    expect(JSON.stringify(shuffled)).not.toBe(JSON.stringify(counterRequest()));

    // Act
    const report = await seedModels(repository, { inputs: [COUNT_INPUT], models: [shuffled] }, [], OPTIONS);

    // Assert
    expect(report).toEqual({ created: [], updated: [], unchanged: ['input Count', 'detector model counter'], kept: [], replaced: [] });
    expect(repository.calls.putModel).toEqual([]);
  });

  it('stores a changed model as the next version, so live detectors keep running', async () => {
    // Arrange
    await seedModels(repository, { inputs: [COUNT_INPUT], models: [counterRequest()] }, [], OPTIONS);

    // Act
    const report = await seedModels(repository, { inputs: [COUNT_INPUT], models: [{ ...counterRequest(), detectorModelDescription: 'now with a description' }] }, [], { ...OPTIONS, now: T0 + 1 });

    // Assert
    expect(report).toMatchObject({ updated: ['detector model counter'], kept: [], replaced: [] });
    expect(await repository.getModel('counter')).toMatchObject({ version: '2', lastUpdateTime: T0 + 1, origin: { kind: 'file' } });
  });

  it('refuses a changed key before writing anything, since detectors are named by it', async () => {
    // Arrange
    await seedModels(repository, { inputs: [COUNT_INPUT], models: [counterRequest()] }, [], OPTIONS);
    repository.calls.putModel.length = 0;
    repository.calls.putInput.length = 0;

    // Act
    const seeding = seedModels(repository, { inputs: [COUNT_INPUT, ARM_INPUT], models: [timerRequest(), { ...counterRequest(), key: 'n' }] }, [], OPTIONS);

    // Assert
    await expect(seeding).rejects.toThrow(ModelValidationError);
    await expect(seeding).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'key', message: expect.stringContaining("the key cannot change from 'id' to 'n'") })] });
    expect(repository.calls.putInput).toEqual([]);
    expect(repository.calls.putModel).toEqual([]);
  });

  it('writes nothing when any file is invalid, and names the file', async () => {
    // Arrange
    const broken = { ...timerRequest(), detectorModelDefinition: { initialStateName: 'Nowhere', states: timerRequest().detectorModelDefinition.states } };

    // Act
    const seeding = seedModels(repository, { inputs: [COUNT_INPUT, ARM_INPUT], models: [counterRequest(), broken] }, [], OPTIONS);

    // Assert
    await expect(seeding).rejects.toThrow(ModelValidationError);
    await expect(seeding).rejects.toThrow(/detector model timer/);
    expect(repository.calls.putInput).toEqual([]);
    expect(repository.calls.putModel).toEqual([]);
  });

  it('refuses a model that reads an input neither the files nor the built-in inputs define', async () => {
    // Act
    const seeding = seedModels(repository, { inputs: [], models: [counterRequest()] }, [ARM_INPUT], OPTIONS);

    // Assert
    await expect(seeding).rejects.toThrow(/Count/);
  });

  it('accepts a model reading a built-in input without an input file', async () => {
    // Act
    const report = await seedModels(repository, { inputs: [], models: [counterRequest()] }, [COUNT_INPUT], OPTIONS);

    // Assert
    expect(report.created).toEqual(['detector model counter']);
  });

  it('refuses an invalid input file before writing anything', async () => {
    // Act
    const seeding = seedModels(repository, { inputs: [{ inputName: 'bad name!', inputDefinition: { attributes: [] } }], models: [] }, [], OPTIONS);

    // Assert
    await expect(seeding).rejects.toThrow(/input bad name!/);
    expect(repository.calls.putInput).toEqual([]);
  });

  it('passes on a conflict with a concurrent writer rather than overwrite its version', async () => {
    // Arrange
    await seedModels(repository, { inputs: [COUNT_INPUT], models: [counterRequest()] }, [], OPTIONS);
    repository.faults.next('putModel', new ModelConflictError('counter', 'counter was changed by another request'));

    // Act
    const seeding = seedModels(repository, { inputs: [COUNT_INPUT], models: [{ ...counterRequest(), detectorModelDescription: 'v2' }] }, [], OPTIONS);

    // Assert
    await expect(seeding).rejects.toThrow(ModelConflictError);
  });

  it('passes on a repository failure so the deploy reports it', async () => {
    // Arrange
    repository.faults.next('getInput', awsError('AccessDeniedException'));

    // Act
    const seeding = seedModels(repository, { inputs: [COUNT_INPUT], models: [] }, [], OPTIONS);

    // Assert
    await expect(seeding).rejects.toThrow('AccessDeniedException');
  });
});
