import { RecentMessageIds, compactId } from '../../lib/engine';

const MINUTE = 60_000;

describe('RecentMessageIds', () => {
  it('reports an id seen within the window and not after it', () => {
    const recent = new RecentMessageIds();
    recent.remember('m1', 10 * MINUTE);
    expect(recent.seen('m1', 5 * MINUTE)).toBe(true);
    expect(recent.seen('m2', 5 * MINUTE)).toBe(false);
    expect(recent.seen('m1', 10 * MINUTE)).toBe(false);
  });

  it('stores ids grouped by minute and reads them back', () => {
    // Arrange
    const recent = new RecentMessageIds();
    recent.remember('a', 1 * MINUTE);
    recent.remember('b', 1 * MINUTE + 5000);
    recent.remember('c', 2 * MINUTE);
    // Act
    const text = recent.toText(0, 100);
    const back = RecentMessageIds.parse(text);
    // Assert: read back, an id counts as arriving at the end of its minute (never shorter than asked).
    expect(text).toBe('\n@1\na\nb\n@2\nc\n');
    expect(back.seen('a', 2 * MINUTE - 2)).toBe(true);
    expect(back.seen('a', 2 * MINUTE - 1)).toBe(false);
    expect(back.toText(0, 100)).toBe(text);
  });

  it('keeps only the ids of the window and the newest maxIds of them when stored', () => {
    const recent = new RecentMessageIds();
    for (let i = 0; i < 10; i++) recent.remember(`m${i}`, i * MINUTE);
    expect(recent.toText(4 * MINUTE, 100)).toBe('\n@5\nm5\n@6\nm6\n@7\nm7\n@8\nm8\n@9\nm9\n');
    expect(recent.toText(0, 2)).toBe('\n@8\nm8\n@9\nm9\n');
  });

  it('treats an empty or missing record as no ids', () => {
    expect(RecentMessageIds.parse(undefined).seen('x', 0)).toBe(false);
    expect(RecentMessageIds.parse('').toText(0, 10)).toBe('');
  });

  it('stores long ids as a short, stable hash', () => {
    expect(compactId('00001')).toBe('00001');
    const uuid = compactId('3f2b8c1e-6a4d-4e9f-9b1a-2c3d4e5f6a7b');
    expect(uuid).toMatch(/^#[0-9a-z]+\.[0-9a-z]+$/);
    expect(uuid.length).toBeLessThanOrEqual(16);
    expect(compactId('3f2b8c1e-6a4d-4e9f-9b1a-2c3d4e5f6a7c')).not.toBe(uuid);
    expect(compactId('@123')).toMatch(/^#/);
    const recent = new RecentMessageIds();
    recent.remember('3f2b8c1e-6a4d-4e9f-9b1a-2c3d4e5f6a7b', 0);
    expect(RecentMessageIds.parse(recent.toText(-1, 10)).seen('3f2b8c1e-6a4d-4e9f-9b1a-2c3d4e5f6a7b', -1)).toBe(true);
  });

  it('stores the same hash of an id across releases, so ids already stored keep matching', () => {
    expect(['3f2b8c1e-6a4d-4e9f-9b1a-2c3d4e5f6a7b', '@123', 'device-message-17-134623', 'météo-capteur-0001', '🚗🚗🚗🚗🚗🚗🚗🚗🚗', ''].map(compactId)).toEqual([
      '#1nkgs3m.8o65s3', '#1l0qydx.wczri9', '#1plia75.rwsxge', '#7xdeh3.57jft4', '#kplo3q.1q7k4q5', '#1kl6d44.10nucrp',
    ]);
  });

  it('hashes without collisions over 200,000 distinct long ids', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200_000; i++) seen.add(compactId(`device-message-${i}-${i * 7919}`));
    expect(seen.size).toBe(200_000);
  });
});
