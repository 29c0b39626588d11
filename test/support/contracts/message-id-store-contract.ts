import type { MessageIdStore } from '../../../lib/ports';

/** What every {@link MessageIdStore} does (in-memory fake and DynamoDB store alike). */
export function messageIdStoreContract(fresh: () => Promise<{ store: MessageIdStore; model: string; now: number }>): void {
  it('reads back the spilled records of a detector newer than a time, and only its own', async () => {
    // Arrange
    const { store, model, now } = await fresh();
    const key = { model, keyValue: 'a' };
    await store.spill([
      { key, ids: Uint8Array.from([1]), newest: now - 10_000 },
      { key, ids: Uint8Array.from([2]), newest: now - 1_000 },
      { key: { model, keyValue: 'b' }, ids: Uint8Array.from([3]), newest: now },
    ]);

    // Act
    const recent = await store.read(key, now - 5_000);
    const all = await store.read(key, now - 60_000);

    // Assert
    expect(recent.map((ids) => [...ids])).toEqual([[2]]);
    expect(all.map((ids) => [...ids]).sort()).toEqual([[1], [2]]);
  });

  it('changes nothing when the same record is spilled again', async () => {
    // Arrange
    const { store, model, now } = await fresh();
    const entry = { key: { model, keyValue: 'a' }, ids: Uint8Array.from([7, 8]), newest: now };

    // Act
    await store.spill([entry]);
    await store.spill([entry]);

    // Assert
    expect((await store.read(entry.key, now - 1)).map((ids) => [...ids])).toEqual([[7, 8]]);
  });
}
