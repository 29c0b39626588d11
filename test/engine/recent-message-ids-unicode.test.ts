import { RecentMessageIds, compactId } from '../../lib/engine/recent-message-ids';

/** What storing text in DynamoDB does to it: UTF-8 out and back, unpaired surrogates becoming U+FFFD. */
const throughUtf8 = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

describe('recent message ids that are not valid Unicode', () => {
  it('keeps ids with an unpaired surrogate apart, as hashes, and short ids with a surrogate pair as they are', () => {
    // Act
    const [high, other, pair] = [compactId('\ud800'), compactId('\ud801'), compactId('m-\u{1F680}')];

    // Assert
    expect(high).toMatch(/^#/);
    expect(other).toMatch(/^#/);
    expect(high).not.toBe(other);
    expect(pair).toBe('m-\u{1F680}');
  });

  it('still recognises such an id after its record went through UTF-8, and takes no other id for it', () => {
    // Arrange
    const recent = new RecentMessageIds();
    recent.remember('a\ud800', 1_000);

    // Act
    const stored = RecentMessageIds.parse(throughUtf8(recent.toText(0, 256)));

    // Assert
    expect(stored.seen('a\ud800', 0)).toBe(true);
    expect(stored.seen('a\ufffd', 0)).toBe(false);
    expect(stored.seen('a\udbff', 0)).toBe(false);
  });
});
