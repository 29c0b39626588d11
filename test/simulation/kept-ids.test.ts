import fc from 'fast-check';
import { DUPLICATE_WINDOW_MS, IdWindow } from '../../lib/engine';
import { KeptIds } from '../../lib/simulation/kept-ids';

describe('KeptIds', () => {
  it('answers as the detector item’s IdWindow does, however the ids come and are forgotten', () => {
    // Property: ids seen at increasing times; after each, both say when every id was last seen
    // within the window. The IdWindow is encoded and decoded each time, as the runtime does.
    const step = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's'), advance: fc.nat(200_000), forget: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        // Arrange
        const kept = new KeptIds();
        let stored: Uint8Array = new Uint8Array(0);
        let now = 1_700_000_000_000;
        for (const { id, advance, forget } of steps) {
          now += advance;
          const since = now - DUPLICATE_WINDOW_MS;
          // Act
          const window = IdWindow.decode(stored);
          window.remember(id, now);
          stored = window.encode(since, Number.MAX_SAFE_INTEGER, false).ids;
          kept.remember(id, now);
          kept.settle();
          if (forget) kept.forgetUntil(since);
          // Assert: the same answer for every id seen within the window.
          const reread = IdWindow.decode(stored);
          for (const other of 'abcdefghijklmnopqrs') {
            const seen = (reading: { seenAt(id: string): number | undefined }) => {
              const at = reading.seenAt(other);
              return at !== undefined && at > since ? at : undefined;
            };
            expect(seen(kept)).toBe(seen(reread));
          }
        }
      }),
    );
  });

  it('says fresh only the ids remembered since the evaluation began', () => {
    const kept = new KeptIds();
    kept.remember('old', 1000);
    kept.settle();
    kept.remember('new', 2000);
    expect([kept.isFresh('old'), kept.isFresh('new')]).toEqual([false, true]);
  });

  it('keeps only the ids of the window once told to forget, however many came', () => {
    // Arrange: 1,000 ids a second apart.
    const kept = new KeptIds();
    for (let i = 0; i < 1000; i++) kept.remember(`m${i}`, i * 1000);
    // Act: forget what is older than the last 300 seconds.
    kept.forgetUntil(999_000 - DUPLICATE_WINDOW_MS);
    // Assert
    expect(kept.size).toBe(300);
    expect(kept.seenAt('m699')).toBeUndefined();
    expect(kept.seenAt('m700')).toBe(700_000);
    expect(kept.seenAt('m999')).toBe(999_000);
  });
});
