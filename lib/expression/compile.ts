import type { BinaryOperator, Node, PathSegment } from './ast';
import type { EvalContext, Evaluator } from './context';
import { ExpressionCompileError } from './errors';
import { CallProblem } from './functions';
import { CONTEXT_FUNCTIONS, FUNCTIONS } from './function-table';
import { VIGIL_FUNCTIONS, VIGIL_PREFIX } from './vigil-functions';
import { compareWithConstant, isRelational } from './compare-constant';
import { field, member } from './members';
import { arithmetic, bitwise, relational, sameValue, unary } from './operators';
import type { Span } from './span';
import { Fault, INT64_MAX, formatDecimal, fromPayload, typeName, wrapInt64, type Value } from './values';

const hasOwn = Object.prototype.hasOwnProperty;
const NO_CONTEXT: EvalContext = {
  inputs: {},
  variables: {},
  currentInput: undefined,
  trigger: 'Message',
  timeout: () => false,
};

/**
 * Compiles a syntax tree into a closure. No code is generated and nothing is `eval`ed: each node
 * becomes a small function over its children. Subtrees that read nothing from the context are
 * evaluated once, here.
 *
 * @throws ExpressionCompileError for unknown functions and names, wrong arity, bad `convert` targets.
 */
export function compileNode(node: Node, source: string): Evaluator {
  const evaluator = build(node, source);
  if (!isConstant(node)) return evaluator;
  const value = evaluator(NO_CONTEXT);
  return () => value;
}

function build(node: Node, source: string): Evaluator {
  switch (node.kind) {
    case 'integer':
      return constant(node.value > INT64_MAX ? Number(node.value) : node.value);
    case 'decimal':
    case 'string':
    case 'boolean':
      return constant(node.value);
    case 'template':
      return template(node.parts.map((part) => (typeof part === 'string' ? part : compileNode(part, source))));
    case 'input':
      return inputReference(node.input, node.path);
    case 'variable':
      return variableReference(node.name);
    case 'name':
      throw new ExpressionCompileError(
        `unknown name '${node.name}' at ${node.span.start}; read data with $input.<Input>.<attribute> or $variable.<name>, and quote strings`,
        node.span,
        source,
      );
    case 'call':
      return call(node, source);
    case 'unary': {
      if (node.operator === '-' && node.operand.kind === 'integer') {
        // Folded here so that -9223372036854775808 is the smallest Integer, not an overflow.
        return constant(wrapInt64(-node.operand.value));
      }
      const operand = compileNode(node.operand, source);
      const { operator, span } = node;
      return (context) => unary(operator, operand(context), span);
    }
    case 'binary': {
      const { operator, left, right, span } = node;
      if (isRelational(operator) && isConstant(right) && !isConstant(left)) {
        // `$input.X.pressure > 70`: the constant is read once here, not called for on every evaluation.
        return compareWithConstant(operator, left, compileNode(left, source), compileNode(right, source)(NO_CONTEXT), span);
      }
      return binary(operator, compileNode(left, source), compileNode(right, source), span, left.span, right.span);
    }
  }
}

function constant(value: Value): Evaluator {
  return () => value;
}

function isConstant(node: Node): boolean {
  switch (node.kind) {
    case 'input':
    case 'variable':
      return false;
    case 'call':
      return !CONTEXT_FUNCTIONS.has(node.callee) && node.args.every(isConstant);
    case 'template':
      return node.parts.every((part) => typeof part === 'string' || isConstant(part));
    case 'unary':
      return isConstant(node.operand);
    case 'binary':
      return isConstant(node.left) && isConstant(node.right);
    default:
      return true;
  }
}

function call(node: Extract<Node, { kind: 'call' }>, source: string): Evaluator {
  const builtIn = hasOwn.call(FUNCTIONS, node.callee) ? FUNCTIONS[node.callee] : undefined;
  if (!builtIn) {
    const wanted = node.callee.toLowerCase();
    const near = Object.keys(FUNCTIONS).find((name) => name.toLowerCase() === wanted);
    // `abs(x)`: AWS has no such function, Vigil's extension does it.
    const extension = near ? undefined : Object.keys(VIGIL_FUNCTIONS).find((name) => name === VIGIL_PREFIX + wanted);
    const hint = near
      ? `did you mean ${near}()?`
      : extension
        ? `did you mean ${extension}()? (a Vigil extension, not portable to AWS IoT Events)`
        : `the functions are ${Object.keys(FUNCTIONS).join(', ')}`;
    throw new ExpressionCompileError(`unknown function '${node.callee}' at ${node.calleeSpan.start}; ${hint}`, node.calleeSpan, source);
  }
  if (node.args.length !== builtIn.arity) {
    const plural = builtIn.arity === 1 ? 'argument' : 'arguments';
    throw new ExpressionCompileError(
      `${node.callee}() takes ${builtIn.arity} ${plural}, got ${node.args.length} at ${node.span.start}`,
      node.span,
      source,
    );
  }
  // convert(String, x): the bare type keyword is not an expression of its own.
  const args = node.args.map((arg, i) => (node.callee === 'convert' && i === 0 && arg.kind === 'name' ? constant(arg.name) : compileNode(arg, source)));
  const result = builtIn.build(args, node.args, node.span);
  if (result instanceof CallProblem) throw new ExpressionCompileError(result.message, result.span, source);
  return result;
}

