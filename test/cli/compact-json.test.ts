import fc from 'fast-check';
import { compactJson } from '../../cli/compact-json';
import { parseTypedJson } from '../../lib/expression';

/** What compactJson must give: the typed parser decides, and only whitespace between tokens goes. */
function reference(text: string): string | undefined {
  try {
    parseTypedJson(text);
  } catch {
    return undefined;
  }
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i];
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
      out += char;
    } else if (!' \t\n\r'.includes(char)) out += char;
  }
  return out;
}

describe('compactJson', () => {
  it.each([
    ['spaced JSON', '{ "a" : [1, 2.50, "x y"],\n "b": {"c": null} }', '{"a":[1,2.50,"x y"],"b":{"c":null}}'],
    ['a key repeated with another value', '{"a": 1, "a": 2}', undefined],
    ['a key repeated with the same value (accepted)', '{"a": 1, "a": 1}', '{"a":1,"a":1}'],
    ['a key repeated in a nested object', '{"o": {"k": "1", "k": "2"}, "p": 1}', undefined],
    ['text that is not JSON', '{"a": }', undefined],
    ['a colon and brackets inside strings', '{"a:b": "[{:}]"}', '{"a:b":"[{:}]"}'],
    ['escaped quotes', '{"a": "say \\"hi\\" "}', '{"a":"say \\"hi\\" "}'],
    ['JSON nested deeper than 64 levels', `${'['.repeat(65)}${']'.repeat(65)}`, undefined],
    ['JSON nested 64 levels', `${'['.repeat(64)}${']'.repeat(64)}`, `${'['.repeat(64)}${']'.repeat(64)}`],
  ])('decides as the typed parser does for %s', (_, text, expected) => {
    expect(compactJson(text)).toBe(expected);
    expect(compactJson(text)).toBe(reference(text));
  });

  it('agrees with the typed parser on any JSON, with keys repeated and whitespace added', () => {
    // Property: JSON values, then their text spaced out, a key repeated, or a character cut.
    const text = fc.oneof(
      fc.json(),
      fc.json().map((json) => json.replace(/([,:[{])/g, '$1 \n')),
      fc.tuple(fc.jsonValue(), fc.jsonValue()).map(([a, b]) => `{"k": ${JSON.stringify(a)}, "k": ${JSON.stringify(b)}}`),
      fc.tuple(fc.json(), fc.nat()).map(([json, at]) => json.slice(0, at % (json.length + 1)) + json.slice((at % (json.length + 1)) + 1)),
    );
    fc.assert(fc.property(text, (json) => expect(compactJson(json)).toBe(reference(json))), { numRuns: 2000 });
  });
});
