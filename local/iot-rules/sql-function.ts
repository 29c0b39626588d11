import type { EvalContext } from './eval-context';
import type { Expr } from './sql-ast';
import type { SqlValue } from './sql-values';

/** The SQL version that introduced a function, per its "Supported by SQL version" line. */
export type FunctionSince = '2015-10-08' | '2016-03-23';

/** A problem with a literal argument, found at compile time. */
export interface ArgumentProblem {
  readonly description: string;
  readonly at: number;
  /** When set, the problem is a feature the emulator does not implement rather than an error. */
  readonly unsupported?: boolean;
}

/**
 * One built-in function of https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-functions.html.
 * A call with the wrong number of arguments returns Undefined, as AWS documents ("Functions called
 * with invalid arguments … return Undefined").
 */
export interface SqlFunction {
  readonly since: FunctionSince;
  readonly minArgs: number;
  readonly maxArgs: number;
  readonly call: (args: readonly SqlValue[], context: EvalContext) => SqlValue;
  /** Validates literal arguments (an encoding scheme, a transform mode) when the rule is compiled. */
  readonly check?: (args: readonly Expr[]) => ArgumentProblem | undefined;
  /** When true, a `*` argument is the payload's raw bytes rather than its parsed object. */
  readonly rawStar?: boolean;
}

/** Shorthand for a function available since 2015-10-08 with a fixed argument count. */
export function fn(arity: number | [number, number], call: SqlFunction['call'], extra: Partial<SqlFunction> = {}): SqlFunction {
  const [minArgs, maxArgs] = typeof arity === 'number' ? [arity, arity] : arity;
  return { since: '2015-10-08', minArgs, maxArgs, call, ...extra };
}

/** The same, for functions added in SQL version 2016-03-23. */
export function fn2016(arity: number | [number, number], call: SqlFunction['call'], extra: Partial<SqlFunction> = {}): SqlFunction {
  return fn(arity, call, { since: '2016-03-23', ...extra });
}
