import type { CreateAlarmModelRequest } from '../../../lib/model';
import { API_ORIGIN, ModelConflictError, type ModelsTable } from '../../../lib/ports';
import { alarmBody } from '../../helpers/alarm';
import { counterRequest } from '../runtime-fixtures';

/**
 * What every models table does with alarm models (in-memory fake and DynamoDB store alike), beside
 * its detector models. `fresh()` gives a repository and a name prefix no other test uses.
 */
export function alarmModelRepositoryContract(fresh: () => Promise<{ repository: ModelsTable; prefix: string }>): void {
  const alarm = (name: string, description = 'v'): CreateAlarmModelRequest =>
    ({ ...alarmBody({ alarmModelName: name }), alarmModelDescription: description }) as unknown as CreateAlarmModelRequest;
  const file = { kind: 'file', digest: 'abc' } as const;

  it('numbers alarm model versions from 1, keeps each with its request and origin, and answers the latest by default', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}alarm`;

    // Act
    await repository.putAlarmModel(alarm(name, 'first'), undefined, 1_000, file);
    await repository.putAlarmModel(alarm(name, 'second'), 1, 2_000, API_ORIGIN);

    // Assert
    expect(await repository.getAlarmModel(name)).toMatchObject({ name, version: '2', request: { alarmModelDescription: 'second', key: 'id' }, origin: API_ORIGIN, creationTime: 1_000, lastUpdateTime: 2_000 });
    expect(await repository.getAlarmModel(name, '1')).toMatchObject({ version: '1', request: { alarmModelDescription: 'first' }, origin: file, creationTime: 1_000 });
    expect(await repository.getAlarmModel(name, '3')).toBeUndefined();
  });

  it('refuses an alarm model version written against another one, and a create of one that exists', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}alarm`;
    await repository.putAlarmModel(alarm(name), undefined, 1_000, API_ORIGIN);
    await repository.putAlarmModel(alarm(name), 1, 2_000, API_ORIGIN);

    // Act
    const stale = await repository.putAlarmModel(alarm(name), 1, 3_000, API_ORIGIN).catch((error: unknown) => error);
    const again = await repository.putAlarmModel(alarm(name), undefined, 3_000, API_ORIGIN).catch((error: unknown) => error);

    // Assert
    expect(stale).toBeInstanceOf(ModelConflictError);
    expect(again).toBeInstanceOf(ModelConflictError);
    expect((await repository.getAlarmModel(name))?.version).toBe('2');
  });

  it('keeps alarm models apart from detector models of the same name', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}shared`;
    await repository.putModel({ ...counterRequest(name), detectorModelDescription: 'detector' }, undefined, 1_000, API_ORIGIN);

    // Act
    await repository.putAlarmModel(alarm(name, 'alarm'), undefined, 2_000, API_ORIGIN);
    await repository.putAlarmModel(alarm(name, 'alarm 2'), 1, 3_000, API_ORIGIN);
    const deleted = await repository.deleteAlarmModel(name);
    const index = await repository.index();

    // Assert
    expect(deleted).toBe(true);
    expect(await repository.getModel(name)).toMatchObject({ version: '1', request: { detectorModelDescription: 'detector' } });
    expect(await repository.getAlarmModel(name)).toBeUndefined();
    expect(index.models.get(name)).toBe('1');
    expect(index.alarmModels?.has(name)).toBe(false);
  });

  it('lists alarm models in name order and an alarm model’s versions newest first, page by page', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    for (const letter of ['c', 'a', 'b']) await repository.putAlarmModel(alarm(`${prefix}${letter}`), undefined, 1_000, API_ORIGIN);
    for (let version = 1; version < 4; version++) await repository.putAlarmModel(alarm(`${prefix}a`, `v${version + 1}`), version, 1_000 + version, API_ORIGIN);

    // Act
    const names = await pages((token) => repository.listAlarmModels(1, token), (record) => record.name);
    const versions = await pages((token) => repository.listAlarmModelVersions(`${prefix}a`, 3, token), (record) => record.version);

    // Assert
    expect(names.filter((name) => name.startsWith(prefix))).toEqual([`${prefix}a`, `${prefix}b`, `${prefix}c`]);
    expect(versions).toEqual(['4', '3', '2', '1']);
    expect((await repository.listAlarmModels(250)).items.find((record) => record.name === `${prefix}a`)).toMatchObject({ version: '4', creationTime: 1_000, request: { alarmModelDescription: 'v4' } });
  });

  it('indexes every alarm model’s latest version under a revision every alarm model write changes', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}alarm`;
    const before = await repository.index();

    // Act
    await repository.putAlarmModel(alarm(name), undefined, 1_000, API_ORIGIN);
    await repository.putAlarmModel(alarm(name), 1, 2_000, API_ORIGIN);
    const written = await repository.index();
    await repository.deleteAlarmModel(name);
    const deleted = await repository.index();

    // Assert
    expect(written.revision).not.toBe(before.revision);
    expect(written.alarmModels?.get(name)).toBe('2');
    expect(written.models.has(name)).toBe(false);
    expect(deleted.revision).not.toBe(written.revision);
    expect(deleted.alarmModels?.has(name)).toBe(false);
  });

  it('deletes an alarm model with all its versions once', async () => {
    // Arrange
    const { repository, prefix } = await fresh();
    const name = `${prefix}alarm`;
    await repository.putAlarmModel(alarm(name), undefined, 1_000, API_ORIGIN);
    await repository.putAlarmModel(alarm(name), 1, 2_000, API_ORIGIN);

    // Act
    const first = await repository.deleteAlarmModel(name);
    const second = await repository.deleteAlarmModel(name);

    // Assert
    expect([first, second]).toEqual([true, false]);
    expect(await repository.getAlarmModel(name, '1')).toBeUndefined();
    expect((await repository.listAlarmModelVersions(name, 10)).items).toEqual([]);
  });
}

/** Every item of a paged listing, following its tokens. */
async function pages<T>(read: (token?: string) => Promise<{ readonly items: readonly T[]; readonly nextToken?: string }>, pick: (item: T) => string): Promise<string[]> {
  const seen: string[] = [];
  let token: string | undefined;
  do {
    const page = await read(token);
    seen.push(...page.items.map(pick));
    token = page.nextToken;
  } while (token);
  return seen;
}
