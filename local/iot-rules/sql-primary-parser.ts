import type { CaseWhen, Expr, LiteralValue, Query } from './sql-ast';
import type { SqlCursor } from './sql-cursor';

// Words that end an expression or start a clause, so they can never name a payload field.
const RESERVED = new Set(['SELECT', 'FROM', 'WHERE', 'AS', 'AND', 'OR', 'NOT', 'CASE', 'WHEN', 'THEN', 'ELSE', 'END', 'SET', 'IS']);

/**
 * Parses the operands of IoT SQL expressions: literals, `*`, fields, `@variables`, function calls
 * (with `cast(x AS T)`), CASE, object and array literals, parentheses and nested queries.
 */
export abstract class PrimaryParser {
  constructor(protected readonly cursor: SqlCursor) {}

  /** Parses one full expression. */
  abstract parseExpression(): Expr;

  /** Parses a nested `SELECT … FROM expr [WHERE …]`; the opening `(` is already consumed. */
  protected abstract parseNestedQuery(): Query;

  /** Parses one operand. */
  protected parsePrimary(): Expr {
    const token = this.cursor.peek();
    const at = token.start;
    switch (token.kind) {
      case 'number':
        this.cursor.next();
        return this.cursor.node({ kind: 'literal', at, value: this.numberValue(token.text, at) });
      case 'string':
        this.cursor.next();
        return this.cursor.node({ kind: 'literal', at, value: token.text });
      case 'variable':
        this.cursor.next();
        return this.cursor.node({ kind: 'variable', at, name: token.text });
      case 'word':
        return this.parseWord();
      case 'punct':
        if (token.text === '*') {
          this.cursor.next();
          return this.cursor.node({ kind: 'star', at });
        }
        if (token.text === '(') return this.cursor.nested(at, () => this.parseParenthesised());
        if (token.text === '{') return this.cursor.nested(at, () => this.parseObject());
        if (token.text === '[') return this.cursor.nested(at, () => this.parseArray());
    }
    throw this.cursor.unexpected('an operand');
  }

  private parseWord(): Expr {
    const token = this.cursor.next();
    const at = token.start;
    const upper = token.text.toUpperCase();
    if (this.cursor.isPunct('(')) return this.cursor.nested(at, () => this.parseCall(token.text, at));
    const constant: LiteralValue | undefined = upper === 'TRUE' ? true : upper === 'FALSE' ? false : upper === 'NULL' ? null : undefined;
    if (constant !== undefined) return this.cursor.node({ kind: 'literal', at, value: constant });
    if (upper === 'CASE') return this.cursor.nested(at, () => this.parseCase(at));
    if (RESERVED.has(upper)) throw this.cursor.unexpected('an operand', token);
    return this.cursor.node({ kind: 'field', at, name: token.text });
  }

  private parseCall(name: string, at: number): Expr {
    this.cursor.expectPunct('(');
    if (name.toLowerCase() === 'cast') {
      const value = this.parseExpression();
      this.cursor.expectKeyword('AS');
      const type = this.cursor.peek();
      if (type.kind !== 'word') throw this.cursor.unexpected('a type name after AS');
      this.cursor.next();
      this.cursor.expectPunct(')');
      return this.cursor.node({ kind: 'cast', at, value, type: type.text, typeAt: type.start }, value);
    }
    const args: Expr[] = [];
    if (!this.cursor.acceptPunct(')')) {
      do args.push(this.parseExpression());
      while (this.cursor.acceptPunct(','));
      this.cursor.expectPunct(')');
    }
    return this.cursor.node({ kind: 'call', at, name, args }, ...args);
  }

  private parseParenthesised(): Expr {
    const open = this.cursor.expectPunct('(');
    if (this.cursor.isKeyword('SELECT')) {
      const query = this.parseNestedQuery();
      this.cursor.expectPunct(')');
      return this.cursor.node({ kind: 'subquery', at: open.start, query });
    }
    const inner = this.parseExpression();
    this.cursor.expectPunct(')');
    return inner;
  }

  // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-case.html documents only the
  // simple form `CASE v WHEN t THEN r … [ELSE e] END`.
  private parseCase(at: number): Expr {
    if (this.cursor.isKeyword('WHEN')) {
      throw this.cursor.error('AWS IoT SQL documents only CASE value WHEN … THEN …; CASE WHEN condition is not supported', at);
    }
    const subject = this.parseExpression();
    const whens: CaseWhen[] = [];
    while (this.cursor.acceptKeyword('WHEN')) {
      const test = this.parseExpression();
      this.cursor.expectKeyword('THEN');
      whens.push({ test, result: this.parseExpression() });
    }
    if (whens.length === 0) throw this.cursor.unexpected('WHEN');
    const otherwise = this.cursor.acceptKeyword('ELSE') ? this.parseExpression() : undefined;
    this.cursor.expectKeyword('END');
    const children = [subject, otherwise, ...whens.flatMap((w) => [w.test, w.result])];
    return this.cursor.node({ kind: 'case', at, subject, whens, otherwise }, ...children);
  }

  private parseObject(): Expr {
    const at = this.cursor.expectPunct('{').start;
    const entries: [string, Expr][] = [];
    if (!this.cursor.acceptPunct('}')) {
      do {
        const key = this.cursor.peek();
        if (key.kind !== 'string' && key.kind !== 'word') throw this.cursor.unexpected('a quoted key');
        this.cursor.next();
        this.cursor.expectPunct(':');
        entries.push([key.text, this.parseExpression()]);
      } while (this.cursor.acceptPunct(','));
      this.cursor.expectPunct('}');
    }
    return this.cursor.node({ kind: 'object', at, entries }, ...entries.map(([, value]) => value));
  }

  private parseArray(): Expr {
    const at = this.cursor.expectPunct('[').start;
    const items: Expr[] = [];
    if (!this.cursor.acceptPunct(']')) {
      do items.push(this.parseExpression());
      while (this.cursor.acceptPunct(','));
      this.cursor.expectPunct(']');
    }
    return this.cursor.node({ kind: 'array', at, items }, ...items);
  }

  private numberValue(text: string, at: number): bigint | number {
    if (/^\d+$/.test(text)) return BigInt(text);
    const value = Number(text);
    if (!Number.isFinite(value)) throw this.cursor.error(`number ${text} is out of range`, at);
    return value;
  }
}