function template(parts: readonly (string | Evaluator)[]): Evaluator {
  return (context) => {
    let text = '';
    for (const part of parts) {
      if (typeof part === 'string') {
        text += part;
        continue;
      }
      const value = part(context);
      if (value === undefined || value instanceof Fault) return value;
      text += renderInTemplate(value);
    }
    return text;
  };
}

/** Strings are inserted raw; numbers and Booleans as their literal text; null as `null`. */
function renderInTemplate(value: Exclude<Value, undefined | Fault>): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatDecimal(value);
    default:
      return String(value);
  }
}

function inputReference(input: string, path: readonly PathSegment[]): Evaluator {
  // The common paths of one or two attribute names read without a loop or a test of the segment's kind.
  const [a, b] = path;
  if (path.length === 1 && typeof a === 'string') return (context) => fromPayload(field(field(context.inputs, input), a));
  if (path.length === 2 && typeof a === 'string' && typeof b === 'string') {
    return (context) => fromPayload(field(field(field(context.inputs, input), a), b));
  }
  return (context) => {
    let target = field(context.inputs, input);
    for (const key of path) target = member(target, key);
    return fromPayload(target);
  };
}

function variableReference(name: string): Evaluator {
  return (context) => {
    const variables = context.variables;
    return hasOwn.call(variables, name) ? variables[name] : undefined;
  };
}

function binary(operator: BinaryOperator, left: Evaluator, right: Evaluator, span: Span, leftSpan: Span, rightSpan: Span): Evaluator {
  switch (operator) {
    case '&&':
      return (context) => {
        const a = left(context);
        if (a === false || a === undefined) return false; // undefined counts as false
        if (a !== true) return notBoolean('&&', a, leftSpan);
        const b = right(context);
        if (b === true || b === false) return b;
        return b === undefined ? false : notBoolean('&&', b, rightSpan);
      };
    case '||':
      return (context) => {
        const a = left(context);
        if (a === true) return true;
        if (a !== false && a !== undefined) return notBoolean('||', a, leftSpan);
        const b = right(context);
        if (b === true || b === false) return b;
        return b === undefined ? false : notBoolean('||', b, rightSpan);
      };
    case '==':
    case '!=': {
      const equal = operator === '==';
      return (context) => {
        const a = left(context);
        if (a instanceof Fault) return a;
        const b = right(context);
        if (b instanceof Fault) return b;
        // Undefined equals nothing: `$variable.x != $variable.x` is how blueprints test "unset".
        if (a === undefined || b === undefined) return !equal;
        return sameValue(a, b) === equal;
      };
    }
    case '<':
      return (context) => {
        const a = left(context);
        const b = right(context);
        return typeof a === 'bigint' && typeof b === 'bigint' ? a < b : relational(operator, a, b, span);
      };
    case '<=':
      return (context) => {
        const a = left(context);
        const b = right(context);
        return typeof a === 'bigint' && typeof b === 'bigint' ? a <= b : relational(operator, a, b, span);
      };
    case '>':
      return (context) => {
        const a = left(context);
        const b = right(context);
        return typeof a === 'bigint' && typeof b === 'bigint' ? a > b : relational(operator, a, b, span);
      };
    case '>=':
      return (context) => {
        const a = left(context);
        const b = right(context);
        return typeof a === 'bigint' && typeof b === 'bigint' ? a >= b : relational(operator, a, b, span);
      };
    case '&':
    case '|':
    case '^':
      return (context) => bitwise(operator, left(context), right(context), span);
    default:
      return (context) => arithmetic(operator, left(context), right(context), span);
  }
}

function notBoolean(operator: string, value: Value, at: Span): Value {
  return value instanceof Fault ? value : new Fault(`operator '${operator}' needs Boolean operands, got ${typeName(value)}`, at);
}
