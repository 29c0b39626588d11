import { fnv1a32, fnv1a64, fnv1a64Hex } from '../lib/hash';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('matches the published FNV-1a 32 test vector for %j', (text, hash) => {
    expect(fnv1a32(text)).toBe(hash);
    expect(fnv1a32(utf8(text))).toBe(hash);
  });

  it('hashes a string by its UTF-16 code units, as the stored partitions and shards were', () => {
    expect(fnv1a32('capteur-é')).toBe(0xdbf3f53d);
    expect(fnv1a32('🚗 motor-01')).toBe(0x07d8f390);
    expect(fnv1a32('timer|a#t')).toBe(0x1c3fcdf6);
  });
});

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors over bytes, as two unsigned halves', () => {
    expect(fnv1a64(utf8(''))).toEqual({ high: 0xcbf29ce4, low: 0x84222325 });
    expect(fnv1a64(utf8('foobar'))).toEqual({ high: 0x85944171, low: 0xf73967e8 });
  });

  it('hashes a string by its UTF-16 code units, not its UTF-8 bytes', () => {
    expect(fnv1a64('foobar')).toEqual(fnv1a64(utf8('foobar')));
    expect(fnv1a64('météo')).not.toEqual(fnv1a64(utf8('météo')));
  });
});

describe('fnv1a64Hex', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
    ['héllo wörld', '11824ab841812022'],
    ['🚗 motor-01', 'f98b0bdee0c8e036'],
  ])('hashes the UTF-8 bytes of %j to the 16 hex digits stored before', (text, hash) => {
    expect(fnv1a64Hex(text)).toBe(hash);
  });

  it('keeps leading zeros of either half', () => {
    expect(fnv1a64Hex('device-message-0')).toMatch(/^[0-9a-f]{16}$/);
  });
});
