import { IdWindow, IdWindowError } from '../../lib/engine';

const T0 = Date.UTC(2026, 0, 1);
const MINUTE = 60_000;

/** A window holding `ids`, all seen at `at`, stored and read back. */
function stored(ids: readonly string[], at = T0): IdWindow {
  const window = new IdWindow();
  for (const id of ids) window.remember(id, at);
  return IdWindow.decode(window.encode(0, 1_000, false).ids);
}

describe('IdWindow', () => {
  it('reads back every id with the second it was seen, and nothing else', () => {
    // Act
    const window = stored(['m1', '6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d'], T0 + 1_234);

    // Assert
    expect(window.seenAt('m1')).toBe(T0 + 1_000);
    expect(window.seenAt('6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d')).toBe(T0 + 1_000);
    expect(window.seenAt('m2')).toBeUndefined();
  });

  it('keeps ids that are not valid Unicode apart: they are hashed over their UTF-16 units, never through UTF-8', () => {
    // Act
    const window = stored(['a\ud800', 'm-\u{1F680}']);

    // Assert
    expect(window.seenAt('a\ud800')).toBe(T0);
    expect(window.seenAt('a\ud801')).toBeUndefined();
    expect(window.seenAt('a\ufffd')).toBeUndefined();
    expect(window.seenAt('m-\u{1F680}')).toBe(T0);
  });

  it('drops ids older than the window when it stores them', () => {
    // Arrange
    const window = new IdWindow();
    window.remember('old', T0);
    window.remember('new', T0 + 6 * MINUTE);

    // Act
    const kept = IdWindow.decode(window.encode(T0 + MINUTE, 100, true).ids);

    // Assert
    expect([kept.seenAt('old'), kept.seenAt('new')]).toEqual([undefined, T0 + 6 * MINUTE]);
  });

  it('keeps the later time of an id found in the item and in a spilled record', () => {
    // Arrange
    const item = stored(['m1'], T0 + MINUTE);
    const spilled = new IdWindow();
    spilled.remember('m1', T0);

    // Act
    item.load(spilled.encode(0, 100, false).ids);

    // Assert
    expect(item.seenAt('m1')).toBe(T0 + MINUTE);
  });

  it('refuses a record it cannot read rather than forget what it held', () => {
    expect(() => IdWindow.decode(Uint8Array.from([9, 0, 0, 0, 0]))).toThrow(IdWindowError);
    expect(() => IdWindow.decode(Uint8Array.from([1, 0, 0, 0, 0, 1, 2]))).toThrow(IdWindowError);
  });
});
