import type { Span } from './span';

/**
 * A runtime value of the IoT Events expression language.
 *
 * The JavaScript type carries the IoT Events type, so no value is boxed:
 * - `bigint`: **Integer** (64-bit signed, wrapping like a Java `long`);
 * - `number`: **Decimal** (IEEE double; `20.0` stays a decimal and prints `20.0`);
 * - `string`, `boolean`, `null`, `undefined` (missing data);
 * - {@link Fault}: the result of an invalid operation (a type error, a failed conversion). A fault
 *   poisons every expression that uses it, so a condition holding one is false and an action
 *   holding one fails, as in AWS IoT Events.
 */
export type Value = bigint | number | string | boolean | null | undefined | Fault;

/** The name of a value's type, as AWS IoT Events spells it in analysis messages. */
export type TypeName = 'Integer' | 'Decimal' | 'String' | 'Boolean' | 'Null' | 'Undefined' | 'Invalid';

/** Why an expression could not be evaluated, and where. Created only on the error path. */
export class Fault {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

/** Smallest and largest Integer values (64-bit signed). */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

/** Wraps an exact integer result into the 64-bit range, like Java `long` arithmetic. */
export function wrapInt64(value: bigint): bigint {
  return value >= INT64_MIN && value <= INT64_MAX ? value : BigInt.asIntN(64, value);
}

/** Returns the IoT Events type name of a value. */
export function typeName(value: Value): TypeName {
  switch (typeof value) {
    case 'bigint':
      return 'Integer';
    case 'number':
      return 'Decimal';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'undefined':
      return 'Undefined';
    default:
      return value === null ? 'Null' : 'Invalid';
  }
}

/** True for Integer and Decimal values. */
export function isNumeric(value: Value): value is bigint | number {
  const t = typeof value;
  return t === 'bigint' || t === 'number';
}

/**
 * Formats a decimal the way AWS IoT Events prints it: the shortest text that reads back as the same
 * double, in plain (never exponent) notation, with at least one fraction digit (`30.0`, `50.018`).
 */
export function formatDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite decimal: ${value}`);
  const text = String(value === 0 ? 0 : value);
  const plain = text.includes('e') ? expandExponent(text) : text;
  return plain.includes('.') ? plain : `${plain}.0`;
}

function expandExponent(text: string): string {
  const [mantissa, exponentText] = text.split('e');
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

/**
 * Formats a value as IoT Events literal text: `3`, `50.018`, `30.0`, `"text"`, `true`, `null`,
 * `undefined`. This is also the form DescribeDetector uses for variable values.
 */
export function formatValue(value: Value): string {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return formatDecimal(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    default:
      return value === null ? 'null' : 'invalid';
  }
}

/**
 * Turns a value found in a message payload into an expression value. Objects and arrays are not
 * values of the language (AWS IoT Events only exposes primitives), so they read as undefined.
 */
export function fromPayload(raw: unknown): Value {
  switch (typeof raw) {
    case 'bigint':
    case 'number':
    case 'string':
    case 'boolean':
    case 'undefined':
      return raw;
    default:
      return raw === null ? null : undefined;
  }
}
