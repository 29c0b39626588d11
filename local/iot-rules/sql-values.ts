import { formatDecimal, stringifyTypedJson } from '../../lib/expression';

/**
 * A runtime value of AWS IoT SQL, in Vigil's typed-JSON representation so payload numbers keep
 * their lexical type: `bigint` is an Int, `number` a Decimal (`20.0` stays a Decimal), `undefined`
 * is AWS's Undefined (a missing field; never serialised). A `Buffer` is a non-JSON payload reached
 * through `*`. See https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-data-types.html.
 */
export type SqlValue = bigint | number | string | boolean | null | undefined | Buffer | readonly SqlValue[] | SqlObject;

/** A JSON object value. Only own properties are fields. */
export interface SqlObject {
  readonly [key: string]: SqlValue;
}

/** The AWS IoT SQL type of a value, as the documentation names it. */
export type SqlKind = 'Int' | 'Decimal' | 'String' | 'Boolean' | 'Null' | 'Undefined' | 'Array' | 'Object' | 'Binary';

/** Returns the AWS IoT SQL type of `value`. */
export function kindOf(value: SqlValue): SqlKind {
  switch (typeof value) {
    case 'bigint':
      return 'Int';
    case 'number':
      return 'Decimal';
    case 'string':
      return 'String';
    case 'boolean':
      return 'Boolean';
    case 'undefined':
      return 'Undefined';
    default:
      if (value === null) return 'Null';
      if (Buffer.isBuffer(value)) return 'Binary';
      return Array.isArray(value) ? 'Array' : 'Object';
  }
}

/** True for JSON objects (not arrays, not binary payloads). */
export function isSqlObject(value: SqlValue): value is SqlObject {
  return kindOf(value) === 'Object';
}

/** The strings AWS converts to a Decimal (data types page, "To Decimal"). */
export const DECIMAL_TEXT = /^-?\d+(\.\d+)?([eE]-?\d+)?$/;

/**
 * The numeric view of a value for arithmetic and ordering: Int and Decimal as they are, a String
 * that looks like a number as a Decimal, anything else undefined (AWS: "Undefined").
 */
export function toNumeric(value: SqlValue): bigint | number | undefined {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : undefined;
  }
  return undefined;
}

/** How a Decimal becomes an Int: AWS's pages say "rounded down" (truncated) in most places. */
export type IntRounding = 'truncate' | 'floor' | 'ceil' | 'nearest';

/** Converts to an Int (`bigint`) through {@link toNumeric}, or undefined when impossible. */
export function toInt(value: SqlValue, rounding: IntRounding = 'truncate'): bigint | undefined {
  const numeric = toNumeric(value);
  if (typeof numeric !== 'number') return numeric;
  const whole =
    rounding === 'floor' ? Math.floor(numeric)
    : rounding === 'ceil' ? Math.ceil(numeric)
    : rounding === 'nearest' ? Math.sign(numeric) * Math.round(Math.abs(numeric))
    : Math.trunc(numeric);
  return BigInt(whole);
}

/** Booleans, and the strings `true`/`false` in any letter case; anything else undefined. */
export function toBoolean(value: SqlValue): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/**
 * AWS's standard conversion to String: numbers as written (decimals keep a fraction digit),
 * booleans lower case, arrays and objects as JSON; Null and Undefined have no string form.
 */
export function toText(value: SqlValue): string | undefined {
  switch (kindOf(value)) {
    case 'Int':
      return (value as bigint).toString();
    case 'Decimal':
      return Number.isFinite(value) ? formatDecimal(value as number) : undefined;
    case 'String':
      return value as string;
    case 'Boolean':
      return value ? 'true' : 'false';
    case 'Array':
    case 'Object':
      return stringifyTypedJson(value);
    default:
      return undefined;
  }
}

/** Reads an own field of an object value; inherited properties (`constructor`) are not fields. */
export function field(value: SqlValue, name: string): SqlValue {
  return isSqlObject(value) && Object.hasOwn(value, name) ? value[name] : undefined;
}

/**
 * Sets `key` on a result object. `defineProperty` keeps a key such as `__proto__` an ordinary
 * member, so a payload can never change the prototype of an output.
 */
export function setField(target: Record<string, SqlValue>, key: string, value: SqlValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
