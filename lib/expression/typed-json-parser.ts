import { JsonNestingError, checkJsonTextNesting } from './json-nesting';
import { INT64_MAX, INT64_MIN } from './values';

/**
 * The typed JSON parser: JSON text to plain values, integers as `bigint` (within the 64-bit range)
 * and decimals as `number`. It replaces lossless-json on the hot path (every message is parsed
 * once) and reproduces it exactly, errors included, so nothing a user sees changes: the same
 * values, the same `SyntaxError` messages and positions, the same duplicate-key rule (a key
 * repeated with a different value is an error; with an equal value it is not). A property test
 * holds it to lossless-json over random and broken documents.
 *
 * Why it is faster: no closures or keyword slices per call, strings sliced rather than built a
 * character at a time, and numbers read while scanning (short integers and decimals never go
 * through `BigInt(text)` or `Number(text)`).
 *
 * State lives in module variables: parsing is synchronous and calls no outside code, so one
 * document is read at a time.
 */
let text = '';
let at = 0;
let limit = 0;

/**
 * Parses `source` as typed JSON. @throws SyntaxError as lossless-json words it; JsonNestingError
 * when objects and arrays nest deeper than `maxDepth`, even where the text is also invalid further
 * on (as when nesting was checked before parsing).
 */
export function parseTypedJsonText(source: string, maxDepth: number): unknown {
  text = source;
  at = 0;
  limit = maxDepth;
  try {
    const value = readValue(0);
    if (value === undefined) fail(`JSON value expected ${gotAt()}`);
    if (at < text.length) fail(`Expected end of input ${gotAt()}`);
    return value;
  } catch (error) {
    // A document nested too deep is refused as such wherever its syntax error lies.
    if (error instanceof SyntaxError) checkJsonTextNesting(source, maxDepth);
    throw error;
  } finally {
    text = '';
  }
}

function readValue(depth: number): unknown {
  skipWhitespace();
  let value: unknown;
  const code = text.charCodeAt(at);
  if (code === 0x22) value = readString();
  else if (code === 0x2d || (code >= 0x30 && code <= 0x39)) value = readNumber();
  else if (code === 0x7b) value = readObject(depth + 1);
  else if (code === 0x5b) value = readArray(depth + 1);
  else if (code === 0x74) value = keyword('true', true);
  else if (code === 0x66) value = keyword('false', false);
  else if (code === 0x6e) value = keyword('null', null);
  skipWhitespace();
  return value;
}

function readObject(depth: number): Record<string, unknown> {
  if (depth > limit) throw new JsonNestingError(limit, at);
  at++;
  skipWhitespace();
  const object: Record<string, unknown> = {};
  let initial = true;
  while (at < text.length && text.charCodeAt(at) !== 0x7d) {
    if (!initial) {
      if (text.charCodeAt(at) !== 0x2c) fail(`Comma ',' expected after value ${gotAt()}`);
      at++;
      skipWhitespace();
    }
    initial = false;
    const start = at;
    if (text.charCodeAt(at) !== 0x22) fail(`Quoted object key expected ${gotAt()}`);
    const key = readKey();
    skipWhitespace();
    if (text.charCodeAt(at) !== 0x3a) fail(`Colon ':' expected after property name ${gotAt()}`);
    at++;
    const value = readValue(depth);
    if (value === undefined) fail(`Object value expected after ':' at position ${at}`);
    // lossless-json accepts a repeated key whose value is equal by its rule (the later one is kept).
    if (Object.prototype.hasOwnProperty.call(object, key) && !isDeepEqual(value, object[key])) {
      fail(`Duplicate key '${key}' encountered at position ${start + 1}`);
    }
    if (key === '__proto__') {
      // An own member, as JSON.parse makes it: assignment would set the prototype instead.
      Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
    } else {
      object[key] = value;
    }
  }
  if (text.charCodeAt(at) !== 0x7d) fail(`Quoted object key or end of object '}' expected ${gotAt()}`);
  at++;
  return object;
}

function readArray(depth: number): unknown[] {
  if (depth > limit) throw new JsonNestingError(limit, at);
  at++;
  skipWhitespace();
  const array: unknown[] = [];
  while (at < text.length && text.charCodeAt(at) !== 0x5d) {
    if (array.length) {
      if (text.charCodeAt(at) !== 0x2c) fail(`Comma ',' expected after value ${gotAt()}`);
      at++;
    }
    const value = readValue(depth);
    if (value === undefined) fail(`Array item expected ${gotAt()}`);
    array.push(value);
  }
  if (text.charCodeAt(at) !== 0x5d) fail(`Array item or end of array ']' expected ${gotAt()}`);
  at++;
  return array;
}

/**
 * Member names seen lately, by a hash of their first characters. Devices send the same few names
 * in every message; reusing the string V8 already interned spares it the lookup a fresh slice
 * costs on every property store. Only names without escapes are kept, so a name matches when the
 * text holds exactly its characters followed by the closing quote. Empty slots hold `''`, which
 * matches only an empty name, correctly.
 */
const NAMES: string[] = new Array<string>(512).fill('');

function readKey(): string {
  const open = at + 1;
  const slot = ((text.charCodeAt(open) * 31 + text.charCodeAt(open + 1)) * 31 + text.charCodeAt(open + 2)) & 511;
  const known = NAMES[slot];
  const close = open + known.length;
  if (text.charCodeAt(close) === 0x22 && text.startsWith(known, open)) {
    at = close + 1;
    return known;
  }
  const key = readString();
  // Same length as its text: no escapes. Object.keys gives back the interned copy.
  if (key.length <= 32 && key.length === at - open - 1) NAMES[slot] = Object.keys({ [key]: 0 })[0];
  return key;
}

