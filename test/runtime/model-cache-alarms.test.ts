import type { CreateAlarmModelRequest } from '../../lib/model';
import { API_ORIGIN } from '../../lib/ports';
import { ModelCache } from '../../lib/runtime/model-cache';
import { VirtualClock } from '../../local/virtual-clock';
import { alarmBody } from '../helpers/alarm';
import { MemoryModelRepository } from '../support/memory-model-repository';
import { RecordingTelemetry } from '../support/recording-telemetry';
import { COUNT_INPUT, T0, counterRequest } from '../support/runtime-fixtures';

const alarm = (name: string, extra: Record<string, unknown> = {}) => alarmBody({ alarmModelName: name, ...extra }) as unknown as CreateAlarmModelRequest;

describe('ModelCache with alarm models', () => {
  let repository: MemoryModelRepository;
  let clock: VirtualClock;
  let telemetry: RecordingTelemetry;
  let cache: ModelCache;

  beforeEach(async () => {
    repository = new MemoryModelRepository();
    await repository.putInput(COUNT_INPUT, true, T0, API_ORIGIN);
    await repository.putModel(counterRequest(), undefined, T0, API_ORIGIN);
    await repository.putAlarmModel(alarm('tempAlarm'), undefined, T0, API_ORIGIN);
    clock = new VirtualClock(T0);
    telemetry = new RecordingTelemetry();
    cache = new ModelCache(repository, { refreshMs: 5000, builtInInputs: [], minTimerSeconds: 60, clock, telemetry });
  });

  it('carries the compiled latest version of every alarm model beside the detector models', async () => {
    // Arrange
    await repository.putAlarmModel({ ...alarm('tempAlarm'), severity: 7 }, 1, T0, API_ORIGIN);
    // An alarm model may share a detector model's name: the namespaces are apart.
    await repository.putAlarmModel(alarm('counter'), undefined, T0, API_ORIGIN);

    // Act
    const catalog = await cache.catalog();

    // Assert
    expect(catalog.models.map((model) => `${model.name}@${model.version}`)).toEqual(['counter@1']);
    expect(catalog.alarmModels?.map((model) => `${model.name}@${model.version}`).sort()).toEqual(['counter@1', 'tempAlarm@2']);
    expect(catalog.alarmModels?.find((model) => model.name === 'tempAlarm')).toMatchObject({ severity: 7, key: { path: 'id' }, inputs: new Set(['Temp']) });
    expect(repository.calls.getAlarmModel.sort()).toEqual(['counter@1', 'tempAlarm@2']);
  });

  it('changes revision when an alarm model changes, recompiling only that alarm model', async () => {
    // Arrange
    const first = await cache.catalog();
    await repository.putAlarmModel(alarm('other'), undefined, T0, API_ORIGIN);
    clock.advance(5000);

    // Act
    const second = await cache.catalog();

    // Assert
    expect(second.revision).not.toBe(first.revision);
    expect(second.alarmModels?.find((model) => model.name === 'tempAlarm')).toBe(first.alarmModels?.[0]);
    expect(second.models[0]).toBe(first.models[0]);
    expect(repository.calls.getAlarmModel).toEqual(['tempAlarm@1', 'other@1']);
  });

  it('drops a deleted alarm model at the next refresh', async () => {
    // Arrange
    await cache.catalog();
    await repository.deleteAlarmModel('tempAlarm');
    clock.advance(5000);

    // Act
    const catalog = await cache.catalog();

    // Assert
    expect(catalog.alarmModels).toEqual([]);
    expect([...(catalog.unavailableAlarmModels ?? [])]).toEqual([]);
  });

  it('runs everything else when a stored alarm model no longer compiles, and reports it unavailable', async () => {
    // Arrange: the repository stores what it is given; this rule's operator does not exist.
    const broken = alarm('broken', { alarmRule: { simpleRule: { inputProperty: '$input.Temp.value', comparisonOperator: 'ABOVE', threshold: '3' } } });
    await repository.putAlarmModel(broken, undefined, T0, API_ORIGIN);

    // Act
    const catalog = await cache.catalog();

    // Assert
    expect(catalog.alarmModels?.map((model) => model.name)).toEqual(['tempAlarm']);
    expect(catalog.models.map((model) => model.name)).toEqual(['counter']);
    expect([...(catalog.unavailableAlarmModels ?? [])]).toEqual(['broken']);
    expect([...(catalog.unavailable ?? [])]).toEqual([]);
    expect(telemetry.lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'stored alarm model does not compile; it is not run', fields: expect.objectContaining({ alarmModelName: 'broken', version: '1' }) }));
  });
});
