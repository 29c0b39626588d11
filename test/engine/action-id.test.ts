import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { nameBasedUuid } from '../../lib/engine';
import { ActionIdSeries, actionExecutionId } from '../../lib/engine/action-id';
import { md5 } from '../../lib/engine/md5';

describe('md5', () => {
  it('matches node:crypto for any input, across block boundaries', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(md5(bytes)).toString('hex')).toBe(createHash('md5').update(bytes).digest('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the RFC 1321 test vectors', () => {
    const hex = (text: string) => Buffer.from(md5(new TextEncoder().encode(text))).toString('hex');
    expect(hex('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(hex('abc')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(hex('12345678901234567890123456789012345678901234567890123456789012345678901234567890')).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });
});

describe('nameBasedUuid', () => {
  it('hashes any name, Unicode included, as node:crypto does', () => {
    const namespace = Buffer.from('6f1c3a52c0b84c3e9c5be2f1d7a4e9b0', 'hex');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (name) => {
        const hash = createHash('md5').update(namespace).update(Buffer.from(name, 'utf8')).digest();
        hash[6] = (hash[6] & 0x0f) | 0x30;
        hash[8] = (hash[8] & 0x3f) | 0x80;
        expect(nameBasedUuid(name).replace(/-/g, '')).toBe(hash.toString('hex'));
      }),
      { numRuns: 2000 },
    );
  });

  it('is a version-3 UUID over the namespace and the name, as RFC 4122 defines it', () => {
    const namespace = Buffer.from('6f1c3a52c0b84c3e9c5be2f1d7a4e9b0', 'hex');
    const hash = createHash('md5').update(namespace).update('motor|1|k|3|message:00001|0').digest();
    hash[6] = (hash[6] & 0x0f) | 0x30;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.toString('hex');
    expect(nameBasedUuid('motor|1|k|3|message:00001|0')).toBe(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
  });
});

describe('actionExecutionId', () => {
  it('is the name-based UUID of model|version|key|sequence|source|number, for any parts', () => {
    // Arrange: parts of any text, Unicode and the separator itself included.
    const part = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: undefined }), fc.nat(), fc.boolean(), part, fc.nat(), (model, version, key, sequence, byMessage, source, number) => {
        const origin = byMessage ? `message:${source}` : `timer:${source}`;
        // Act
        const id = actionExecutionId(model, version, key, sequence, byMessage ? source : undefined, byMessage ? undefined : source, number);
        // Assert
        expect(id).toBe(nameBasedUuid(`${model}|${version}|${key ?? ''}|${sequence}|${origin}|${number}`));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ActionIdSeries', () => {
  it('gives each number the id actionExecutionId gives, whatever other hashes are made between them', () => {
    // Arrange: parts short and long (the common part below and beyond MD5's 64-byte first block).
    const part = fc.string({ unit: 'binary', maxLength: 60 });
    const series = new ActionIdSeries();
    fc.assert(
      fc.property(part, part, fc.option(part, { nil: undefined }), fc.nat(), fc.boolean(), part, fc.array(fc.tuple(fc.nat(1000), fc.boolean()), { maxLength: 5 }), (model, version, key, sequence, byMessage, source, numbers) => {
        const [messageId, timerName] = byMessage ? [source, undefined] : [undefined, source];
        // Act: the ids one after another (the first block's state kept), or with another hash between two.
        series.begin(model, version, key, sequence, messageId, timerName);
        const ids = numbers.map(([number, hashBetween]) => {
          if (hashBetween) nameBasedUuid(`${source}${number}${model}`.repeat(3));
          return series.id(number);
        });
        // Assert
        expect(ids).toEqual(numbers.map(([number]) => actionExecutionId(model, version, key, sequence, messageId, timerName, number)));
      }),
      { numRuns: 1000 },
    );
  });
});
