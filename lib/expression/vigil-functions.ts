import type { Node } from './ast';
import type { Evaluator } from './context';
import type { BuiltIn } from './functions';
import { arithmetic } from './operators';
import type { Span } from './span';
import { Fault, typeName, wrapInt64, type Value } from './values';

type Numeric = bigint | number;
/** What a function computes from arguments already known to be numbers (or undefined where `seeds` allows). */
type Kernel = (args: readonly (Numeric | undefined)[], nodes: readonly Node[], call: Span) => Value;

/** The prefix that marks a function as a Vigil extension, not portable to AWS IoT Events. */
export const VIGIL_PREFIX = 'vigil_';

/**
 * Vigil's extension functions (not AWS IoT Events functions: a model using them runs only on Vigil,
 * and validation says so). Each is pure and is defined as an expression of the language's own
 * operators, so the types follow spec §3.3: Integer with Integer stays Integer, any Decimal makes a
 * Decimal, `sqrt`, `zscore` and `rate` always give a Decimal. A Fault argument is the result; an
 * argument of another type is a Fault at that argument's span; an undefined argument gives
 * undefined — except the previous average or variance of `vigil_ewma`/`vigil_ewmvar`, where
 * undefined means "no sample yet" (the first sample starts the average, with variance 0), so
 * `setVariable("mean", "vigil_ewma($variable.mean, $input.T.t, 0.1)")` works from the first message.
 */
export const VIGIL_FUNCTIONS: Readonly<Record<string, BuiltIn>> = {
  vigil_abs: numeric('vigil_abs', 1, ([x]) => (typeof x === 'bigint' ? (x < 0n ? wrapInt64(-x) : x) : Math.abs(x as number))),
  vigil_sqrt: numeric('vigil_sqrt', 1, ([x]) => squareRoot(x as Numeric)),
  vigil_min: numeric('vigil_min', 2, ([a, b]) => pick(a as Numeric, b as Numeric, (x, y) => x <= y)),
  vigil_max: numeric('vigil_max', 2, ([a, b]) => pick(a as Numeric, b as Numeric, (x, y) => x >= y)),
  vigil_ewma: numeric('vigil_ewma', 3, ([prev, x, alpha], nodes, call) => {
    const fault = checkAlpha(alpha as Numeric, nodes[2]);
    if (fault) return fault;
    const start = prev ?? (x as Numeric);
    // prev + alpha * (x - prev)
    return arithmetic('+', start, arithmetic('*', alpha, arithmetic('-', x, start, call), call), call);
  }, [0]),
  vigil_ewmvar: numeric('vigil_ewmvar', 4, ([prevVar, prevMean, x, alpha], nodes, call) => {
    const fault = checkAlpha(alpha as Numeric, nodes[3]);
    if (fault) return fault;
    const mean = prevVar === undefined || prevMean === undefined ? (x as Numeric) : prevMean;
    const variance = prevVar === undefined || prevMean === undefined ? 0n : prevVar;
    // (1 - alpha) * (prevVar + alpha * d * d), d = x - prevMean
    const d = arithmetic('-', x, mean, call);
    const spread = arithmetic('+', variance, arithmetic('*', arithmetic('*', alpha, d, call), d, call), call);
    return arithmetic('*', arithmetic('-', 1n, alpha, call), spread, call);
  }, [0, 1]),
  vigil_zscore: numeric('vigil_zscore', 3, ([x, mean, variance], _nodes, call) => {
    const deviation = squareRoot(variance as Numeric);
    if (deviation === undefined || deviation === 0) return undefined;
    return arithmetic('/', arithmetic('-', x, mean, call), deviation, call);
  }),
  vigil_rate: numeric('vigil_rate', 4, ([v1, t1, v2, t2], _nodes, call) => {
    // (v2 - v1) * 1000.0 / (t2 - t1): per second, timestamps in epoch ms; equal timestamps give undefined.
    return arithmetic('/', arithmetic('*', arithmetic('-', v2, v1, call), 1000.0, call), arithmetic('-', t2, t1, call), call);
  }),
  vigil_timestamp: {
    arity: 0,
    build: () => (context) => (context.timestamp === undefined ? undefined : BigInt(Math.trunc(context.timestamp))),
  },
};

/** Whether `name` is a Vigil extension function (not an AWS IoT Events one). */
export function isVigilFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(VIGIL_FUNCTIONS, name);
}

/**
 * A function of numeric arguments: evaluates them left to right, the first Fault (or argument of a
 * wrong type, a Fault at its span) is the result; then an undefined argument, unless its position
 * is one of `seeds` (where the kernel gives undefined its meaning).
 */
function numeric(name: string, arity: number, kernel: Kernel, seeds: readonly number[] = []): BuiltIn {
  return {
    arity,
    build: (args: readonly Evaluator[], nodes: readonly Node[], call: Span) => (context) => {
      const values: (Numeric | undefined)[] = [];
      let missing = false;
      for (let i = 0; i < args.length; i++) {
        const value = args[i](context);
        if (value instanceof Fault) return value;
        if (value === undefined) {
          if (!seeds.includes(i)) missing = true;
        } else if (typeof value !== 'bigint' && typeof value !== 'number') {
          return new Fault(`${name}() expects a number as argument ${i + 1}, got ${typeName(value)}`, nodes[i].span);
        }
        values.push(value as Numeric | undefined);
      }
      return missing ? undefined : kernel(values, nodes, call);
    },
  };
}

/**
 * The square root as a Decimal: the argument is converted to a double (an Integer beyond 2^53 to
 * the nearest one), then `Math.sqrt`, which IEEE 754 requires to be correctly rounded (round to
 * nearest, ties to even). A negative argument has no root: undefined, like division by zero (E7).
 */
function squareRoot(x: Numeric): number | undefined {
  const value = Number(x);
  return value < 0 ? undefined : Math.sqrt(value);
}

/** The argument `keep` prefers; an Integer only when both are Integers (mixed gives a Decimal, like `+`). */
function pick(a: Numeric, b: Numeric, keep: (x: number | bigint, y: number | bigint) => boolean): Numeric {
  if (typeof a === 'bigint' && typeof b === 'bigint') return keep(a, b) ? a : b;
  const x = Number(a);
  const y = Number(b);
  return keep(x, y) ? x : y;
}

/** A smoothing factor outside [0, 1] is a mistake in the model, not data: a Fault at its span. */
function checkAlpha(alpha: Numeric, node: Node): Fault | undefined {
  const value = Number(alpha);
  return value >= 0 && value <= 1 ? undefined : new Fault(`the smoothing factor alpha must be between 0 and 1, got ${String(alpha)}`, node.span);
}
