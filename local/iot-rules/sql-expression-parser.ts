import type { BinaryOp, Expr } from './sql-ast';
import { PrimaryParser } from './sql-primary-parser';

const COMPARISON: Record<string, BinaryOp> = { '=': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/**
 * Parses IoT SQL expressions. AWS documents no precedence, so the usual SQL order applies, loosest
 * first: `OR`, `AND`, `NOT`, comparisons, `+ -`, `* / %`, unary `-`, then `.field` and `[index]`.
 * Binary operators associate to the left. [inferred]
 */
export abstract class ExpressionParser extends PrimaryParser {
  /** Parses one full expression. */
  parseExpression(): Expr {
    return this.parseOr();
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.cursor.isKeyword('OR')) {
      this.cursor.next();
      const right = this.parseAnd();
      left = this.cursor.node({ kind: 'binary', at: left.at, op: 'OR', left, right }, left, right);
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.cursor.isKeyword('AND')) {
      this.cursor.next();
      const right = this.parseNot();
      left = this.cursor.node({ kind: 'binary', at: left.at, op: 'AND', left, right }, left, right);
    }
    return left;
  }

  private parseNot(): Expr {
    if (!this.cursor.isKeyword('NOT')) return this.parseComparison();
    const at = this.cursor.next().start;
    const operand = this.cursor.nested(at, () => this.parseNot());
    return this.cursor.node({ kind: 'unary', at, op: 'NOT', operand }, operand);
  }

  private parseComparison(): Expr {
    let left = this.parseAdditive();
    for (;;) {
      const token = this.cursor.peek();
      if (token.kind === 'word' && token.text.toUpperCase() === 'IS') {
        throw this.cursor.error("IS NULL / IS UNDEFINED are not AWS IoT SQL; use isNull(x) or isUndefined(x)", token.start);
      }
      const op = token.kind === 'punct' ? COMPARISON[token.text] : undefined;
      if (!op) return left;
      this.cursor.next();
      const right = this.parseAdditive();
      left = this.cursor.node({ kind: 'binary', at: left.at, op, left, right }, left, right);
    }
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    while (this.cursor.isPunct('+') || this.cursor.isPunct('-')) {
      const op = this.cursor.next().text as BinaryOp;
      const right = this.parseMultiplicative();
      left = this.cursor.node({ kind: 'binary', at: left.at, op, left, right }, left, right);
    }
    return left;
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    while (this.cursor.isPunct('*') || this.cursor.isPunct('/') || this.cursor.isPunct('%')) {
      const op = this.cursor.next().text as BinaryOp;
      const right = this.parseUnary();
      left = this.cursor.node({ kind: 'binary', at: left.at, op, left, right }, left, right);
    }
    return left;
  }

  private parseUnary(): Expr {
    if (!this.cursor.isPunct('-')) return this.parsePostfix();
    const at = this.cursor.next().start;
    const operand = this.cursor.nested(at, () => this.parseUnary());
    // Fold `-5` into a literal so integer literals keep their type and position.
    if (operand.kind === 'literal' && (typeof operand.value === 'bigint' || typeof operand.value === 'number')) {
      return this.cursor.node({ kind: 'literal', at, value: -operand.value });
    }
    return this.cursor.node({ kind: 'unary', at, op: '-', operand }, operand);
  }

  private parsePostfix(): Expr {
    let expr = this.parsePrimary();
    for (;;) {
      if (this.cursor.acceptPunct('.')) {
        const name = this.cursor.peek();
        if (name.kind !== 'word') throw this.cursor.unexpected("a field name after '.'");
        this.cursor.next();
        expr = this.cursor.node({ kind: 'member', at: expr.at, object: expr, name: name.text }, expr);
      } else if (this.cursor.isPunct('[')) {
        const at = this.cursor.next().start;
        const index = this.cursor.nested(at, () => this.parseExpression());
        this.cursor.expectPunct(']');
        expr = this.cursor.node({ kind: 'index', at: expr.at, object: expr, index }, expr, index);
      } else {
        return expr;
      }
    }
  }
}
