import type { CreateDetectorModelRequest, CreateInputRequest } from '../../lib/model';
import { API_ORIGIN } from '../../lib/ports';
import { seedModels } from '../../lib/runtime/seed-models';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { COUNT_INPUT, T0, counterRequest } from '../support/runtime-fixtures';

const OPTIONS = { now: T0, minTimerSeconds: 60 };
const FILE = 'models/counter.json';

/** The counter model with another description: a different version of the same model. */
function counter(description: string): CreateDetectorModelRequest {
  return { ...counterRequest(), detectorModelDescription: description };
}

describe('seedModels over versions deployed through the API', () => {
  let repository: MemoryModelRepository;
  const seed = (model: CreateDetectorModelRequest, now = T0) => seedModels(repository, { inputs: [COUNT_INPUT], models: [model], sources: { models: { counter: FILE }, inputs: {} } }, [], { ...OPTIONS, now });
  /** What UpdateDetectorModel (and `vigil deploy-model`) stores. */
  const deploy = async (model: CreateDetectorModelRequest) => {
    const latest = await repository.getModel('counter');
    return repository.putModel(model, latest && Number(latest.version), T0, API_ORIGIN);
  };

  beforeEach(() => {
    repository = new MemoryModelRepository();
  });

  it('keeps a version deployed through the API when the file did not change since it was loaded, and says how to go back to the file', async () => {
    // Arrange
    await seed(counter('from the file'));
    await deploy(counter('deployed'));
    repository.calls.putModel.length = 0;

    // Act
    const report = await seed(counter('from the file'));

    // Assert
    expect(report).toMatchObject({ created: [], updated: [], unchanged: ['input Count'], replaced: [] });
    expect(report.kept).toEqual([
      'detector model counter: version 2 was deployed through the API after models/counter.json was last loaded (version 1); the file is not applied. ' +
        'Deploy the file with `vigil deploy-model models/counter.json`, or delete the model, to go back to it',
    ]);
    expect(repository.calls.putModel).toEqual([]);
    expect(await repository.getModel('counter')).toMatchObject({ version: '2', request: { detectorModelDescription: 'deployed' } });
  });

  it('applies an edited file over a version deployed through the API, as a new version, and warns naming both', async () => {
    // Arrange
    await seed(counter('from the file'));
    await deploy(counter('deployed'));

    // Act
    const report = await seed(counter('edited file'), T0 + 1);

    // Assert
    expect(report).toMatchObject({ updated: ['detector model counter'], kept: [] });
    expect(report.replaced).toEqual(['detector model counter: models/counter.json changed since it was last loaded: version 3 from the file replaces version 2, which had been deployed through the API']);
    expect(await repository.getModel('counter')).toMatchObject({ version: '3', request: { detectorModelDescription: 'edited file' }, origin: { kind: 'file' } });
  });

  it('counts a file whose content is the version deployed through the API as unchanged', async () => {
    // Arrange
    await seed(counter('from the file'));
    await deploy(counter('deployed'));

    // Act
    const report = await seed(counter('deployed'));

    // Assert
    expect(report).toMatchObject({ unchanged: ['input Count', 'detector model counter'], kept: [], replaced: [] });
    expect((await repository.getModel('counter'))?.version).toBe('2');
  });

  it('does not revert a later API deploy with a file edit that was itself deployed through the API', async () => {
    // Arrange: the file was edited and deployed with `vigil deploy-model`, then someone deployed another version.
    await seed(counter('from the file'));
    await deploy(counter('edited file'));
    await deploy(counter('deployed later'));

    // Act
    const report = await seed(counter('edited file'));

    // Assert
    expect(report.replaced).toEqual([]);
    expect(report.kept).toEqual([expect.stringContaining('detector model counter: version 3 was deployed through the API after version 2, which models/counter.json matches; the file is not applied')]);
    expect((await repository.getModel('counter'))?.request.detectorModelDescription).toBe('deployed later');
  });

  it('applies a file over a model created through the API when the file holds a version never stored', async () => {
    // Arrange
    await deploy(counter('created through the API'));

    // Act
    const report = await seed(counter('the file'));

    // Assert
    expect(report.replaced).toEqual(['detector model counter: models/counter.json changed since it was last loaded: version 2 from the file replaces version 1, which had been deployed through the API']);
    expect((await repository.getModel('counter'))?.version).toBe('2');
  });

  it('keeps versions stored before origins were recorded unless the file holds new content', async () => {
    // Arrange: an older Vigil seeded version 1 and took version 2 through the API, recording no origins.
    await seed(counter('from the file'));
    await deploy(counter('deployed'));
    repository.forgetOrigins('counter');

    // Act
    const untouched = await seed(counter('from the file'));
    const edited = await seed(counter('edited file'));

    // Assert
    expect(untouched.kept).toEqual([expect.stringContaining('version 2 was stored by a Vigil that did not record where versions come from after version 1, which models/counter.json matches')]);
    expect(edited.replaced).toEqual([expect.stringContaining('version 3 from the file replaces version 2, which had been stored by a Vigil that did not record')]);
    expect((await repository.getModel('counter'))?.origin).toEqual({ kind: 'file', digest: expect.any(String) });
  });

  it('looks back through more than one page of API versions for the file’s content', async () => {
    // Arrange: the file's content is version 1; thirty API versions follow.
    await seed(counter('from the file'));
    for (let n = 0; n < 30; n++) await deploy(counter(`deployed ${n}`));

    // Act
    const report = await seed(counter('deployed 0'));

    // Assert
    expect(report.kept).toEqual([expect.stringContaining('version 31 was deployed through the API after version 2, which models/counter.json matches')]);
  });

  it('names the file generically when it does not know it', async () => {
    // Arrange
    await seed(counter('from the file'));
    await deploy(counter('deployed'));

    // Act
    const report = await seedModels(repository, { inputs: [COUNT_INPUT], models: [counter('from the file')] }, [], OPTIONS);

    // Assert
    expect(report.kept).toEqual([expect.stringMatching(/after its file was last loaded \(version 1\); the file is not applied\. Deploy the file with `vigil deploy-model`, or delete/)]);
  });
});

