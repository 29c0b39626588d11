import { compareNumbers, decimalAdd, decimalDivide, decimalMultiply, decimalRemainder, decimalSubtract } from './decimal-math';
import type { BinaryOp } from './sql-ast';
import { isSqlObject, kindOf, toBoolean, toNumeric, toText, type SqlValue } from './sql-values';

/**
 * The operators of https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-operators.html,
 * table by table. Any operand combination the tables call "Other Value" gives Undefined, which is
 * never true, so a WHERE clause holding it does not fire.
 */
export function applyBinary(op: BinaryOp, left: SqlValue, right: SqlValue): SqlValue {
  switch (op) {
    case 'AND':
    case 'OR':
      return logical(op, left, right);
    case '=':
      return left === undefined || right === undefined ? undefined : sqlEquals(left, right);
    case '<>':
      return left === undefined || right === undefined ? undefined : !sqlEquals(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return order(op, left, right);
    case '+':
      return plus(left, right);
    default:
      return arithmetic(op, left, right);
  }
}

/** `NOT x` and `-x`. */
export function applyUnary(op: '-' | 'NOT', operand: SqlValue): SqlValue {
  if (op === 'NOT') {
    const value = toBoolean(operand);
    return value === undefined ? undefined : !value;
  }
  const numeric = toNumeric(operand);
  if (numeric === undefined) return undefined;
  // A numeric string negates to a Decimal, like the other arithmetic operators on strings.
  return typeof operand === 'string' ? -Number(numeric) : -numeric;
}

// AND/OR take Booleans or the strings "true"/"false" (any case); anything else is Undefined.
// AWS lists no short-circuit rule, so `true OR <undefined>` is Undefined too. [documented table]
function logical(op: 'AND' | 'OR', left: SqlValue, right: SqlValue): SqlValue {
  const a = toBoolean(left);
  const b = toBoolean(right);
  if (a === undefined || b === undefined) return undefined;
  return op === 'AND' ? a && b : a || b;
}

/**
 * AWS's `=`: Int and Decimal compare by value, strings, booleans and nulls by value, arrays item by
 * item in order, objects key by key in any order; values of different types are not equal.
 */
export function sqlEquals(a: SqlValue, b: SqlValue): boolean {
  const kind = kindOf(a);
  const other = kindOf(b);
  const numeric = (k: string) => k === 'Int' || k === 'Decimal';
  if (numeric(kind) && numeric(other)) {
    if (!Number.isFinite(a) && typeof a === 'number') return a === b;
    if (!Number.isFinite(b) && typeof b === 'number') return false;
    return compareNumbers(a as bigint | number, b as bigint | number) === 0;
  }
  if (kind !== other) return false;
  if (kind === 'Binary') return (a as Buffer).equals(b as Buffer);
  if (kind === 'Array') {
    const x = a as readonly SqlValue[];
    const y = b as readonly SqlValue[];
    return x.length === y.length && x.every((item, i) => sqlEquals(item, y[i]));
  }
  if (isSqlObject(a) && isSqlObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sqlEquals(a[key], b[key]));
  }
  return a === b;
}

// `< <= > >=` convert both operands to Decimal (numeric strings included) and compare; strings
// that are not numbers, booleans, nulls and collections give Undefined.
function order(op: '<' | '<=' | '>' | '>=', left: SqlValue, right: SqlValue): SqlValue {
  const a = toNumeric(left);
  const b = toNumeric(right);
  if (a === undefined || b === undefined) return undefined;
  const c = compareNumbers(a, b);
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

// `+` concatenates when either side is a String (the other side converted with the standard
// conversions), otherwise adds numbers.
function plus(left: SqlValue, right: SqlValue): SqlValue {
  if (typeof left === 'string' || typeof right === 'string') {
    const a = toText(left);
    const b = toText(right);
    return a === undefined || b === undefined ? undefined : a + b;
  }
  return arithmetic('+', left, right);
}

// Int op Int is an Int (division truncates, like Java); any Decimal or numeric String makes the
// result a Decimal. Dividing by zero is Undefined (AWS does not say). [inferred]
function arithmetic(op: BinaryOp, left: SqlValue, right: SqlValue): SqlValue {
  // `+` accepts no strings here: they were concatenated above.
  const a = op === '+' && typeof left === 'string' ? undefined : toNumeric(left);
  const b = op === '+' && typeof right === 'string' ? undefined : toNumeric(right);
  if (a === undefined || b === undefined) return undefined;
  if (typeof a === 'bigint' && typeof b === 'bigint') return intArithmetic(op, a, b);
  switch (op) {
    case '+':
      return decimalAdd(a, b);
    case '-':
      return decimalSubtract(a, b);
    case '*':
      return decimalMultiply(a, b);
    case '/':
      return decimalDivide(a, b);
    default:
      return decimalRemainder(a, b);
  }
}

// AWS Ints have at most 34 digits (data types page); a result beyond that becomes a Decimal, which
// also keeps repeated squaring in SET variables from building unbounded integers. [inferred]
const INT_LIMIT = 10n ** 34n;

function intArithmetic(op: BinaryOp, a: bigint, b: bigint): SqlValue {
  if ((op === '/' || op === '%') && b === 0n) return undefined;
  const result = op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
  if (result < INT_LIMIT && result > -INT_LIMIT) return result;
  const decimal = Number(result);
  return Number.isFinite(decimal) ? decimal : undefined;
}
