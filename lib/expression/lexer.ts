import { ExpressionSyntaxError } from './errors';
import { span } from './span';
import type { Punctuator, StringPart, Token } from './tokens';

const TWO_CHAR: ReadonlySet<string> = new Set(['||', '&&', '==', '!=', '<=', '>=']);
const ONE_CHAR: ReadonlySet<string> = new Set([
  '(', ')', ',', '.', '[', ']', '}', '|', '^', '&', '<', '>', '+', '-', '*', '/', '!', '~',
]);

const isDigit = (c: string) => c >= '0' && c <= '9';
const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isWordChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Splits expression text into tokens. It only recognises tokens; whether they are in a sensible
 * order is the parser's business. Substitutions inside string literals (`'…${expr}…'`) are lexed
 * here, recursively, so the parser receives them as token lists.
 *
 * @throws ExpressionSyntaxError for text that is no token at all (an unterminated string, `%`, `1e3`).
 */
export function tokenize(source: string): Token[] {
  const lexer = new Lexer(source);
  return lexer.run(0, false).tokens;
}

class Lexer {
  /** Open substitutions, innermost last: where each `${` is and the quote of its string. */
  private readonly open: { at: number; quote: string }[] = [];

  constructor(private readonly source: string) {}

  /** Lexes from `start`; inside a substitution, stops after the `}` that closes it. */
  run(start: number, inSubstitution: boolean): { tokens: Token[]; end: number } {
    const { source } = this;
    const tokens: Token[] = [];
    let i = start;
    for (;;) {
      while (i < source.length && isSpace(source[i])) i++;
      if (i >= source.length) {
        if (inSubstitution) {
          throw this.error(`unterminated substitution starting at ${start - 2}; add the closing '}'`, start - 2, i);
        }
        tokens.push({ type: 'end', span: span(i, i) });
        return { tokens, end: i };
      }
      const c = source[i];
      if (c === '}' && inSubstitution) {
        tokens.push({ type: 'end', span: span(i, i) });
        return { tokens, end: i + 1 };
      }
      const token = this.next(i);
      tokens.push(token);
      i = token.span.end;
    }
  }

  private next(i: number): Token {
    const { source } = this;
    const c = source[i];
    if (isDigit(c)) return this.number(i);
    if (c === '"' || c === "'") return this.string(i, c);
    if (c === '`') return this.quoted(i);
    if (c === '$') return this.reference(i);
    if (isLetter(c)) {
      let j = i + 1;
      while (j < source.length && isWordChar(source[j])) j++;
      return { type: 'identifier', name: source.slice(i, j), span: span(i, j) };
    }
    const two = source.slice(i, i + 2);
    if (TWO_CHAR.has(two)) return { type: 'punctuator', value: two as Punctuator, span: span(i, i + 2) };
    if (ONE_CHAR.has(c)) return { type: 'punctuator', value: c as Punctuator, span: span(i) };
    throw this.error(unexpectedCharacter(c, i), i, i + 1);
  }

  private number(i: number): Token {
    const { source } = this;
    let j = i;
    while (j < source.length && isDigit(source[j])) j++;
    if (source[j] === '.') {
      if (!isDigit(source[j + 1] ?? '')) {
        throw this.error(`a decimal needs digits after the point at ${j}; write ${source.slice(i, j)}.0`, i, j + 1);
      }
      j++;
      while (j < source.length && isDigit(source[j])) j++;
    }
    if (source[j] === 'e' || source[j] === 'E') {
      throw this.error(`exponents are not supported at ${j}; write the number out in full`, i, j + 1);
    }
    return { type: 'number', text: source.slice(i, j), span: span(i, j) };
  }

  private string(i: number, quote: string): Token {
    const { source } = this;
    const parts: StringPart[] = [];
    let text = '';
    let j = i + 1;
    for (;;) {
      if (j >= source.length) {
        // `'a${1 + 2'`: the closing quote was read as a new string; the `}` is what is missing.
        const enclosing = this.open[this.open.length - 1];
        if (enclosing?.quote === quote) {
          throw this.error(`unterminated substitution starting at ${enclosing.at}; add the closing '}'`, enclosing.at, j);
        }
        throw this.error(`unterminated string starting at ${i}; add the closing ${quote}`, i, j);
      }
      const c = source[j];
      if (c === quote) break;
      if (c === '$' && source[j + 1] === '{') {
        if (text) parts.push({ text });
        text = '';
        this.open.push({ at: j, quote });
        const inner = this.run(j + 2, true);
        this.open.pop();
        parts.push({ tokens: inner.tokens, span: span(j, inner.end) });
        j = inner.end;
        continue;
      }
      text += c;
      j++;
    }
    if (text || parts.length === 0) parts.push({ text });
    return { type: 'string', parts, span: span(i, j + 1) };
  }

  private quoted(i: number): Token {
    const close = this.source.indexOf('`', i + 1);
    if (close < 0) throw this.error(`unterminated backtick name starting at ${i}; add the closing \``, i, this.source.length);
    if (close === i + 1) throw this.error(`empty backtick name at ${i}`, i, i + 2);
    return { type: 'quoted', name: this.source.slice(i + 1, close), span: span(i, close + 1) };
  }

  private reference(i: number): Token {
    const { source } = this;
    let j = i + 1;
    while (j < source.length && isWordChar(source[j])) j++;
    const word = source.slice(i + 1, j);
    if (word === 'input' || word === 'variable' || word === 'sitewise') return { type: 'reference', name: word, span: span(i, j) };
    throw this.error(`unknown reference '$${word}' at ${i}; references start with $input or $variable (or $sitewise in an alarm model)`, i, j);
  }

  private error(message: string, start: number, end: number): ExpressionSyntaxError {
    return new ExpressionSyntaxError(message, span(start, Math.max(end, start)), this.source);
  }
}

function unexpectedCharacter(c: string, at: number): string {
  if (c === '=') return `unexpected '=' at ${at}; use '==' to compare`;
  if (c === '%') return `unexpected '%' at ${at}; IoT Events expressions have no remainder operator`;
  if (c === '_') return `unexpected '_' at ${at}; names that do not start with a letter must be quoted in backticks (\`_name\`)`;
  if (c === '{') return `unexpected '{' at ${at}; substitutions \${…} are only allowed inside string literals`;
  const shown = c.charCodeAt(0) < 32 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
  return `unexpected '${shown}' at ${at}`;
}
