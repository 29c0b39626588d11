import fc from 'fast-check';
import { jsonPieces } from '../../lib/simulation/json-pieces';

const bytes = (text: string) => Buffer.from(text, 'utf8');
/** The pieces of `text` cut into chunks at `cuts` (byte offsets), as [text, line] pairs or errors. */
const piecesOf = (text: string, cuts: number[] = [], quick?: (line: string) => unknown) => {
  const all = bytes(text);
  const bounds = [0, ...[...new Set(cuts)].filter((cut) => cut > 0 && cut < all.length).sort((a, b) => a - b), all.length];
  const chunks = bounds.slice(1).map((end, i) => all.subarray(bounds[i], end));
  return [...jsonPieces(chunks, quick)].map((piece) => (piece.error ? `error@${piece.line}: ${piece.error}` : `${piece.text}@${piece.line}${piece.quick ? ' (quick)' : ''}`));
};

describe('jsonPieces', () => {
  it('cuts JSON lines into one piece per line, with its line number', () => {
    expect(piecesOf('{"a": 1}\n\n{"b": "x}"}\r\n  {"c": [1, {"d": 2}]}\n')).toEqual(['{"a": 1}@1', '{"b": "x}"}@3', '{"c": [1, {"d": 2}]}@4']);
  });

  it('cuts documents one after another, across lines, and a top-level array into its elements', () => {
    const text = '{\n  "a": 1\n}\n[\n  {"b": 2},\n  {\n    "c": 3\n  }, "s", 4\n]\n{"d": 5}';
    expect(piecesOf(text)).toEqual(['{\n  "a": 1\n}@1', '{"b": 2}@5', '{\n    "c": 3\n  }@6', '"s"@8', '4@8', '{"d": 5}@10']);
  });

  it('gives the same pieces however the bytes are cut into chunks, even inside a multi-byte character', () => {
    // Property: any cuts of a text mixing lines, an array, escapes and characters of 2 to 4 bytes.
    const text = '{"id": "é\\"}", "n": [1, 2]}\n[{"k": "日本"}, {"k": "😀\\\\"}]\n"tail"\n';
    const whole = piecesOf(text);
    const quick = (line: string) => {
      try {
        return typeof JSON.parse(line) === 'object' ? true : undefined;
      } catch {
        return undefined;
      }
    };
    fc.assert(
      fc.property(fc.array(fc.nat(Buffer.byteLength(text)), { maxLength: 12 }), (cuts) => {
        expect(piecesOf(text, cuts)).toEqual(whole);
        expect(piecesOf(text, cuts, quick).map((piece) => piece.replace(' (quick)', ''))).toEqual(whole);
      }),
    );
  });

  it('hands a line starting with an object to quick, and counts brackets when quick refuses it', () => {
    // Arrange: quick reads only one-line objects that end where the line ends.
    const quick = (line: string) => (line.startsWith('{') && line.endsWith('}') && !line.includes('\n') ? line.length : undefined);
    // Act
    const pieces = piecesOf('{"a": 1}\n{\n"b": 2}\n[{"c": 3},\n{"d": 4}\n]\n', [], quick);
    // Assert
    expect(pieces).toEqual(['{"a": 1}@1 (quick)', '{\n"b": 2}@2', '{"c": 3}@4 (quick)', '{"d": 4}@5 (quick)']);
  });

  it.each([
    ['an array that is not closed', '[{"a": 1},\n{"b": 2}\n', ['{"a": 1}@1', '{"b": 2}@2', 'error@3: the array opened on line 1 is not closed']],
    ['two elements without a comma', '[{"a": 1}\n{"b": 2}]', ['{"a": 1}@1', "error@2: expected ',' or ']' in the array opened on line 1, found '{'", '{"b": 2}@2']],
    ['a comma where an element should be', '[1,,2]', ['1@1', "error@1: expected an element of the array opened on line 1, found ','", '2@1']],
    ['a comma before the closing bracket', '[1,]\n{"c": 3}', ['1@1', "error@1: expected an element of the array opened on line 1, found ']'", '{"c": 3}@2']],
  ])('says where the text stops being JSON values, and reads on past it: %s', (_, text, expected) => {
    expect(piecesOf(text)).toEqual(expected);
  });

  it('ends a value at a line break inside a string, so a stray quote costs one line, not the rest of the file', () => {
    expect(piecesOf('{"a": "no end}\n{"b": 2}\n')).toEqual(['{"a": "no end}@1', '{"b": 2}@2']);
  });
});
