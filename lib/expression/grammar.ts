import type { BinaryOperator } from './ast';

/**
 * Binding strength of each binary operator; higher binds tighter. AWS documents no precedence
 * table; this is C/JavaScript order, the one AWS's own CDK construct assumes when it parenthesises
 * IoT Events expressions (see docs/decisions.md). All binary operators are left-associative.
 */
export const PRECEDENCE: Readonly<Record<BinaryOperator, number>> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '+': 8,
  '-': 8,
  '*': 9,
  '/': 9,
};

/** True when `value` is a binary operator of the language. */
export function isBinaryOperator(value: string): value is BinaryOperator {
  return Object.prototype.hasOwnProperty.call(PRECEDENCE, value);
}
