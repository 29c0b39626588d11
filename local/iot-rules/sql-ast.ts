/**
 * The syntax tree of one AWS IoT SQL statement. Every node records `at`, the 0-based offset of its
 * first character, so compile errors can point at it.
 */
export type Expr =
  | { readonly kind: 'literal'; readonly at: number; readonly value: LiteralValue }
  | { readonly kind: 'star'; readonly at: number }
  | { readonly kind: 'field'; readonly at: number; readonly name: string }
  | { readonly kind: 'variable'; readonly at: number; readonly name: string }
  | { readonly kind: 'member'; readonly at: number; readonly object: Expr; readonly name: string }
  | { readonly kind: 'index'; readonly at: number; readonly object: Expr; readonly index: Expr }
  | { readonly kind: 'call'; readonly at: number; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'cast'; readonly at: number; readonly value: Expr; readonly type: string; readonly typeAt: number }
  | { readonly kind: 'unary'; readonly at: number; readonly op: UnaryOp; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly at: number; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'case'; readonly at: number; readonly subject: Expr; readonly whens: readonly CaseWhen[]; readonly otherwise?: Expr }
  | { readonly kind: 'object'; readonly at: number; readonly entries: readonly (readonly [string, Expr])[] }
  | { readonly kind: 'array'; readonly at: number; readonly items: readonly Expr[] }
  | { readonly kind: 'subquery'; readonly at: number; readonly query: Query };

/** A literal's value: integers are `bigint`, decimals `number`, as in Vigil's typed JSON. */
export type LiteralValue = bigint | number | string | boolean | null;

/** `-x` and `NOT x`. */
export type UnaryOp = '-' | 'NOT';

/** The binary operators of https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-operators.html. */
export type BinaryOp = 'AND' | 'OR' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

/** One `WHEN t THEN r` branch of a CASE expression. */
export interface CaseWhen {
  readonly test: Expr;
  readonly result: Expr;
}

/** One item of a SELECT list: `*`, or an expression with an optional (possibly dotted) alias. */
export type SelectItem =
  | { readonly kind: 'star'; readonly at: number }
  | { readonly kind: 'expr'; readonly at: number; readonly expr: Expr; readonly alias?: readonly string[] };

/** What a statement reads from: a topic filter (top level) or an expression (nested query). */
export type Source =
  | { readonly kind: 'topic'; readonly at: number; readonly filter: string }
  | { readonly kind: 'expr'; readonly at: number; readonly expr: Expr };

/** `SET @v = e, …` assignments, in order. */
export interface Assignment {
  readonly at: number;
  readonly name: string;
  readonly value: Expr;
}

/** A whole statement, or a nested `(SELECT … FROM expr …)` query. */
export interface Query {
  readonly at: number;
  readonly assignments: readonly Assignment[];
  /** `SELECT VALUE expr`: the result is the value itself rather than an object. */
  readonly selectValue: boolean;
  readonly items: readonly SelectItem[];
  readonly from?: Source;
  readonly where?: Expr;
}
