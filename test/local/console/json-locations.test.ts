import { JsonTextError, locateJson } from '../../../local/console/json-locations';

describe('locateJson', () => {
  const text = '{\n  "a": {"b": [1, "x\\"y", true]},\n  "c": "$input.\\u0041 > 3"\n}';

  it('finds every value by the path the validators report', () => {
    // Arrange
    const locations = locateJson(text);

    // Act
    const slice = (path: string) => {
      const range = locations.range(path);
      return range && text.slice(range.start, range.end);
    };

    // Assert
    expect(slice('a.b[0]')).toBe('1');
    expect(slice('a.b[1]')).toBe('"x\\"y"');
    expect(slice('a.b')).toBe('[1, "x\\"y", true]');
    expect(slice('c')).toBe('"$input.\\u0041 > 3"');
    expect(slice('')).toBe(text);
    expect(slice('a.z')).toBeUndefined();
  });

  it('places a span of a string\'s decoded characters on the text as written, escapes included', () => {
    // Arrange
    const locations = locateJson(text);

    // Act: "$input.A > 3": the A (an escape in the text) is character 7, the > character 9.
    const letter = locations.position('c', { start: 7, end: 8 });
    const operator = locations.position('c', { start: 9, end: 10 });

    // Assert
    expect(text.slice(letter?.start, letter?.end)).toBe('\\u0041');
    expect(text.slice(operator?.start, operator?.end)).toBe('>');
  });

  it('places a missing member at the first character of the object that lacks it', () => {
    // Arrange
    const locations = locateJson(text);

    // Act
    const position = locations.position('a.missing');

    // Assert
    expect(position).toEqual({ start: text.indexOf('{"b"'), end: text.indexOf('{"b"') + 1 });
    expect(locations.position('')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['[1, 2', 5],
    ['{"a": tru}', 6],
    ['{"a": "b\u0001"}', 8],
    ['{} x', 3],
  ])('refuses %j, naming the offset where it stops being JSON', (bad, offset) => {
    // Act
    const locating = () => locateJson(bad);

    // Assert
    expect(locating).toThrow(JsonTextError);
    try {
      locating();
    } catch (error) {
      expect((error as JsonTextError).offset).toBe(offset);
    }
  });
});
