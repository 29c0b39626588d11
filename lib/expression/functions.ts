import type { Node } from './ast';
import type { Evaluator } from './context';
import { convertTarget, convertValue } from './convert';
import type { Span } from './span';
import { Fault, typeName, type Value } from './values';

/** Raised by a built-in's `build` when a call is wrong in a way visible before any evaluation. */
export class CallProblem {
  constructor(
    readonly message: string,
    readonly span: Span,
  ) {}
}

/** A built-in function: its arity and how to turn compiled arguments into an evaluator. */
export interface BuiltIn {
  readonly arity: number;
  /** Returns the evaluator, or a CallProblem for a call that can never be valid. */
  build(args: readonly Evaluator[], nodes: readonly Node[], call: Span): Evaluator | CallProblem;
}

type StringTest = (text: string, part: string) => boolean;
type BitOperation = (a: bigint, b: bigint) => bigint;

/** The complete documented function list of AWS IoT Events (spec §3.5). Names are case-sensitive. */
export const BUILT_INS: Readonly<Record<string, BuiltIn>> = {
  timeout: {
    arity: 1,
    build: ([name], nodes) => (context) => {
      const value = name(context);
      if (typeof value === 'string') return context.timeout(value);
      return passThrough(value) ?? new Fault(`timeout() expects a timer name, got ${typeName(value)}`, nodes[0].span);
    },
  },
  convert: { arity: 2, build: buildConvert },
  isNull: {
    arity: 1,
    build: ([argument]) => (context) => {
      const value = argument(context);
      return value instanceof Fault ? value : value === null;
    },
  },
  isUndefined: {
    arity: 1,
    build: ([argument]) => (context) => {
      const value = argument(context);
      return value instanceof Fault ? value : value === undefined;
    },
  },
  triggerType: { arity: 1, build: buildTriggerType },
  currentInput: {
    arity: 1,
    build: ([name], nodes) => (context) => {
      const value = name(context);
      if (typeof value === 'string') return context.currentInput === value;
      return passThrough(value) ?? new Fault(`currentInput() expects an input name, got ${typeName(value)}`, nodes[0].span);
    },
  },
  startsWith: stringTest((text, part) => text.startsWith(part)),
  endsWith: stringTest((text, part) => text.endsWith(part)),
  contains: stringTest((text, part) => text.includes(part)),
  bitor: bitFunction((a, b) => a | b),
  bitand: bitFunction((a, b) => a & b),
  bitxor: bitFunction((a, b) => a ^ b),
  bitnot: {
    arity: 1,
    build: ([argument]) => (context) => {
      const value = argument(context);
      // Documented: a non-Integer argument gives undefined, with no conversion.
      return typeof value === 'bigint' ? ~value : value instanceof Fault ? value : undefined;
    },
  },
};

/** A fault or undefined argument is the call's result; anything else is left to the caller. */
function passThrough(value: Value): Value | null {
  return value === undefined || value instanceof Fault ? value : null;
}

function stringTest(test: StringTest): BuiltIn {
  return {
    arity: 2,
    build: ([text, part]) => (context) => {
      const a = text(context);
      if (a instanceof Fault) return a;
      const b = part(context);
      if (b instanceof Fault) return b;
      // Documented: a non-string argument gives undefined, with no conversion.
      return typeof a === 'string' && typeof b === 'string' ? test(a, b) : undefined;
    },
  };
}

function bitFunction(operation: BitOperation): BuiltIn {
  return {
    arity: 2,
    build: ([left, right]) => (context) => {
      const a = left(context);
      if (a instanceof Fault) return a;
      const b = right(context);
      if (b instanceof Fault) return b;
      return typeof a === 'bigint' && typeof b === 'bigint' ? operation(a, b) : undefined;
    },
  };
}

function buildConvert(args: readonly Evaluator[], nodes: readonly Node[]): Evaluator | CallProblem {
  const [targetNode, valueNode] = nodes;
  const value = args[1];
  const fixed = targetNode.kind === 'name' ? targetNode.name : targetNode.kind === 'string' ? targetNode.value : undefined;
  if (fixed !== undefined) {
    const target = convertTarget(fixed);
    if (!target) {
      return new CallProblem(`convert() cannot produce '${fixed}' at ${targetNode.span.start}; use String, Boolean or Decimal`, targetNode.span);
    }
    return (context) => convertValue(target, value(context), valueNode.span);
  }
  if (targetNode.kind !== 'variable' && targetNode.kind !== 'input' && targetNode.kind !== 'call' && targetNode.kind !== 'template') {
    return new CallProblem(`convert() needs String, Boolean or Decimal as its first argument at ${targetNode.span.start}`, targetNode.span);
  }
  const targetOf = args[0];
  return (context) => {
    const name = targetOf(context);
    if (typeof name !== 'string') {
      return passThrough(name) ?? new Fault(`convert() target must be a type name, got ${typeName(name)}`, targetNode.span);
    }
    const target = convertTarget(name);
    return target ? convertValue(target, value(context), valueNode.span) : new Fault(`convert() cannot produce '${name}'`, targetNode.span);
  };
}

function buildTriggerType(args: readonly Evaluator[], nodes: readonly Node[]): Evaluator | CallProblem {
  const node = nodes[0];
  if (node.kind === 'string') {
    // AWS's own docs write both "Message" and "MESSAGE": compare without regard to case.
    const wanted = node.value.toLowerCase();
    if (wanted !== 'message' && wanted !== 'timer') {
      return new CallProblem(`triggerType() takes "Message" or "Timer" at ${node.span.start}, not ${JSON.stringify(node.value)}`, node.span);
    }
    return (context) => context.trigger.toLowerCase() === wanted;
  }
  const argument = args[0];
  return (context) => {
    const value = argument(context);
    if (typeof value === 'string') return context.trigger.toLowerCase() === value.toLowerCase();
    return passThrough(value) ?? new Fault(`triggerType() expects "Message" or "Timer", got ${typeName(value)}`, node.span);
  };
}
