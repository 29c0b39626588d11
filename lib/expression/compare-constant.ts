import type { BinaryOperator, Node } from './ast';
import type { Evaluator } from './context';
import { field } from './members';
import { relational } from './operators';
import type { Span } from './span';
import { fromPayload, type Value } from './values';

const hasOwn = Object.prototype.hasOwnProperty;

/** The relational operators. */
export type Relational = '<' | '<=' | '>' | '>=';

/** Whether `operator` is `<`, `<=`, `>` or `>=`. */
export function isRelational(operator: BinaryOperator): operator is Relational {
  return operator === '<' || operator === '<=' || operator === '>' || operator === '>=';
}

/**
 * A comparison whose right operand is a constant Integer (`$input.X.pressure > 70`,
 * `$variable.count <= 1`): the constant is read once here, and a reference on the left is read in
 * the same closure. Each compiled node is a closure called through a call site that every node of
 * its kind shares, which the optimiser cannot inline; two calls fewer per comparison is most of
 * its cost.
 */
export function compareWithConstant(operator: Relational, left: Node, leftEvaluator: Evaluator, right: Value, span: Span): Evaluator {
  if (typeof right !== 'bigint') return (context) => relational(operator, leftEvaluator(context), right, span);
  if (left.kind === 'variable') {
    const { name } = left;
    return (context) => compareInteger(operator, hasOwn.call(context.variables, name) ? context.variables[name] : undefined, right, span);
  }
  if (left.kind === 'input' && left.path.length === 1 && typeof left.path[0] === 'string') {
    const { input } = left;
    const [a] = left.path;
    return (context) => compareInteger(operator, fromPayload(field(field(context.inputs, input), a)), right, span);
  }
  if (left.kind === 'input' && left.path.length === 2 && typeof left.path[0] === 'string' && typeof left.path[1] === 'string') {
    const { input } = left;
    const [a, b] = left.path;
    return (context) => compareInteger(operator, fromPayload(field(field(field(context.inputs, input), a), b)), right, span);
  }
  return (context) => compareInteger(operator, leftEvaluator(context), right, span);
}

/** `a <operator> right` for a constant Integer `right`: directly when `a` is an Integer too. */
function compareInteger(operator: Relational, a: Value, right: bigint, span: Span): Value {
  if (typeof a !== 'bigint') return relational(operator, a, right, span);
  switch (operator) {
    case '<':
      return a < right;
    case '<=':
      return a <= right;
    case '>':
      return a > right;
    case '>=':
      return a >= right;
  }
}
