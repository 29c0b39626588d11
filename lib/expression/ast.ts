import type { Span } from './span';

/** Binary operators, in the IoT Events spelling. */
export type BinaryOperator =
  | '||' | '&&' | '|' | '^' | '&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/';

/** Unary operators: logical not, two's-complement not, numeric negation. */
export type UnaryOperator = '!' | '~' | '-';

/** One step of an `$input` path: an attribute name or an array index. */
export type PathSegment = string | number;

/** A node of the expression syntax tree. Every node carries the span of its source text. */
export type Node =
  | { readonly kind: 'integer'; readonly value: bigint; readonly span: Span }
  | { readonly kind: 'decimal'; readonly value: number; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'template'; readonly parts: readonly (string | Node)[]; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'input'; readonly input: string; readonly path: readonly PathSegment[]; readonly span: Span }
  | { readonly kind: 'variable'; readonly name: string; readonly span: Span }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'call'; readonly callee: string; readonly args: readonly Node[]; readonly calleeSpan: Span; readonly span: Span }
  | { readonly kind: 'unary'; readonly operator: UnaryOperator; readonly operand: Node; readonly span: Span }
  | { readonly kind: 'binary'; readonly operator: BinaryOperator; readonly left: Node; readonly right: Node; readonly span: Span };

/** Calls `visit` on `node` and every node below it, parents first. */
export function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  switch (node.kind) {
    case 'template':
      for (const part of node.parts) if (typeof part !== 'string') walk(part, visit);
      return;
    case 'call':
      for (const arg of node.args) walk(arg, visit);
      return;
    case 'unary':
      walk(node.operand, visit);
      return;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      return;
    default:
      return;
  }
}
