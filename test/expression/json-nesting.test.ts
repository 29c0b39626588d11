import { JsonNestingError, MAX_JSON_DEPTH, MAX_STORED_JSON_DEPTH, checkJsonTextNesting, checkJsonValueNesting, parseTypedJson } from '../../lib/expression';

/** `depth` arrays, one inside the other, around `inner`. */
const nestedText = (depth: number, inner = '') => `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`;
const nestedValue = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('JSON nesting limits', () => {
  it('accepts text nested exactly 64 levels deep and refuses 65, saying where', () => {
    // Act
    const accepted = () => checkJsonTextNesting(nestedText(MAX_JSON_DEPTH));
    const refused = () => checkJsonTextNesting(`  ${nestedText(MAX_JSON_DEPTH + 1)}`);

    // Assert
    expect(accepted).not.toThrow();
    expect(refused).toThrow(new JsonNestingError(64, 66));
    expect(refused).toThrow('JSON nested more than 64 levels deep (at character 66); at most 64 levels of objects and arrays are accepted');
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    // Arrange: 100 opening brackets and braces, all inside string values
    const text = JSON.stringify({ a: '['.repeat(100), b: `\\"${'{'.repeat(100)}`, c: ['"[['] });

    // Act
    const check = () => checkJsonTextNesting(text);

    // Assert
    expect(check).not.toThrow();
  });

  it('refuses a parsed value nested 65 levels, and one nested 100,000 levels without overflowing the stack', () => {
    // Act
    const exact = () => checkJsonValueNesting(nestedValue(MAX_JSON_DEPTH));
    const over = () => checkJsonValueNesting(nestedValue(MAX_JSON_DEPTH + 1));
    const far = () => checkJsonValueNesting(nestedValue(100_000));

    // Assert
    expect(exact).not.toThrow();
    expect(over).toThrow(JsonNestingError);
    expect(far).toThrow(JsonNestingError);
  });

  it('parses typed JSON up to the limit, and refuses text 100,000 levels deep with a JsonNestingError, not a stack overflow', () => {
    // Act
    const parsed = parseTypedJson(nestedText(MAX_JSON_DEPTH, '20.0'));
    const deep = () => parseTypedJson(`{"a":${nestedText(100_000)}}`);

    // Assert
    expect(JSON.stringify(parsed)).toBe(nestedText(MAX_JSON_DEPTH, '20'));
    expect(deep).toThrow(JsonNestingError);
  });

  it('reads JSON Vigil stored, which wraps payloads in its own levels, up to its own bound', () => {
    // Act
    const stored = parseTypedJson(nestedText(MAX_JSON_DEPTH + 10), MAX_STORED_JSON_DEPTH);

    // Assert
    expect(Array.isArray(stored)).toBe(true);
  });
});
