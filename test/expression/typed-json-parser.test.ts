import fc from 'fast-check';
import { parse } from 'lossless-json';
import { JsonNestingError, checkJsonTextNesting, parseJsonNumber, parseTypedJson } from '../../lib/expression';

/** The parser before it was replaced: the nesting check, then lossless-json with typed numbers. */
function reference(text: string, maxDepth: number): unknown {
  checkJsonTextNesting(text, maxDepth);
  return parse(text, null, parseJsonNumber);
}

/** A value or an error as text that tells apart everything a caller could: types, -0, key order, prototypes, messages. */
function outcome(read: () => unknown): string {
  try {
    return show(read());
  } catch (error) {
    const offset = error instanceof JsonNestingError ? ` @${error.offset}` : '';
    return `${(error as Error).constructor.name}: ${(error as Error).message}${offset}`;
  }
}

function show(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return Object.is(value, -0) ? '-0d' : `${value}d`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(show).join(',')}]`;
  const proto = Object.getPrototypeOf(value) === Object.prototype ? '' : '!proto';
  return `{${Reflect.ownKeys(value).map((key) => `${JSON.stringify(String(key))}:${show((value as Record<string, unknown>)[key as string])}`).join(',')}}${proto}`;
}

const ws = fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n  ', '   ');
const numberText = fc.oneof(
  fc.stringMatching(/^-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,20})?([eE][+-]?[0-9]{1,3})?$/),
  fc.bigInt({ min: -(2n ** 66n), max: 2n ** 66n }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.constantFrom('0', '-0', '-0.0', '9223372036854775807', '-9223372036854775808', '9223372036854775808', '999999999999999', '1000000000000000', '0.1', '1e400', '-1e-400', '39.5'),
);
/** A string written with every kind of escape, raw characters (lone surrogates included) where JSON allows them. */
const stringText = fc.tuple(fc.string({ unit: 'binary', maxLength: 8 }), fc.array(fc.nat(5), { minLength: 8, maxLength: 8 })).map(([chars, styles]) => {
  let out = '"';
  [...chars].forEach((char, i) => {
    const code = char.charCodeAt(0);
    const style = styles[i % styles.length];
    const short = ({ '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' } as Record<string, string>)[char];
    const hex = `\\u${code.toString(16).padStart(4, '0')}`;
    if (style === 0 && short) out += short;
    else if (style === 1 || code < 0x20 || char === '"' || char === '\\') out += style === 2 ? hex.toUpperCase().replace('\\U', '\\u') : hex;
    else out += char;
  });
  return `${out}"`;
});
const keyText = fc.oneof(fc.constantFrom('"motorid"', '"sensorData"', '"pressure"', '"__proto__"', '"constructor"', '"toString"', '"a"', '""', '"mo\\u0074orid"'), stringText);

const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText,
    stringText,
    fc.constantFrom('true', 'false', 'null'),
    fc.tuple(ws, fc.array(fc.tuple(tie('value'), ws, ws), { maxLength: 4 })).map(([space, items]) => `[${space}${items.map(([item, a, b]) => a + item + b).join(',')}]`),
    fc
      .tuple(ws, fc.array(fc.tuple(keyText, tie('value'), ws, ws, ws), { maxLength: 5 }))
      .map(([space, members]) => `{${space}${members.map(([key, value, a, b, c]) => `${a}${key}${b}:${c}${value}`).join(',')}}`),
    // A member repeated with the same value (accepted) or another one (refused).
    fc.tuple(keyText, tie('value'), tie('value')).map(([key, a, b]) => `{${key}:${a},${key}:${a},${key}:${b}}`),
  ),
})).value;

/** Valid text broken in one place: a character deleted, inserted or replaced, or the text cut short. */
const brokenText = fc.tuple(jsonText, fc.nat(), fc.nat(3), fc.constantFrom(...'{}[]",:\\ -+.eE0159tfnul\u0000\u001f\u007f\ud800x')).map(([text, where, how, char]) => {
  const at = text.length ? where % (text.length + 1) : 0;
  switch (how) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1);
    case 1:
      return text.slice(0, at) + char + text.slice(at);
    case 2:
      return text.slice(0, at) + char + text.slice(at + 1);
    default:
      return text.slice(0, at);
  }
});

describe('typed JSON parser, against lossless-json', () => {
  it('reads every document to the same values, in the same key order', () => {
    fc.assert(
      fc.property(fc.tuple(ws, jsonText, ws), ([before, text, after]) => {
        const document = before + text + after;
        expect(outcome(() => parseTypedJson(document))).toBe(outcome(() => reference(document, 64)));
      }),
      { numRuns: 4000 },
    );
  });

  it('refuses broken documents with the same error, message and position', () => {
    fc.assert(
      fc.property(brokenText, (text) => {
        expect(outcome(() => parseTypedJson(text))).toBe(outcome(() => reference(text, 64)));
      }),
      { numRuns: 6000 },
    );
  });

  it('refuses nesting beyond the limit at the same character, even before or after a syntax error', () => {
    fc.assert(
      fc.property(fc.oneof(jsonText, brokenText), fc.integer({ min: 1, max: 4 }), (text, maxDepth) => {
        expect(outcome(() => parseTypedJson(text, maxDepth))).toBe(outcome(() => reference(text, maxDepth)));
      }),
      { numRuns: 4000 },
    );
  });

  it.each([
    ['', 'SyntaxError: JSON value expected but reached end of input at position 0'],
    ['{"a": 1, "a": 2}', "SyntaxError: Duplicate key 'a' encountered at position 10"],
    ['{"a": [1, 2], "a": [1, 2]}', '{"a":[1n,2n]}'],
    ['{"a": [], "a": {}}', '{"a":{}}'],
    ['{"x": "\\u00e9\\n", "y": -0.0, "z": 20.0}', '{"x":"é\\n","y":-0d,"z":20d}'],
    ['[1, 2', "SyntaxError: Array item or end of array ']' expected but reached end of input at position 5"],
    ['{"k": tru}', "SyntaxError: Object value expected after ':' at position 6"],
    ['"\\x"', "SyntaxError: Invalid escape character '\\x' at position 1"],
    ['[[[]]], x', 'JsonNestingError: JSON nested more than 2 levels deep (at character 2); at most 2 levels of objects and arrays are accepted @2'],
    ['[x, [[]]]', 'JsonNestingError: JSON nested more than 2 levels deep (at character 5); at most 2 levels of objects and arrays are accepted @5'],
  ])('reads %j as lossless-json did: %s', (text, expected) => {
    // Arrange, Act
    const ours = outcome(() => parseTypedJson(text, 2));
    // Assert
    expect(ours).toBe(expected);
    expect(outcome(() => reference(text, 2))).toBe(expected);
  });

  it('reads the same names with and without escapes, again and again', () => {
    const texts = ['{"motorid": "a"}', '{"mo\\u0074orid": "b"}', '{"motori": "c"}', '{"motorid\\"": "d"}', '{"motorid": "e", "motorid": "f"}'];
    const results = [...texts, ...texts].map((text) => outcome(() => parseTypedJson(text)));
    expect(results).toEqual([...texts, ...texts].map((text) => outcome(() => reference(text, 64))));
    expect(results.slice(0, 4)).toEqual(['{"motorid":"a"}', '{"motorid":"b"}', '{"motori":"c"}', '{"motorid\\"":"d"}']);
  });
});