describe('seedModels over inputs updated through the API', () => {
  let repository: MemoryModelRepository;
  const FILE = 'models/count.inputs.json';
  const count = (jsonPath: string): CreateInputRequest => ({ ...COUNT_INPUT, inputDefinition: { attributes: [...COUNT_INPUT.inputDefinition.attributes, { jsonPath }] } });
  const seed = (input: CreateInputRequest) => seedModels(repository, { inputs: [input], models: [], sources: { models: {}, inputs: { Count: FILE } } }, [], OPTIONS);
  /** What UpdateInput (and `vigil deploy-input`) stores. */
  const update = (input: CreateInputRequest) => repository.putInput(input, false, T0, API_ORIGIN);

  beforeEach(() => {
    repository = new MemoryModelRepository();
  });

  it('keeps an input updated through the API while its file is untouched, and applies the file once edited', async () => {
    // Arrange
    await seed(count('fromFile'));
    await update(count('fromApi'));

    // Act
    const untouched = await seed(count('fromFile'));
    const afterUntouched = await repository.getInput('Count');
    const edited = await seed(count('edited'));

    // Assert
    expect(untouched.kept).toEqual([
      'input Count was updated through the API after models/count.inputs.json was last loaded; the file is not applied. Deploy the file with `vigil deploy-input models/count.inputs.json`, or delete the input, to go back to it',
    ]);
    expect(afterUntouched?.request).toEqual(count('fromApi'));
    expect(edited).toMatchObject({ updated: ['input Count'], replaced: ['input Count: models/count.inputs.json changed since it was last loaded and replaces the input, which had been updated through the API'] });
    expect(await repository.getInput('Count')).toMatchObject({ request: count('edited'), origin: { kind: 'file' } });
  });

  it('notes a file that now holds what the API stored as loaded, so a later API update is kept', async () => {
    // Arrange: the file edited to what `vigil deploy-input` had stored, then another API update.
    await seed(count('fromFile'));
    await update(count('fromApi'));
    const caughtUp = await seed(count('fromApi'));
    await update(count('later'));

    // Act
    const report = await seed(count('fromApi'));

    // Assert
    expect(caughtUp.unchanged).toEqual(['input Count']);
    expect(report.kept).toEqual([expect.stringContaining('input Count was updated through the API after models/count.inputs.json was last loaded')]);
    expect((await repository.getInput('Count'))?.request).toEqual(count('later'));
  });

  it('keeps an input stored before origins were recorded when it differs from the file', async () => {
    // Arrange
    await seed(count('fromFile'));
    await update(count('fromApi'));
    repository.forgetOrigins('Count');

    // Act
    const report = await seed(count('fromFile'));

    // Assert
    expect(report.kept).toEqual([expect.stringContaining('input Count was stored by a Vigil that did not record where inputs come from and differs from models/count.inputs.json; the file is not applied')]);
  });
});
