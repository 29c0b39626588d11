import { walk, type Node, type PathSegment } from './ast';
import type { Span } from './span';

/** A name an expression reads, and where. */
export interface NamedReference {
  readonly name: string;
  readonly span: Span;
}

/** An `$input.<input>.<path>` read. */
export interface InputReference {
  readonly input: string;
  readonly path: readonly PathSegment[];
  readonly span: Span;
}

/** What an expression reads: the basis of message routing and of model validation. */
export interface ExpressionReferences {
  readonly inputs: readonly InputReference[];
  readonly variables: readonly NamedReference[];
  /** Timers tested with `timeout("<name>")` (literal names only). */
  readonly timers: readonly NamedReference[];
  /** Inputs tested with `currentInput("<name>")` (literal names only). */
  readonly currentInputs: readonly NamedReference[];
  /** Every function called, once each. */
  readonly functions: readonly string[];
}

/** Lists every input path, variable, timer and function an expression refers to. */
export function collectReferences(ast: Node): ExpressionReferences {
  const inputs: InputReference[] = [];
  const variables: NamedReference[] = [];
  const timers: NamedReference[] = [];
  const currentInputs: NamedReference[] = [];
  const functions = new Set<string>();
  walk(ast, (node) => {
    if (node.kind === 'input') inputs.push({ input: node.input, path: node.path, span: node.span });
    else if (node.kind === 'variable') variables.push({ name: node.name, span: node.span });
    else if (node.kind === 'call') {
      functions.add(node.callee);
      const [first] = node.args;
      if (first?.kind !== 'string') return;
      if (node.callee === 'timeout') timers.push({ name: first.value, span: first.span });
      if (node.callee === 'currentInput') currentInputs.push({ name: first.value, span: first.span });
    }
  });
  return { inputs, variables, timers, currentInputs, functions: [...functions] };
}
