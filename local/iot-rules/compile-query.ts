import { ExpressionCompiler } from './compile-expression';
import type { EvalContext, Evaluator } from './eval-context';
import type { Expr, Query, SelectItem } from './sql-ast';
import { parseSql } from './sql-parser';
import { field, isSqlObject, setField, toBoolean, type SqlObject, type SqlValue } from './sql-values';
import { validateTopicFilter } from './topic-filter';
import type { SqlVersion } from './types';

/** The outcome of running a statement's SET, WHERE and SELECT against one message. */
export type QueryResult =
  | { readonly matched: false }
  | {
      readonly matched: true;
      readonly output: Record<string, SqlValue>;
      /** The SELECT list is only `*` and the payload is not a JSON object: AWS forwards the bytes. */
      readonly passthrough: boolean;
    };

/** One SQL statement, parsed and checked once, ready to run per message. */
export interface CompiledQuery {
  /** The FROM topic filter; undefined when the rule is reached only through Basic Ingest. */
  readonly topicFilter?: string;
  /** Runs SET, then WHERE, then SELECT (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-where.html). */
  readonly run: (context: EvalContext) => QueryResult;
}

/**
 * Parses and compiles one AWS IoT SQL statement for `version`. Throws {@link IotSqlError} for
 * anything the emulator cannot evaluate exactly: syntax errors, unknown or unsupported functions,
 * constructs newer than `version`, SELECT items without a name.
 */
export function compileSql(sql: string, version: SqlVersion): CompiledQuery {
  return new QueryCompiler(sql, version).compileStatement(parseSql(sql));
}

type Item = { readonly star: true } | { readonly star: false; readonly path: readonly string[]; readonly value: Evaluator };

class QueryCompiler extends ExpressionCompiler {
  compileStatement(query: Query): CompiledQuery {
    if (query.selectValue) {
      throw this.error('unsupported SELECT VALUE', query.at, 'the local stack delivers JSON objects to its actions; select named fields instead');
    }
    const from = query.from;
    if (from?.kind === 'topic') {
      const problem = validateTopicFilter(from.filter);
      if (problem) throw this.error(`invalid topic filter '${from.filter}': ${problem}`, from.at);
    }
    const assignments = query.assignments.map((assignment) => {
      if (this.variables.has(assignment.name)) {
        throw this.error(`variable @${assignment.name} is assigned twice`, assignment.at, 'SET variables are immutable');
      }
      const value = this.compileExpression(assignment.value);
      this.variables.add(assignment.name);
      return { name: assignment.name, value };
    });
    const where = query.where ? this.compileExpression(query.where) : undefined;
    const items = query.items.map((item) => this.compileItem(item));
    const onlyStars = items.every((item) => item.star);
    return {
      topicFilter: from?.kind === 'topic' ? from.filter : undefined,
      run: (context) => {
        for (const { name, value } of assignments) context.variables.set(name, value(context));
        if (where && toBoolean(where(context)) !== true) return { matched: false };
        const passthrough = onlyStars && !isSqlObject(context.root);
        return { matched: true, output: passthrough ? {} : buildObject(items, context), passthrough };
      },
    };
  }

  // A nested query runs its SELECT once per element of an array (giving an array), or once on an
  // object (giving one result); elements the WHERE rejects are left out.
  protected compileSubquery(query: Query): Evaluator {
    const source = query.from?.kind === 'expr' ? this.compileExpression(query.from.expr) : () => undefined;
    const where = query.where ? this.compileExpression(query.where) : undefined;
    const items = query.items.map((item) => this.compileItem(item, query.selectValue));
    if (query.selectValue && items.length !== 1) throw this.error('SELECT VALUE takes exactly one item', query.at);
    const single = items[0];
    const project = (context: EvalContext): SqlValue => {
      if (where && toBoolean(where(context)) !== true) return undefined;
      if (!query.selectValue) return buildObject(items, context);
      return single.star ? context.root : single.value(context);
    };
    return (context) => {
      const from = source(context);
      const scoped = (root: SqlValue): EvalContext => ({ ...context, root, raw: undefined });
      if (Array.isArray(from)) {
        return (from as readonly SqlValue[]).map((element) => project(scoped(element))).filter((v) => v !== undefined);
      }
      return isSqlObject(from) ? project(scoped(from)) : undefined;
    };
  }

  private compileItem(item: SelectItem, selectValue = false): Item {
    if (item.kind === 'star') return { star: true };
    const value = this.compileExpression(item.expr);
    const path = item.alias ?? defaultName(item.expr);
    if (!path && !selectValue) {
      throw this.error('SELECT item needs a name', item.at, 'add AS <name>; AWS does not document the key it generates for an expression');
    }
    return { star: false, path: path ?? [], value };
  }
}

// `SELECT a.b` is output as key `b` (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-select.html).
function defaultName(expr: Expr): readonly string[] | undefined {
  return expr.kind === 'field' || expr.kind === 'member' ? [expr.name] : undefined;
}

// Items apply in order, so later keys replace earlier ones (`SELECT *, topic() AS topic`).
// Undefined values are left out: AWS cannot serialise them. A dotted alias (`AS bar.baz`,
// https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-json.html) builds nested objects.
function buildObject(items: readonly Item[], context: EvalContext): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const item of items) {
    if (item.star) {
      const root = context.root;
      if (isSqlObject(root)) for (const key of Object.keys(root)) setField(out, key, root[key]);
      continue;
    }
    const value = item.value(context);
    if (value !== undefined) setPath(out, item.path, value);
  }
  return out;
}

function setPath(target: Record<string, SqlValue>, path: readonly string[], value: SqlValue): void {
  let current = target;
  for (const key of path.slice(0, -1)) {
    const existing = field(current, key);
    // Copy rather than mutate: the object may be part of the payload, shared with other rules.
    const next: Record<string, SqlValue> = {};
    if (isSqlObject(existing)) for (const k of Object.keys(existing)) setField(next, k, (existing as SqlObject)[k]);
    setField(current, key, next);
    current = next;
  }
  setField(current, path[path.length - 1], value);
}
