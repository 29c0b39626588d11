import { InvalidTokenError, StaleDetectorError, detectorId, type DetectorKey, type DetectorStore, type DetectorWrite } from '../../../lib/ports';
import { detectorSnapshot } from '../detector-snapshots';

/**
 * What every {@link DetectorStore} does, run against the in-memory fake (unit) and the DynamoDB
 * store on DynamoDB Local (integration): a fake that drifts from the real store fails here first.
 * `fresh()` gives a store over an empty table and a model name no other test uses.
 */
export function detectorStoreContract(fresh: () => Promise<{ store: DetectorStore; model: string }>): void {
  const write = (key: DetectorKey, expectedVersion: number | undefined, stateName = 'Counting'): DetectorWrite => ({
    key,
    expectedVersion,
    snapshot: detectorSnapshot({ detectorModelName: key.model, keyValue: key.keyValue, stateName }),
    recentIds: Uint8Array.from([1, 2, 3]),
    spilledUntil: 1234,
    traceRef: 'page-1',
    effects: [],
  });

  it('reads back what it stored, as version 1, keyless detectors too', async () => {
    // Arrange
    const { store, model } = await fresh();
    const keyed = { model, keyValue: 'a' };
    const keyless = { model, keyValue: undefined };

    // Act
    await store.put(write(keyed, undefined));
    await store.put(write(keyless, undefined));

    // Assert
    for (const key of [keyed, keyless]) {
      const stored = await store.get(key);
      expect(stored).toMatchObject({ key, version: 1, spilledUntil: 1234, traceRef: 'page-1', snapshot: write(key, undefined).snapshot });
      expect([...(stored?.recentIds ?? [])]).toEqual([1, 2, 3]);
    }
  });

  it('refuses a write made against another version, with the current detector', async () => {
    // Arrange
    const { store, model } = await fresh();
    const key = { model, keyValue: 'a' };
    await store.put(write(key, undefined));
    await store.put(write(key, 1, 'Next'));

    // Act
    const stale = await store.put(write(key, 1)).catch((error: unknown) => error);
    const created = await store.put(write(key, undefined)).catch((error: unknown) => error);

    // Assert
    expect(stale).toBeInstanceOf(StaleDetectorError);
    expect((stale as StaleDetectorError).current).toMatchObject({ version: 2, snapshot: { stateName: 'Next' } });
    expect(created).toBeInstanceOf(StaleDetectorError);
    expect((await store.get(key))?.version).toBe(2);
  });

  it('gets many at once, keyed by detector id, leaving out those that do not exist', async () => {
    // Arrange
    const { store, model } = await fresh();
    await store.put(write({ model, keyValue: 'a' }, undefined));
    await store.put(write({ model, keyValue: 'b' }, undefined));

    // Act
    const found = await store.getMany([{ model, keyValue: 'a' }, { model, keyValue: 'b' }, { model, keyValue: 'missing' }]);

    // Assert
    expect([...found.keys()].sort()).toEqual([detectorId({ model, keyValue: 'a' }), detectorId({ model, keyValue: 'b' })]);
  });

  it('deletes a detector once', async () => {
    // Arrange
    const { store, model } = await fresh();
    const key = { model, keyValue: 'a' };
    await store.put(write(key, undefined));

    // Act
    const first = await store.delete(key);
    const second = await store.delete(key);

    // Assert
    expect([first, second]).toEqual([true, false]);
    expect(await store.get(key)).toBeUndefined();
  });

  it('lists a model’s detectors page by page, each once, filtered by state', async () => {
    // Arrange: 7 detectors, 3 of them in state Alarm, and one of another model.
    const { store, model } = await fresh();
    for (let i = 0; i < 7; i++) await store.put(write({ model, keyValue: `k${i}` }, undefined, i % 2 ? 'Alarm' : 'Normal'));
    await store.put(write({ model: `${model}-other`, keyValue: 'k0' }, undefined));

    // Act
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await store.list(model, { limit: 2, nextToken });
      seen.push(...page.items.map((item) => item.key.keyValue as string));
      nextToken = page.nextToken;
    } while (nextToken);
    const alarms = await store.list(model, { stateName: 'Alarm', limit: 10 });

    // Assert
    expect(seen.sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5', 'k6']);
    expect(alarms.items.map((item) => item.key.keyValue).sort()).toEqual(['k1', 'k3', 'k5']);
    expect(alarms.items[0]).toMatchObject({ modelVersion: '1', stateName: 'Alarm' });
  });

  it('refuses a page token it did not issue', async () => {
    // Arrange
    const { store, model } = await fresh();

    // Act
    const refused = await store.list(model, { limit: 2, nextToken: '!not-a-token' }).catch((error: unknown) => error);

    // Assert
    expect(refused).toBeInstanceOf(InvalidTokenError);
  });
}
