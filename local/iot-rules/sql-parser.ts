import type { Assignment, Query, SelectItem, Source } from './sql-ast';
import { SqlCursor } from './sql-cursor';
import { ExpressionParser } from './sql-expression-parser';

/**
 * Parses one AWS IoT SQL statement:
 *
 * ```text
 * [SET @v = expr {, @v = expr}] SELECT [VALUE] item {, item} [FROM 'topic/filter'] [WHERE expr]
 * item := * | expr [AS name{.name}]
 * ```
 *
 * FROM is optional because AWS allows it to be left out for rules that only Basic Ingest
 * triggers (https://docs.aws.amazon.com/iot/latest/developerguide/iot-basic-ingest.html). Keywords
 * are case-insensitive. Throws {@link IotSqlError} with the position of the first problem; checks
 * that need to know the SQL version or the function table happen in {@link compileSql}.
 */
export function parseSql(sql: string): Query {
  return new StatementParser(new SqlCursor(sql)).parseStatement();
}

class StatementParser extends ExpressionParser {
  parseStatement(): Query {
    const at = this.cursor.peek().start;
    const assignments = this.cursor.isKeyword('SET') ? this.parseAssignments() : [];
    const { selectValue, items } = this.parseSelect();
    let from: Source | undefined;
    if (this.cursor.isKeyword('FROM')) {
      this.cursor.next();
      const topic = this.cursor.peek();
      if (topic.kind !== 'string') throw this.cursor.unexpected('a quoted topic filter');
      this.cursor.next();
      from = { kind: 'topic', at: topic.start, filter: topic.text };
    }
    const where = this.cursor.acceptKeyword('WHERE') ? this.parseExpression() : undefined;
    if (this.cursor.peek().kind !== 'end') {
      throw this.cursor.unexpected(from || where ? 'end of SQL' : "',', FROM or WHERE");
    }
    return { at, assignments, selectValue, items, from, where };
  }

  protected parseNestedQuery(): Query {
    const at = this.cursor.peek().start;
    const { selectValue, items } = this.parseSelect();
    this.cursor.expectKeyword('FROM');
    const sourceAt = this.cursor.peek().start;
    const from: Source = { kind: 'expr', at: sourceAt, expr: this.parseExpression() };
    const where = this.cursor.acceptKeyword('WHERE') ? this.parseExpression() : undefined;
    return { at, assignments: [], selectValue, items, from, where };
  }

  // https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-set.html
  private parseAssignments(): Assignment[] {
    this.cursor.expectKeyword('SET');
    const assignments: Assignment[] = [];
    do {
      const variable = this.cursor.peek();
      if (variable.kind !== 'variable') throw this.cursor.unexpected('a variable (@name)');
      this.cursor.next();
      this.cursor.expectPunct('=');
      assignments.push({ at: variable.start, name: variable.text, value: this.parseExpression() });
    } while (this.cursor.acceptPunct(','));
    if (this.cursor.isKeyword('SET')) throw this.cursor.error('SET may appear only once per statement', this.cursor.peek().start);
    return assignments;
  }

  private parseSelect(): { selectValue: boolean; items: SelectItem[] } {
    this.cursor.expectKeyword('SELECT');
    // VALUE is a keyword only right after SELECT and before an expression, so `SELECT value FROM`
    // and `AS value` still name a payload field.
    const selectValue = this.cursor.isKeyword('VALUE') && !this.endsItem(1) && !this.cursor.isKeyword('AS', 1);
    if (selectValue) this.cursor.next();
    const items: SelectItem[] = [];
    do items.push(this.parseItem());
    while (this.cursor.acceptPunct(','));
    return { selectValue, items };
  }

  private parseItem(): SelectItem {
    const at = this.cursor.peek().start;
    if (this.cursor.isPunct('*') && this.endsItem(1)) {
      this.cursor.next();
      return { kind: 'star', at };
    }
    const expr = this.parseExpression();
    if (!this.cursor.acceptKeyword('AS')) return { kind: 'expr', at, expr };
    const alias: string[] = [];
    do {
      const name = this.cursor.peek();
      if (name.kind !== 'word') throw this.cursor.unexpected('a name after AS');
      this.cursor.next();
      alias.push(name.text);
    } while (this.cursor.acceptPunct('.'));
    return { kind: 'expr', at, expr, alias };
  }

  private endsItem(offset: number): boolean {
    const token = this.cursor.peek(offset);
    if (token.kind === 'end') return true;
    if (token.kind === 'punct') return token.text === ',' || token.text === ')';
    return token.kind === 'word' && ['FROM', 'WHERE'].includes(token.text.toUpperCase());
  }
}