/** Reads a string at its opening quote; sliced whole when it holds no escape. */
function readString(): string {
  const open = ++at;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 0x22) return text.slice(open, at++);
    if (code === 0x5c) return readEscapedString(text.slice(open, at));
    if (!(code >= 0x20)) {
      // NaN: the text ended.
      if (at >= text.length) fail(`End of string '"' expected ${gotAt()}`);
      fail(`Invalid character '${text[at]}' at position ${at}`);
    }
    at++;
  }
}

function readEscapedString(head: string): string {
  let result = head;
  let run = at;
  for (;;) {
    const code = text.charCodeAt(at);
    if (code === 0x22) {
      result += text.slice(run, at++);
      return result;
    }
    if (code === 0x5c) {
      result += text.slice(run, at);
      result += escape();
      run = at;
    } else if (!(code >= 0x20)) {
      if (at >= text.length) fail(`End of string '"' expected ${gotAt()}`);
      fail(`Invalid character '${text[at]}' at position ${at}`);
    } else {
      at++;
    }
  }
}

/** Reads the escape sequence at `at` (a backslash) and returns the character it stands for. */
function escape(): string {
  const next = text.charCodeAt(at + 1);
  const simple = next < 128 ? ESCAPES[next] : undefined;
  if (simple !== undefined) {
    at += 2;
    return simple;
  }
  if (next === 0x75 && isHex(text.charCodeAt(at + 2)) && isHex(text.charCodeAt(at + 3)) && isHex(text.charCodeAt(at + 4)) && isHex(text.charCodeAt(at + 5))) {
    const char = String.fromCharCode(Number.parseInt(text.slice(at + 2, at + 6), 16));
    at += 6;
    return char;
  }
  if (next === 0x75) fail(`Invalid unicode character '${text.slice(at, at + 6)}' at position ${at}`);
  return fail(`Invalid escape character '${text.slice(at, at + 2)}' at position ${at}`);
}

const ESCAPES: (string | undefined)[] = [];
for (const [char, value] of Object.entries({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' })) ESCAPES[char.charCodeAt(0)] = value;

/**
 * 0n … 1023n, made once: readings are mostly small integers, and a bigint is a heap object on
 * every `BigInt()` call. Sharing them is safe: bigints are immutable and compared by value.
 */
const SMALL_INTEGERS: readonly bigint[] = Array.from({ length: 1024 }, (_, i) => BigInt(i));

/** 10^0 … 10^22: every one exact as a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Reads a number in the grammar lossless-json accepts. Digits only make an Integer: up to 15 are
 * read exactly as a double first (BigInt of a number is far cheaper than of text). A decimal of up
 * to 15 digits without exponent is its digits divided by a power of ten: both exact, so the one
 * rounding of the division gives the same double as `Number(text)`.
 */
function readNumber(): bigint | number {
  const start = at;
  const negative = text.charCodeAt(at) === 0x2d;
  if (negative) {
    at++;
    expectDigit(start);
  }
  let digits = 0;
  let mantissa = 0;
  let code = text.charCodeAt(at);
  if (code === 0x30) {
    at++;
    digits = 1;
  } else {
    // A leading '-' was checked above, and the caller saw a digit otherwise.
    while (code >= 0x30 && code <= 0x39) {
      mantissa = mantissa * 10 + (code - 0x30);
      digits++;
      code = text.charCodeAt(++at);
    }
  }
  code = text.charCodeAt(at);
  let fraction = 0;
  const point = code === 0x2e;
  if (point) {
    at++;
    expectDigit(start);
    code = text.charCodeAt(at);
    while (code >= 0x30 && code <= 0x39) {
      mantissa = mantissa * 10 + (code - 0x30);
      fraction++;
      code = text.charCodeAt(++at);
    }
  }
  if (code === 0x65 || code === 0x45) {
    at++;
    code = text.charCodeAt(at);
    if (code === 0x2d || code === 0x2b) at++;
    expectDigit(start);
    code = text.charCodeAt(at);
    while (code >= 0x30 && code <= 0x39) code = text.charCodeAt(++at);
    return Number(text.slice(start, at));
  }
  if (digits + fraction > 15) return parseLongNumber(text.slice(start, at), !point);
  if (!point) return negative ? BigInt(-mantissa) : mantissa < SMALL_INTEGERS.length ? SMALL_INTEGERS[mantissa] : BigInt(mantissa);
  const value = mantissa / POWERS_OF_TEN[fraction];
  return negative ? -value : value;
}

/** A number of more than 15 digits: an Integer when it fits 64 bits, otherwise a Decimal. */
function parseLongNumber(numberText: string, integer: boolean): bigint | number {
  if (integer) {
    const value = BigInt(numberText);
    if (value >= INT64_MIN && value <= INT64_MAX) return value;
  }
  return Number(numberText);
}

function expectDigit(start: number): void {
  const code = text.charCodeAt(at);
  if (!(code >= 0x30 && code <= 0x39)) fail(`Invalid number '${text.slice(start, at)}', expecting a digit ${gotAt()}`);
}

function keyword<T>(name: string, value: T): T | undefined {
  if (!text.startsWith(name, at)) return undefined;
  at += name.length;
  return value;
}

function skipWhitespace(): void {
  let code = text.charCodeAt(at);
  while (code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09) code = text.charCodeAt(++at);
}

function isHex(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function gotAt(): string {
  return `${at < text.length ? `but got '${text[at]}'` : 'but reached end of input'} at position ${at}`;
}

function fail(message: string): never {
  throw new SyntaxError(message);
}

/** lossless-json's equality for repeated keys, kept as it is (arrays and objects compared by their keys). */
function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => isDeepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.every((key) => isDeepEqual(a[key], b[key]));
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
