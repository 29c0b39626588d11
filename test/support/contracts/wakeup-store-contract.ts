import type { Wakeup, WakeupStore } from '../../../lib/ports';

/**
 * What every {@link WakeupStore} does (in-memory fake and DynamoDB store alike). `fresh()` gives a
 * store whose records of `model` are its test's alone (other models may share the table); `now` is the clock the store was given (wake-ups are due around it).
 */
export function wakeupStoreContract(fresh: () => Promise<{ store: WakeupStore; model: string; now: number }>): void {
  const wakeup = (model: string, keyValue: string, dueAt: number, timerName = 't'): Wakeup => ({ detector: { model, keyValue }, timerName, generation: 1, dueAt });

  it('returns the wake-ups due in a range, inclusive, in due order', async () => {
    // Arrange: three across two minutes, one after the range.
    const { store, model, now } = await fresh();
    const start = Math.floor(now / 60_000) * 60_000 + 60_000;
    await store.schedule([wakeup(model, 'b', start + 61_000), wakeup(model, 'a', start + 1_000), wakeup(model, 'c', start + 30_000), wakeup(model, 'd', start + 200_000)]);

    // Act
    const due = (await store.due(start + 1_000, start + 61_000)).filter((entry) => entry.detector.model === model);

    // Assert
    expect(due.map((entry) => entry.detector.keyValue)).toEqual(['a', 'c', 'b']);
    expect(due[0]).toEqual(wakeup(model, 'a', start + 1_000));
  });

  it('keeps one record for a wake-up scheduled twice, and forgets it once removed', async () => {
    // Arrange
    const { store, model, now } = await fresh();
    const one = wakeup(model, 'a', now + 120_000);
    await store.schedule([one]);
    await store.schedule([one]);

    // Act
    const mine = async () => (await store.due(now, now + 180_000)).filter((entry) => entry.detector.model === model);
    const before = await mine();
    await store.remove([one]);
    const after = await mine();

    // Assert
    expect(before).toEqual([one]);
    expect(after).toEqual([]);
  });
}
