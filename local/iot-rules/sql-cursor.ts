import { IotSqlError } from './errors';
import type { Expr } from './sql-ast';
import { tokenize, type Token } from './sql-lexer';

/**
 * Deepest expression tree the parser builds. Compilation and evaluation recurse over the tree, so
 * untrusted SQL (a 10,000-term sum, a pile of parentheses) must fail with an {@link IotSqlError}
 * rather than exhaust the stack.
 */
export const MAX_DEPTH = 200;

/** A position in the token list of one statement, with the helpers every parser needs. */
export class SqlCursor {
  private readonly tokens: Token[];
  private index = 0;
  private readonly depths = new WeakMap<object, number>();
  private nesting = 0;

  constructor(readonly sql: string) {
    this.tokens = tokenize(sql);
  }

  /** The current token, not consumed. */
  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  /** True when the current token is the keyword `word` (any letter case). */
  isKeyword(word: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'word' && token.text.toUpperCase() === word;
  }

  /** True when the current token is the punctuation `text`. */
  isPunct(text: string, offset = 0): boolean {
    const token = this.peek(offset);
    return token.kind === 'punct' && token.text === text;
  }

  /** Consumes the keyword `word` if it is next. */
  acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  /** Consumes the punctuation `text` if it is next. */
  acceptPunct(text: string): boolean {
    if (!this.isPunct(text)) return false;
    this.next();
    return true;
  }

  /** Consumes the keyword `word` or fails. */
  expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) throw this.unexpected(word);
    return this.next();
  }

  /** Consumes the punctuation `text` or fails. */
  expectPunct(text: string): Token {
    if (!this.isPunct(text)) throw this.unexpected(`'${text}'`);
    return this.next();
  }

  /** An error pointing at the current token, saying what was expected there. */
  unexpected(expected: string, token: Token = this.peek()): IotSqlError {
    return this.error(`unexpected ${describe(token)}; expected ${expected}`, token.start);
  }

  /** An error at `position` in this statement. */
  error(description: string, position: number): IotSqlError {
    return new IotSqlError(description, position, this.sql);
  }

  /**
   * Runs `parse` one bracket level deeper. Brackets add no node, so the recursion they cause is
   * bounded here rather than by {@link node}.
   */
  nested<T>(at: number, parse: () => T): T {
    if (++this.nesting > MAX_DEPTH) throw this.error(`expression nested deeper than ${MAX_DEPTH} levels`, at);
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  /**
   * Registers a node built from `children` and enforces {@link MAX_DEPTH}. Returns the node so
   * parsers can write `return this.cursor.node({...}, left, right)`.
   */
  node<T extends Expr>(node: T, ...children: (Expr | undefined)[]): T {
    let depth = 1;
    for (const child of children) if (child) depth = Math.max(depth, (this.depths.get(child) ?? 1) + 1);
    if (depth > MAX_DEPTH) throw this.error(`expression nested deeper than ${MAX_DEPTH} levels`, node.at);
    this.depths.set(node, depth);
    return node;
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of SQL';
    case 'string':
      return `string '${token.text.length > 20 ? `${token.text.slice(0, 20)}…` : token.text}'`;
    case 'variable':
      return `'@${token.text}'`;
    default:
      return `'${token.text}'`;
  }
}
