import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { isLosslessNumber, parse } from 'lossless-json';

/**
 * Parses JSON text keeping every number as its exact text (a `LosslessNumber`), so `20.0` is
 * written to DynamoDB as `{N: "20.0"}`, and a 64-bit id or a long decimal keeps all its digits.
 * A repeated key keeps its last value, as `JSON.parse` does. Throws `SyntaxError` on invalid JSON.
 */
export function parseJsonExactly(text: string): unknown {
  return parse(text, null, { onDuplicateKey: ({ newValue }) => newValue });
}

/**
 * Converts a value from {@link parseJsonExactly} to a DynamoDB attribute value: objects to `M`,
 * arrays to `L`, strings to `S`, numbers to `N` with their text, Booleans to `BOOL`, null to
 * `NULL`. The numbers never pass through a JavaScript number.
 */
export function toAttributeValue(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (isLosslessNumber(value)) return { N: value.value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'object':
      return { M: toAttributeMap(value as Record<string, unknown>) };
    default:
      throw new TypeError(`not a JSON value: ${typeof value}`);
  }
}

/** Converts a parsed JSON object to an item: each top-level member becomes an attribute. */
export function toAttributeMap(record: Record<string, unknown>): Record<string, AttributeValue> {
  // fromEntries defines own properties, so a member named `__proto__` stays an attribute.
  return Object.fromEntries(Object.keys(record).map((key) => [key, toAttributeValue(record[key])]));
}

/** What kind of JSON value this is, for error messages: `object`, `array`, `string`, `number`, … */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (isLosslessNumber(value)) return 'number';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
