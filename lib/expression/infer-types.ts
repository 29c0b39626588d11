import type { BinaryOperator, Node, PathSegment } from './ast';
import { convertTarget } from './convert';
import type { Span } from './span';
import { inferVigilCall } from './vigil-types';

/** Bit flags of a {@link TypeSet}: the types a value may have. */
export const TYPE = { Integer: 1, Decimal: 2, String: 4, Boolean: 8, Null: 16, Undefined: 32 } as const;
/** A set of possible types, as a bit mask of {@link TYPE} flags. 0 means "always invalid". */
export type TypeSet = number;
/** Any value at all: what an input attribute of unknown type may hold. */
export const ANY_TYPE: TypeSet = 63;

const NUMERIC = TYPE.Integer | TYPE.Decimal;
const DEFINED = ANY_TYPE & ~TYPE.Undefined;
const NAMES = Object.keys(TYPE) as (keyof typeof TYPE)[];

/** Formats a type set as AWS analysis messages do: `[Integer, Decimal]`. */
export function describeTypes(types: TypeSet): string {
  return `[${NAMES.filter((name) => types & TYPE[name]).join(', ')}]`;
}

/** Where type inference gets the types of the names an expression reads. */
export interface TypeEnvironment {
  variable(name: string): TypeSet;
  input(input: string, path: readonly PathSegment[]): TypeSet;
}

/** A type problem found without running the expression. */
export interface TypeFinding {
  readonly message: string;
  readonly span: Span;
}

/** The inferred result type of an expression, and the operators it applies to incompatible types. */
export interface TypeInference {
  readonly type: TypeSet;
  readonly findings: readonly TypeFinding[];
}

/**
 * Infers the set of types an expression can produce. A finding is reported only when a problem is
 * certain for every type the operands may have, so a finding means the operation always fails (or,
 * for `==`/`!=`, always compares unequal).
 */
export function inferType(ast: Node, environment: TypeEnvironment): TypeInference {
  const findings: TypeFinding[] = [];
  const type = infer(ast, environment, findings);
  return { type, findings };
}

function infer(node: Node, env: TypeEnvironment, findings: TypeFinding[]): TypeSet {
  switch (node.kind) {
    case 'integer':
      return TYPE.Integer;
    case 'decimal':
      return TYPE.Decimal;
    case 'string':
    case 'name':
      return TYPE.String;
    case 'boolean':
      return TYPE.Boolean;
    case 'template': {
      let type: TypeSet = TYPE.String;
      for (const part of node.parts) if (typeof part !== 'string') type |= infer(part, env, findings) & TYPE.Undefined;
      return type;
    }
    case 'input':
      return env.input(node.input, node.path);
    case 'variable':
      return env.variable(node.name);
    case 'call': {
      const args = node.args.map((arg) => infer(arg, env, findings));
      return inferVigilCall(node, args, findings) ?? inferCall(node, args);
    }
    case 'unary': {
      const operand = infer(node.operand, env, findings);
      const accepted = node.operator === '-' ? NUMERIC : node.operator === '!' ? TYPE.Boolean : TYPE.Integer;
      const defined = operand & DEFINED;
      if (defined && !(defined & accepted)) {
        findings.push({ message: `operator '${node.operator}' cannot be applied to ${describeTypes(defined)}`, span: node.span });
      }
      return (operand & accepted) | (operand & TYPE.Undefined);
    }
    case 'binary':
      return inferBinary(node.operator, infer(node.left, env, findings), infer(node.right, env, findings), node.span, findings);
  }
}

function inferBinary(operator: BinaryOperator, left: TypeSet, right: TypeSet, at: Span, findings: TypeFinding[]): TypeSet {
  const l = left & DEFINED;
  const r = right & DEFINED;
  const maybeUndefined = (left | right) & TYPE.Undefined;
  const report = (message: string) => findings.push({ message, span: at });
  switch (operator) {
    case '&&':
    case '||':
      if (l && !(l & TYPE.Boolean)) report(`operator '${operator}' needs Boolean operands, not ${describeTypes(l)}`);
      if (r && !(r & TYPE.Boolean)) report(`operator '${operator}' needs Boolean operands, not ${describeTypes(r)}`);
      return TYPE.Boolean;
    case '==':
    case '!=':
      if (l && r && !compatible(l, r)) {
        report(`comparing ${describeTypes(l)} with ${describeTypes(r)}: incompatible types are never equal`);
      }
      return TYPE.Boolean;
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const valid = (l & NUMERIC && r & NUMERIC) || (l & TYPE.String && r & TYPE.String);
      if (l && r && !valid) report(`operator '${operator}' cannot compare ${describeTypes(l)} with ${describeTypes(r)}`);
      return valid || !(l && r) ? TYPE.Boolean | maybeUndefined : maybeUndefined;
    }
    case '&':
    case '|':
    case '^': {
      const valid = l & TYPE.Integer && r & TYPE.Integer;
      if (l && r && !valid) report(`operator '${operator}' needs Integer operands, not ${describeTypes(l)} and ${describeTypes(r)}`);
      return (valid ? TYPE.Integer : 0) | maybeUndefined;
    }
    default: {
      const numeric = l & NUMERIC && r & NUMERIC;
      const text = operator === '+' && l & TYPE.String && r & TYPE.String;
      if (l && r && !numeric && !text) {
        report(`operator '${operator}' cannot be applied to ${describeTypes(l)} and ${describeTypes(r)}`);
      }
      let type: TypeSet = maybeUndefined;
      if (operator === '/') type |= TYPE.Undefined; // division by zero
      if (numeric) type |= (l | r) & TYPE.Decimal ? TYPE.Decimal | (l & r & TYPE.Integer) : TYPE.Integer;
      if (text) type |= TYPE.String;
      return type;
    }
  }
}

function compatible(a: TypeSet, b: TypeSet): boolean {
  return Boolean(a & b) || Boolean(a & NUMERIC && b & NUMERIC);
}

function inferCall(node: Extract<Node, { kind: 'call' }>, args: readonly TypeSet[]): TypeSet {
  switch (node.callee) {
    case 'startsWith':
    case 'endsWith':
    case 'contains':
      return TYPE.Boolean | (args.every((type) => type === TYPE.String) ? 0 : TYPE.Undefined);
    case 'bitor':
    case 'bitand':
    case 'bitxor':
    case 'bitnot':
      return TYPE.Integer | (args.every((type) => type === TYPE.Integer) ? 0 : TYPE.Undefined);
    case 'convert': {
      const [target] = node.args;
      const name = target?.kind === 'name' ? target.name : target?.kind === 'string' ? target.value : undefined;
      const resolved = name === undefined ? undefined : convertTarget(name);
      const type = resolved ? TYPE[resolved] : TYPE.String | TYPE.Boolean | TYPE.Decimal;
      return type | ((args[1] ?? 0) & TYPE.Undefined);
    }
    default:
      return TYPE.Boolean;
  }
}
