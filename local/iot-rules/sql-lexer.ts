import { IotSqlError } from './errors';

/** The kinds of token in AWS IoT SQL. */
export type TokenKind = 'word' | 'string' | 'number' | 'variable' | 'punct' | 'end';

/** One token; `text` is the word, the punctuation, the number's digits or the string's content. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based offset of the first character. */
  readonly start: number;
}

// Longest first, so `<=` wins over `<`. `!=` is not in AWS's operator list
// (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-operators.html); Vigil accepts it
// as a synonym of `<>` because rules written in other SQL dialects use it.
const PUNCTUATION = ['<>', '!=', '<=', '>=', '(', ')', '[', ']', '{', '}', ',', '.', '*', '+', '-', '/', '%', ':', '=', '<', '>'];

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

/**
 * Splits IoT SQL text into tokens. Strings may use single or double quotes, as in AWS's own
 * examples (`FROM 'a/b'`, `startswith("ranger", "ran")`); there are no escape sequences, so a
 * string ends at the next matching quote. AWS IoT SQL has no comments
 * (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-reference.html).
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      if (close < 0) throw new IotSqlError('unterminated string', i, sql);
      tokens.push({ kind: 'string', text: sql.slice(i + 1, close), start: i });
      i = close + 1;
    } else if (DIGIT.test(c)) {
      i = readNumber(sql, i, tokens);
    } else if (WORD_START.test(c)) {
      const start = i;
      while (i < sql.length && WORD_PART.test(sql[i])) i++;
      tokens.push({ kind: 'word', text: sql.slice(start, i), start });
    } else if (c === '@') {
      i = readVariable(sql, i, tokens);
    } else {
      const punct = PUNCTUATION.find((p) => sql.startsWith(p, i));
      if (!punct) throw new IotSqlError(`unexpected character ${JSON.stringify(c)}${hint(sql, i)}`, i, sql);
      tokens.push({ kind: 'punct', text: punct, start: i });
      i += punct.length;
    }
  }
  tokens.push({ kind: 'end', text: '', start: sql.length });
  return tokens;
}

function readNumber(sql: string, start: number, tokens: Token[]): number {
  let i = start;
  while (i < sql.length && DIGIT.test(sql[i])) i++;
  if (sql[i] === '.' && DIGIT.test(sql[i + 1] ?? '')) {
    i++;
    while (i < sql.length && DIGIT.test(sql[i])) i++;
  }
  if ((sql[i] === 'e' || sql[i] === 'E') && /^[eE][+-]?\d/.test(sql.slice(i, i + 3))) {
    i += sql[i + 1] === '+' || sql[i + 1] === '-' ? 2 : 1;
    while (i < sql.length && DIGIT.test(sql[i])) i++;
  }
  if (i < sql.length && WORD_PART.test(sql[i])) throw new IotSqlError(`malformed number '${sql.slice(start, i + 1)}'`, start, sql);
  tokens.push({ kind: 'number', text: sql.slice(start, i), start });
  return i;
}

// https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-set.html: `@` then letters,
// digits and underscores, at most 64 characters.
function readVariable(sql: string, start: number, tokens: Token[]): number {
  let i = start + 1;
  while (i < sql.length && WORD_PART.test(sql[i])) i++;
  const name = sql.slice(start + 1, i);
  if (name.length === 0) throw new IotSqlError("expected a variable name after '@'", start, sql);
  if (name.length > 64) throw new IotSqlError(`variable name '@${name}' is longer than 64 characters`, start, sql);
  tokens.push({ kind: 'variable', text: name, start });
  return i;
}

function hint(sql: string, i: number): string {
  if (sql.startsWith('||', i)) return '; IoT SQL joins strings with + or concat()';
  if (sql[i] === '!') return '; use NOT or <>';
  if (sql[i] === '$') return '; a topic filter must be quoted';
  return '';
}
