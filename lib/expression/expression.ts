import type { Node } from './ast';
import { compileNode } from './compile';
import type { EvalContext } from './context';
import { parseExpression } from './parser';
import type { Value } from './values';

/** An expression parsed and compiled once, evaluated many times. */
export interface CompiledExpression {
  /** The text it was compiled from. */
  readonly source: string;
  /** Its syntax tree, for analysis and error reporting. */
  readonly ast: Node;
  /** Runs it. Never throws: invalid operations yield a `Fault` value. */
  evaluate(context: EvalContext): Value;
}

/**
 * Parses and compiles IoT Events expression text. Pure: the same text always gives an equivalent
 * expression, and nothing outside `context` is read during evaluation.
 *
 * @throws ExpressionSyntaxError when the text does not parse.
 * @throws ExpressionCompileError for unknown functions or names, wrong arity, bad `convert` targets.
 */
export function compileExpression(source: string): CompiledExpression {
  const ast = parseExpression(source);
  return { source, ast, evaluate: compileNode(ast, source) };
}
