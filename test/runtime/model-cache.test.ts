import { ModelCache } from '../../lib/runtime/model-cache';
import { API_ORIGIN } from '../../lib/ports';
import { awsError } from '../support/faults';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { RecordingTelemetry } from '../support/recording-telemetry';
import { ARM_INPUT, COUNT_INPUT, T0, counterRequest, timerRequest } from '../support/runtime-fixtures';
import { VirtualClock } from '../../local/virtual-clock';

const BUILT_IN = { inputName: 'AwsIotPresence', inputDefinition: { attributes: [{ jsonPath: 'clientId' }] } };

describe('ModelCache', () => {
  let repository: MemoryModelRepository;
  let clock: VirtualClock;
  let telemetry: RecordingTelemetry;
  let cache: ModelCache;

  beforeEach(async () => {
    repository = new MemoryModelRepository();
    await repository.putInput(COUNT_INPUT, true, T0, API_ORIGIN);
    await repository.putModel(counterRequest(), undefined, T0, API_ORIGIN);
    clock = new VirtualClock(T0);
    telemetry = new RecordingTelemetry();
    cache = new ModelCache(repository, { refreshMs: 5000, builtInInputs: [BUILT_IN], minTimerSeconds: 60, clock, telemetry });
  });

  it('compiles every model of the repository once and serves it from memory until refreshMs passes', async () => {
    // Act
    const first = await cache.catalog();
    clock.advance(4999);
    const second = await cache.catalog();

    // Assert
    expect(first.models.map((model) => `${model.name}@${model.version}`)).toEqual(['counter@1']);
    expect(second).toBe(first);
    expect(repository.calls.index).toBe(1);
    expect(repository.calls.getModel).toEqual(['counter@1']);
  });

  it('checks the revision again after refreshMs and keeps everything when it has not changed', async () => {
    // Arrange
    const first = await cache.catalog();
    clock.advance(5000);

    // Act
    const second = await cache.catalog();

    // Assert
    expect(second).toBe(first);
    expect(repository.calls.index).toBe(2);
    expect(repository.calls.getModel).toEqual(['counter@1']);
  });

  it('recompiles only the models whose version changed when the revision changes', async () => {
    // Arrange
    const first = await cache.catalog();
    await repository.putModel({ ...counterRequest(), detectorModelDescription: 'v2' }, 1, T0, API_ORIGIN);
    await repository.putInput(ARM_INPUT, true, T0, API_ORIGIN);
    await repository.putModel(timerRequest(), undefined, T0, API_ORIGIN);
    clock.advance(5000);

    // Act
    const second = await cache.catalog();

    // Assert
    expect(second.revision).not.toBe(first.revision);
    expect(second.models.map((model) => `${model.name}@${model.version}`).sort()).toEqual(['counter@2', 'timer@1']);
    expect(repository.calls.getModel).toEqual(['counter@1', 'counter@2', 'timer@1']);
  });

  it('reuses the compiled model of an unchanged version across revisions', async () => {
    // Arrange
    const first = await cache.catalog();
    await repository.putInput(ARM_INPUT, true, T0, API_ORIGIN);
    clock.advance(5000);

    // Act
    const second = await cache.catalog();

    // Assert
    expect(second.models[0]).toBe(first.models[0]);
    expect([...second.inputs.keys()].sort()).toEqual(['Arm', 'AwsIotPresence', 'Count']);
  });

  it('lets concurrent callers share one refresh', async () => {
    // Act
    const [a, b, c] = await Promise.all([cache.catalog(), cache.catalog(), cache.catalog()]);

    // Assert
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(repository.calls.index).toBe(1);
  });

  it('reads the repository at once after invalidate()', async () => {
    // Arrange
    await cache.catalog();
    await repository.putInput(ARM_INPUT, true, T0, API_ORIGIN);

    // Act
    cache.invalidate();
    const catalog = await cache.catalog();

    // Assert
    expect(catalog.inputs.has('Arm')).toBe(true);
  });

  it('runs the other models when a stored model does not compile, logs which one and marks it unavailable', async () => {
    // Arrange: the repository stores what it is given; this one has no states.
    await repository.putModel({ ...timerRequest('broken'), detectorModelDefinition: { initialStateName: 'Nowhere', states: [] } }, undefined, T0, API_ORIGIN);

    // Act
    const catalog = await cache.catalog();

    // Assert
    expect(catalog.models.map((model) => model.name)).toEqual(['counter']);
    expect([...(catalog.unavailable ?? [])]).toEqual(['broken']);
    expect(telemetry.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'stored detector model does not compile; it is not run', fields: expect.objectContaining({ detectorModelName: 'broken' }) }));
  });

  it('keeps running the cached models when a refresh fails, and tries again a second later', async () => {
    // Arrange
    const first = await cache.catalog();
    clock.advance(5000);
    repository.faults.next('index', awsError('ThrottlingException'));

    // Act
    const during = await cache.catalog();
    clock.advance(999);
    const soon = await cache.catalog();
    clock.advance(1);
    await cache.catalog();

    // Assert
    expect([during, soon]).toEqual([first, first]);
    expect(repository.calls.index).toBe(3);
    expect(telemetry.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'could not refresh detector models; running the cached ones' }));
  });

  it('fails the call, and tries again on the next one, when the repository cannot be read', async () => {
    // Arrange
    repository.faults.next('index', awsError('ThrottlingException'));

    // Act
    const failed = cache.catalog();

    // Assert
    await expect(failed).rejects.toThrow('ThrottlingException');
    await expect(cache.catalog()).resolves.toMatchObject({ models: [expect.objectContaining({ name: 'counter' })] });
  });
});
