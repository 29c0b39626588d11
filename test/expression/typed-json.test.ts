import { formatDecimal, formatValue, parseTypedJson, stringifyTypedJson } from '../../lib/expression';

describe('parseTypedJson', () => {
  it('reads integers as bigint and anything with a fraction or exponent as a decimal', () => {
    expect(parseTypedJson('{"i": 10, "d": 20.0, "e": 1e3, "n": -0.5}')).toEqual({ i: 10n, d: 20, e: 1000, n: -0.5 });
  });

  it('keeps integers beyond 64 bits as decimals instead of wrapping them', () => {
    expect(parseTypedJson('[9223372036854775807, 9223372036854775808]')).toEqual([9223372036854775807n, 9223372036854775808]);
  });

  it('does not let a payload replace an object prototype', () => {
    const parsed = parseTypedJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports the position of invalid JSON', () => {
    expect(() => parseTypedJson('{"a": }')).toThrow(/position 6/);
  });
});

describe('stringifyTypedJson', () => {
  it('writes decimals with their fraction and integers without', () => {
    expect(stringifyTypedJson({ sensorCount: 10n, rangeHigh: 30.0, resetMe: false, sensorId: 0n, avg: 19.572 })).toBe(
      '{"sensorCount":10,"rangeHigh":30.0,"resetMe":false,"sensorId":0,"avg":19.572}',
    );
  });

  it('round-trips through parseTypedJson', () => {
    const text = '{"a":[1,2.0,"x",null,true,{"b":-3.25}],"c":{}}';
    expect(stringifyTypedJson(parseTypedJson(text))).toBe(text);
  });

  it('leaves out undefined members and writes undefined array items as null', () => {
    expect(stringifyTypedJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
  });
});

describe('formatDecimal', () => {
  it.each([
    [30, '30.0'],
    [0, '0.0'],
    [-0, '0.0'],
    [50.018, '50.018'],
    [1e21, '1000000000000000000000.0'],
    [1.5e-7, '0.00000015'],
    [-2.5e22, '-25000000000000000000000.0'],
  ])('%p prints as %s', (value, expected) => {
    expect(formatDecimal(value)).toBe(expected);
  });
});

describe('formatValue', () => {
  it.each([
    [3n, '3'],
    [50.018, '50.018'],
    [30, '30.0'],
    ['text', '"text"'],
    ['say "hi"', '"say \\"hi\\""'],
    [true, 'true'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('%p prints as %s', (value, expected) => {
    expect(formatValue(value)).toBe(expected);
  });
});
