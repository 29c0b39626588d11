import { AppError } from '../errors';

/** A topic rule this tool cannot reroute automatically, and why; the rule is left for a person to port. */
export class RuleRewriteError extends AppError {}

/** The clauses of an AWS IoT SQL statement, each as written. */
export interface SqlClauses {
  /** The SELECT list, split at its top-level commas (`*`, `topic(2) AS motorid`). */
  readonly items: readonly string[];
  /** True for `SELECT VALUE …`. */
  readonly value: boolean;
  /** The FROM clause's text (`'vigil/+/pressure'`). */
  readonly from: string;
  /** The WHERE clause's text, if any. */
  readonly where?: string;
}

/**
 * Splits an AWS IoT SQL statement into its clauses without evaluating anything: keywords are found
 * outside strings (either quote; AWS IoT SQL has no escapes, a string ends at the next matching
 * quote) and outside parentheses and brackets. Throws a {@link RuleRewriteError} when the text is
 * not `SELECT … FROM … [WHERE …]`.
 */
export function splitSql(sql: string): SqlClauses {
  const select = keyword(sql, 'SELECT', 0);
  const from = select === 0 ? keyword(sql, 'FROM', 6) : -1;
  if (select !== 0 || from < 0) throw new RuleRewriteError(`cannot read the rule's SQL (expected SELECT … FROM …): ${sql}`);
  const where = keyword(sql, 'WHERE', from + 4);
  let list = sql.slice(6, from).trim();
  const value = /^VALUE\s/i.test(list);
  if (value) list = list.slice(5).trim();
  const items = splitTopLevel(list, ',').map((item) => item.trim());
  if (!items.length || items.some((item) => !item)) throw new RuleRewriteError(`cannot read the rule's SELECT list: ${sql}`);
  return {
    items,
    value,
    from: sql.slice(from + 4, where < 0 ? undefined : where).trim(),
    ...(where < 0 ? {} : { where: sql.slice(where + 5).trim() }),
  };
}

/** The statement of `clauses`, each clause as given. */
export function joinSql(clauses: SqlClauses): string {
  return `SELECT ${clauses.value ? 'VALUE ' : ''}${clauses.items.join(', ')} FROM ${clauses.from}${clauses.where === undefined ? '' : ` WHERE ${clauses.where}`}`;
}

/** The name a SELECT item gives its output (`x AS y` → `y`, `a.b` → `b`), or undefined for `*` and unnamed expressions. */
export function itemName(item: string): string | undefined {
  const alias = /\sAS\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s*$/i.exec(item);
  if (alias) return alias[1];
  const path = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.exec(item.trim());
  return path ? item.trim().split('.').pop() : undefined;
}

/**
 * An AWS IoT substitution template (`${topic(2)}-${timestamp()}`, as an IotEvents action's
 * MessageId or InputName takes) as one SQL expression with the same value: `${e}` alone is `e`,
 * text around is quoted and joined with `concat`. A substitution is evaluated against the incoming
 * message, as a SELECT item is, so the expression means the same in the SELECT list. A text
 * without `${` is its quoted literal.
 * https://docs.aws.amazon.com/iot/latest/developerguide/iot-substitution-templates.html
 */
export function substitutionToSql(template: string): string {
  const parts: string[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('${', at);
    if (open < 0) {
      parts.push(quote(template.slice(at)));
      break;
    }
    if (open > at) parts.push(quote(template.slice(at, open)));
    const close = closingBrace(template, open + 2);
    if (close < 0) throw new RuleRewriteError(`unterminated \${ in the substitution template ${template}`);
    const expression = template.slice(open + 2, close).trim();
    if (!expression) throw new RuleRewriteError(`empty \${} in the substitution template ${template}`);
    parts.push(expression);
    at = close + 1;
  }
  if (!parts.length) return "''";
  return parts.length === 1 ? parts[0] : `concat(${parts.join(', ')})`;
}

/** Whether a value of an action field holds a substitution (`${…}`). */
export function hasSubstitution(text: string): boolean {
  return text.includes('${');
}

/** A text as an AWS IoT SQL string literal: single quotes, or double when it holds one (there are no escapes). */
export function quote(text: string): string {
  if (!text.includes("'")) return `'${text}'`;
  if (!text.includes('"')) return `"${text}"`;
  throw new RuleRewriteError(`the text ${text} holds both quote characters, which AWS IoT SQL cannot write as a string`);
}

/** The position of `word` as a keyword at nesting level 0, from `start`, or -1. */
function keyword(sql: string, word: string, start: number): number {
  let depth = 0;
  for (let i = start; i < sql.length; i++) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = sql.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && sql.slice(i, i + word.length).toUpperCase() === word && !/\w/.test(sql[i - 1] ?? ' ') && !/\w/.test(sql[i + word.length] ?? ' ')) return i;
  }
  return -1;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end;
    } else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && c === separator) {
      parts.push(text.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(text.slice(last));
  return parts;
}

/** The `}` that ends a substitution opened before `from`, skipping strings inside it. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
