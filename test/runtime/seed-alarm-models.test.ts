import { ModelValidationError, type CreateAlarmModelRequest } from '../../lib/model';
import { API_ORIGIN } from '../../lib/ports';
import { bodyDigest } from '../../lib/runtime/apply-model-file';
import { seedModels, type SeedFiles } from '../../lib/runtime/seed-models';
import { alarmBody } from '../helpers/alarm';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { COUNT_INPUT, T0, counterRequest } from '../support/runtime-fixtures';

const OPTIONS = { now: T0, minTimerSeconds: 60 };
const FILE = 'models/temp-alarm.json';
const TEMP_INPUT = { inputName: 'Temp', inputDefinition: { attributes: [{ jsonPath: 'id' }, { jsonPath: 'value' }] } };

/** The `tempAlarm` model with a description: a different version of the same alarm model. */
const alarm = (description: string, extra: Record<string, unknown> = {}) => alarmBody({ alarmModelDescription: description, ...extra }) as unknown as CreateAlarmModelRequest;

describe('seedModels with alarm model files', () => {
  let repository: MemoryModelRepository;
  const files = (alarmModels: CreateAlarmModelRequest[], extra: Partial<SeedFiles> = {}): SeedFiles => ({
    inputs: [TEMP_INPUT],
    models: [],
    alarmModels,
    sources: { models: {}, inputs: {}, alarmModels: { tempAlarm: FILE } },
    ...extra,
  });
  const seed = (alarmModels: CreateAlarmModelRequest[], now = T0, extra: Partial<SeedFiles> = {}) => seedModels(repository, files(alarmModels, extra), [], { ...OPTIONS, now });

  beforeEach(() => {
    repository = new MemoryModelRepository();
  });

  it('creates an alarm model from its file, leaves it alone when the file is unchanged, and stores an edit as the next version', async () => {
    // Act
    const created = await seed([alarm('first')]);
    const again = await seed([alarm('first')]);
    const edited = await seed([alarm('second')], T0 + 1);

    // Assert
    expect(created.created).toEqual(['input Temp', 'alarm model tempAlarm']);
    expect(again).toMatchObject({ created: [], updated: [], unchanged: ['input Temp', 'alarm model tempAlarm'] });
    expect(edited.updated).toEqual(['alarm model tempAlarm']);
    expect(await repository.getAlarmModel('tempAlarm')).toMatchObject({ version: '2', request: { alarmModelDescription: 'second' }, origin: { kind: 'file', digest: bodyDigest(alarm('second')) } });
  });

  it('keeps an alarm model version deployed through the API while its file is untouched (decision D19), and applies an edited file with a warning', async () => {
    // Arrange
    await seed([alarm('from the file')]);
    await repository.putAlarmModel(alarm('deployed'), 1, T0, API_ORIGIN);

    // Act
    const untouched = await seed([alarm('from the file')]);
    const edited = await seed([alarm('edited file')], T0 + 1);

    // Assert
    expect(untouched.kept).toEqual([
      `alarm model tempAlarm: version 2 was deployed through the API after ${FILE} was last loaded (version 1); the file is not applied. ` +
        `Deploy the file with \`vigil deploy-model ${FILE}\`, or delete the model, to go back to it`,
    ]);
    expect(edited.replaced).toEqual([`alarm model tempAlarm: ${FILE} changed since it was last loaded: version 3 from the file replaces version 2, which had been deployed through the API`]);
    expect(await repository.getAlarmModel('tempAlarm')).toMatchObject({ version: '3', request: { alarmModelDescription: 'edited file' } });
  });

  it('loads an alarm model beside a detector model of the same name', async () => {
    // Act
    const report = await seed([alarm('alarm', { alarmModelName: 'counter' })], T0, { inputs: [TEMP_INPUT, COUNT_INPUT], models: [counterRequest()] });

    // Assert
    expect(report.created).toEqual(['input Temp', 'input Count', 'detector model counter', 'alarm model counter']);
    expect((await repository.index()).alarmModels?.get('counter')).toBe('1');
    expect((await repository.index()).models.get('counter')).toBe('1');
  });

  it('refuses an alarm model file that changes the key, before writing anything', async () => {
    // Arrange
    await seed([alarm('first')]);

    // Act
    const refused = await seed([alarm('first', { key: 'deviceId' })]).catch((error: unknown) => error);

    // Assert
    expect(refused).toBeInstanceOf(ModelValidationError);
    expect((refused as ModelValidationError).message).toMatch(/alarm model tempAlarm[\s\S]*key: the key cannot change from 'id' to 'deviceId'/);
    expect(repository.calls.putAlarmModel).toEqual(['tempAlarm']);
  });

  it('writes nothing, detector models and inputs included, when an alarm model file is invalid, and lists its problems', async () => {
    // Arrange
    const broken = alarm('broken', { alarmRule: { simpleRule: { inputProperty: '$input.Nope.value', comparisonOperator: 'GREATER', threshold: '1' } } });

    // Act
    const refused = await seed([broken], T0, { inputs: [TEMP_INPUT, COUNT_INPUT], models: [counterRequest()] }).catch((error: unknown) => error);

    // Assert
    expect(refused).toBeInstanceOf(ModelValidationError);
    expect((refused as ModelValidationError).message).toMatch(/alarmRule\.simpleRule\.inputProperty: input "Nope" does not exist/);
    expect([...repository.calls.putAlarmModel, ...repository.calls.putModel, ...repository.calls.putInput]).toEqual([]);
  });
});
