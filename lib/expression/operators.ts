import type { Span } from './span';
import { Fault, typeName, wrapInt64, type Value } from './values';

/**
 * The operator semantics of AWS IoT Events (spec §3.3), on {@link Value}s:
 * - an undefined operand makes arithmetic, relational, bitwise and unary results undefined;
 * - a {@link Fault} operand is passed through unchanged (the first fault wins);
 * - incompatible operand types produce a new Fault naming both types.
 * `==`/`!=` and `&&`/`||` have their own undefined rules and live in the compiler.
 */

/** `+ - * /` on two values. Integer op Integer is an Integer; any Decimal makes a Decimal. */
export function arithmetic(operator: '+' | '-' | '*' | '/', a: Value, b: Value, at: Span): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (operator) {
      case '+':
        return wrapInt64(a + b);
      case '-':
        return wrapInt64(a - b);
      case '*':
        return wrapInt64(a * b);
      case '/':
        // BigInt division truncates toward zero, as Java long division does. x/0 is undefined.
        return b === 0n ? undefined : wrapInt64(a / b);
    }
  }
  if (operator === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (isNumber(a) && isNumber(b)) {
    const x = Number(a);
    const y = Number(b);
    let result: number;
    switch (operator) {
      case '+':
        result = x + y;
        break;
      case '-':
        result = x - y;
        break;
      case '*':
        result = x * y;
        break;
      case '/':
        if (y === 0) return undefined;
        result = x / y;
        break;
    }
    return Number.isFinite(result) ? result : new Fault(`decimal overflow in '${operator}'`, at);
  }
  return invalidPair(operator, a, b, at);
}

/** `< <= > >=`: numbers compare across Integer/Decimal, strings lexicographically. */
export function relational(operator: '<' | '<=' | '>' | '>=', a: Value, b: Value, at: Span): Value {
  let order: number;
  if (typeof a === 'bigint' && typeof b === 'bigint') order = a < b ? -1 : a > b ? 1 : 0;
  else if (isNumber(a) && isNumber(b)) order = numericOrder(a, b);
  else if (typeof a === 'string' && typeof b === 'string') order = a < b ? -1 : a > b ? 1 : 0;
  else return invalidPair(operator, a, b, at);
  switch (operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/**
 * Equality of two defined values. Integer and Decimal compare by value (`20 == 20.0`); any other
 * pair of different types is simply unequal, never an error (AWS: the string "true" "can never
 * equal" the Boolean true).
 */
export function sameValue(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (isNumber(a) && isNumber(b)) return numericOrder(a, b) === 0;
  return false;
}

/** `& | ^` on two Integers, 64-bit two's complement. */
export function bitwise(operator: '&' | '|' | '^', a: Value, b: Value, at: Span): Value {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (operator) {
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
    }
  }
  return invalidPair(operator, a, b, at);
}

/** Unary `-`, `!` and `~`. */
export function unary(operator: '-' | '!' | '~', a: Value, at: Span): Value {
  if (a === undefined || a instanceof Fault) return a;
  if (operator === '-') {
    if (typeof a === 'bigint') return wrapInt64(-a);
    if (typeof a === 'number') return -a;
  } else if (operator === '!') {
    if (typeof a === 'boolean') return !a;
  } else if (typeof a === 'bigint') {
    return ~a;
  }
  return new Fault(`operator '${operator}' cannot be applied to ${typeName(a)}`, at);
}

/** A Fault for an operator applied to the wrong types, or the operand fault/undefined that wins. */
function invalidPair(operator: string, a: Value, b: Value, at: Span): Value {
  if (a instanceof Fault) return a;
  if (b instanceof Fault) return b;
  if (a === undefined || b === undefined) return undefined;
  return new Fault(`operator '${operator}' cannot be applied to ${typeName(a)} and ${typeName(b)}`, at);
}

function isNumber(value: Value): value is bigint | number {
  return typeof value === 'number' || typeof value === 'bigint';
}

function numericOrder(a: bigint | number, b: bigint | number): number {
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
