import { castKeywords, castTarget, castValue } from './cast';
import { IotSqlError } from './errors';
import type { EvalContext, Evaluator } from './eval-context';
import { lookupFunction } from './function-table';
import type { Expr, Query } from './sql-ast';
import { applyBinary, applyUnary, sqlEquals } from './sql-operators';
import { field, kindOf, setField, toInt, type SqlValue } from './sql-values';
import type { SqlVersion } from './types';

/**
 * Turns expression trees into closures, checking on the way everything that does not depend on
 * the message: function names and versions, cast targets, literal arguments, variables. No code
 * is generated from text.
 */
export abstract class ExpressionCompiler {
  /** Variables assigned by SET so far, in order; a reference to any other is an error. */
  protected readonly variables = new Set<string>();

  constructor(
    protected readonly sql: string,
    protected readonly version: SqlVersion,
  ) {}

  /** Compiles a nested `(SELECT … FROM expr …)` query. */
  protected abstract compileSubquery(query: Query): Evaluator;

  /** An {@link IotSqlError} for this statement. */
  protected error(description: string, at: number, detail?: string): IotSqlError {
    return new IotSqlError(description, at, this.sql, detail);
  }

  /** Rejects a construct that AWS added in SQL version 2016-03-23 when the rule uses 2015-10-08. */
  protected require2016(what: string, at: number): void {
    if (this.version === '2015-10-08') {
      throw this.error(`${what} needs SQL version 2016-03-23 or later`, at, "the rule uses 2015-10-08, CloudFormation's default; set sqlVersion: '2016-03-23' on the iot event (AwsIotSqlVersion on a TopicRule)");
    }
  }

  /** Compiles one expression. */
  compileExpression(expr: Expr): Evaluator {
    switch (expr.kind) {
      case 'literal': {
        const value = expr.value;
        return () => value;
      }
      case 'star':
        return (context) => context.root;
      case 'field': {
        const name = expr.name;
        return (context) => field(context.root, name);
      }
      case 'variable': {
        const name = expr.name;
        if (!this.variables.has(name)) throw this.error(`variable @${name} is not set`, expr.at, 'assign it in the SET clause first');
        return (context) => context.variables.get(name);
      }
      case 'member': {
        const object = this.compileExpression(expr.object);
        const name = expr.name;
        return (context) => field(object(context), name);
      }
      case 'index': {
        const object = this.compileExpression(expr.object);
        const index = this.compileExpression(expr.index);
        return (context) => elementAt(object(context), index(context));
      }
      case 'call':
        return this.compileCall(expr);
      case 'cast':
        return this.compileCast(expr);
      case 'unary': {
        const operand = this.compileExpression(expr.operand);
        const op = expr.op;
        return (context) => applyUnary(op, operand(context));
      }
      case 'binary': {
        const left = this.compileExpression(expr.left);
        const right = this.compileExpression(expr.right);
        const op = expr.op;
        return (context) => applyBinary(op, left(context), right(context));
      }
      case 'case':
        return this.compileCase(expr);
      case 'object':
        return this.compileObject(expr);
      case 'array': {
        // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-literals.html
        this.require2016('an array literal', expr.at);
        const items = expr.items.map((item) => this.compileExpression(item));
        return (context) => items.map((item) => item(context));
      }
      case 'subquery':
        // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-nested-queries.html
        this.require2016('a nested SELECT', expr.at);
        return this.compileSubquery(expr.query);
    }
  }

  private compileCall(expr: Extract<Expr, { kind: 'call' }>): Evaluator {
    const found = lookupFunction(expr.name);
    if (found.kind === 'unknown') throw this.error(`unknown SQL function '${expr.name}'`, expr.at);
    if (found.kind === 'unsupported') throw this.error(`unsupported SQL function '${expr.name}'`, expr.at, found.reason);
    const { fn } = found;
    if (fn.since === '2016-03-23') this.require2016(`function '${expr.name}'`, expr.at);
    const problem = fn.check?.(expr.args);
    if (problem) throw this.error(problem.unsupported ? `${problem.description} in '${expr.name}'` : problem.description, problem.at);
    const args = expr.args.map((arg) =>
      fn.rawStar && arg.kind === 'star' ? (context: EvalContext) => context.raw ?? context.root : this.compileExpression(arg),
    );
    // AWS: a function "called with invalid arguments (… wrong number of arguments …)" is Undefined.
    if (args.length < fn.minArgs || args.length > fn.maxArgs) return () => undefined;
    return (context) => fn.call(args.map((arg) => arg(context)), context);
  }

  private compileCast(expr: Extract<Expr, { kind: 'cast' }>): Evaluator {
    const target = castTarget(expr.type, this.version);
    if (!target) {
      throw this.error(`cannot cast to '${expr.type}' in SQL version ${this.version}`, expr.typeAt, `use one of ${castKeywords(this.version).join(', ')}`);
    }
    const value = this.compileExpression(expr.value);
    const version = this.version;
    return (context) => castValue(value(context), target, version);
  }

  // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-case.html: the subject is matched
  // for equality against each WHEN in order; an Undefined subject makes the whole CASE Undefined.
  private compileCase(expr: Extract<Expr, { kind: 'case' }>): Evaluator {
    const subject = this.compileExpression(expr.subject);
    const whens = expr.whens.map((when) => ({ test: this.compileExpression(when.test), result: this.compileExpression(when.result) }));
    const otherwise = expr.otherwise ? this.compileExpression(expr.otherwise) : () => undefined;
    return (context) => {
      const value = subject(context);
      if (value === undefined) return undefined;
      for (const when of whens) {
        const test = when.test(context);
        if (test !== undefined && sqlEquals(value, test)) return when.result(context);
      }
      return otherwise(context);
    };
  }

  private compileObject(expr: Extract<Expr, { kind: 'object' }>): Evaluator {
    this.require2016('an object literal', expr.at);
    const entries = expr.entries.map(([key, value]) => [key, this.compileExpression(value)] as const);
    return (context) => {
      const out: Record<string, SqlValue> = {};
      for (const [key, value] of entries) {
        const v = value(context);
        if (v !== undefined) setField(out, key, v);
      }
      return out;
    };
  }
}

// `a[0]`: an array element by 0-based position, or an object member by string key.
function elementAt(collection: SqlValue, index: SqlValue): SqlValue {
  if (typeof index === 'string') return field(collection, index);
  if (kindOf(collection) !== 'Array' || typeof index === 'boolean') return undefined;
  const items = collection as readonly SqlValue[];
  const position = toInt(index);
  return position === undefined || position < 0n || position >= BigInt(items.length) ? undefined : items[Number(position)];
}
