import { MAX_JSON_DEPTH } from './json-nesting';
import { parseTypedJsonText } from './typed-json-parser';
import { INT64_MAX, INT64_MIN, formatDecimal } from './values';

const INTEGER_TEXT = /^-?\d+$/;

/**
 * Reads one JSON number the way AWS IoT Events types it: digits only is an Integer (`bigint`);
 * a fraction or an exponent makes a Decimal (`number`). Integers outside the 64-bit range become
 * decimals rather than wrapping silently.
 */
export function parseJsonNumber(text: string): bigint | number {
  if (INTEGER_TEXT.test(text)) {
    const value = BigInt(text);
    if (value >= INT64_MIN && value <= INT64_MAX) return value;
  }
  return Number(text);
}

/**
 * Parses JSON text without losing the Integer/Decimal distinction (`20.0` stays a decimal).
 * Throws `SyntaxError` with the position on invalid JSON, and `JsonNestingError` on text nested
 * more than `maxDepth` levels (the parser recurses once per level, so unbounded text from a device
 * would overflow the stack): untrusted text keeps the default, JSON Vigil stored passes
 * `MAX_STORED_JSON_DEPTH`. Values, errors and positions are those of lossless-json, which it
 * replaced on the hot path (see `typed-json-parser.ts`).
 */
export function parseTypedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  return parseTypedJsonText(text, maxDepth);
}

/**
 * Renders a typed JSON tree as JSON text: `bigint` as an integer, `number` as a decimal that keeps
 * its fraction (`20.0`), object members whose value is `undefined` left out. The inverse of
 * {@link parseTypedJson}. Non-finite numbers, which JSON cannot hold, render as `null`.
 */
export function stringifyTypedJson(value: unknown): string {
  // A scalar needs no buffer (the default payload writes each variable this way).
  if (typeof value !== 'object' || value === null) return scalarText(value);
  const out: string[] = [];
  write(value, out);
  return out.join('');
}

function write(value: unknown, out: string[]): void {
  if (typeof value !== 'object' || value === null) out.push(scalarText(value));
  else if (Array.isArray(value)) writeArray(value, out);
  else writeObject(value as Record<string, unknown>, out);
}

/** The largest integer a double holds exactly. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Anything but an object or array: JSON cannot hold undefined, functions or non-finite numbers, so they are `null`. */
function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      // Through a Number when it is exact: V8 caches the text of small numbers, not of BigInts.
      return value >= -MAX_EXACT && value <= MAX_EXACT ? String(Number(value)) : value.toString();
    case 'number':
      return Number.isFinite(value) ? formatDecimal(value) : 'null';
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return 'null';
  }
}

function writeArray(items: readonly unknown[], out: string[]): void {
  out.push('[');
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.push(',');
    write(items[i] === undefined ? null : items[i], out);
  }
  out.push(']');
}

function writeObject(record: Record<string, unknown>, out: string[]): void {
  out.push('{');
  let first = true;
  for (const key of Object.keys(record)) {
    const member = record[key];
    if (member === undefined || typeof member === 'function') continue;
    if (!first) out.push(',');
    first = false;
    out.push(JSON.stringify(key), ':');
    write(member, out);
  }
  out.push('}');
}
