import fc from 'fast-check';
import { utf8Length } from '../../lib/expression';

describe('utf8Length', () => {
  it('counts what Buffer writes, for any text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)) }), (text, surrogates) => {
        const mixed = text + surrogates + text;
        expect(utf8Length(mixed)).toBe(Buffer.byteLength(mixed, 'utf8'));
      }),
      { numRuns: 500 },
    );
  });

  it('counts one, two, three and four bytes per code point', () => {
    expect([utf8Length('a'), utf8Length('é'), utf8Length('€'), utf8Length('😀')]).toEqual([1, 2, 3, 4]);
  });
});
