/**
 * The shape of an AWS IoT SQL statement, read only as far as adding Vigil's fields to it needs:
 * where its SELECT list, topic and WHERE clause are. Strings use single or double quotes without
 * escapes and there are no comments (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-reference.html),
 * so quotes and brackets alone decide what is nested. The full grammar is checked where the SQL
 * runs: by the local rule emulator at `npm start`, by AWS IoT at deploy.
 */

interface Piece {
  readonly kind: 'word' | 'string' | 'punct';
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** Brackets open around it: 0 at the statement's own level. */
  readonly depth: number;
}

/** One item of a SELECT list. */
export interface SelectItem {
  /** The item as written, trimmed. */
  readonly text: string;
  /** `*`: the whole payload. */
  readonly star: boolean;
  /** The name after AS, when it has one (`a.b` for `AS a.b`). */
  readonly alias?: string;
}

/** A statement cut into the parts Vigil rebuilds it from. */
export interface StatementShape {
  /** What precedes SELECT: a SET clause, or nothing. */
  readonly head: string;
  readonly valueSelect: boolean;
  readonly items: readonly SelectItem[];
  /** The FROM clause's topic filter (the string's content). */
  readonly topic: string;
  /** What follows the topic: ` WHERE …`, or nothing. */
  readonly tail: string;
}

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSERS = new Set(Object.values(OPENERS));

function scan(sql: string): Piece[] | string {
  const pieces: Piece[] = [];
  const open: string[] = [];
  for (let i = 0; i < sql.length; ) {
    const c = sql[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const close = sql.indexOf(c, i + 1);
      if (close < 0) return `the string opened at character ${i + 1} is never closed`;
      pieces.push({ kind: 'string', text: sql.slice(i + 1, close), start: i, end: close + 1, depth: open.length });
      i = close + 1;
    } else if (/[A-Za-z0-9_@.]/.test(c)) {
      const start = i;
      while (i < sql.length && /[A-Za-z0-9_@.]/.test(sql[i])) i++;
      pieces.push({ kind: 'word', text: sql.slice(start, i), start, end: i, depth: open.length });
    } else {
      if (CLOSERS.has(c) && OPENERS[open.pop() ?? ''] !== c) return `'${c}' at character ${i + 1} closes nothing`;
      pieces.push({ kind: 'punct', text: c, start: i, end: i + 1, depth: open.length });
      if (OPENERS[c]) open.push(c);
      i++;
    }
  }
  return open.length ? `'${open[open.length - 1]}' is never closed` : pieces;
}

const isWord = (piece: Piece | undefined, word: string) => piece?.kind === 'word' && piece.depth === 0 && piece.text.toUpperCase() === word;

/** Cuts `sql` into a {@link StatementShape}, or says why it cannot. */
export function statementShape(sql: string): StatementShape | { readonly error: string } {
  const pieces = scan(sql);
  if (typeof pieces === 'string') return { error: pieces };
  const select = pieces.findIndex((piece) => isWord(piece, 'SELECT'));
  if (select < 0) return { error: 'the statement has no SELECT' };
  if (select > 0 && !isWord(pieces[0], 'SET')) return { error: 'the statement must begin with SELECT (or a SET clause)' };
  const from = pieces.findIndex((piece, i) => i > select && isWord(piece, 'FROM'));
  if (from < 0) return { error: "the statement needs FROM '<topic filter>'" };
  const topic = pieces[from + 1];
  if (topic?.kind !== 'string') return { error: 'FROM must be followed by a quoted topic filter' };
  const rest = pieces[from + 2];
  if (rest && !isWord(rest, 'WHERE')) return { error: `only WHERE may follow the topic, not '${rest.text}'` };
  const listed = pieces.slice(select + 1, from);
  const valueSelect = isWord(listed[0], 'VALUE') && listed.length > 1 && !isWord(listed[1], 'AS') && listed[1].text !== ',';
  const cuts = [select, ...listed.flatMap((piece, i) => (piece.depth === 0 && piece.text === ',' && piece.kind === 'punct' ? [select + 1 + i] : [])), from];
  const items: SelectItem[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const inside = pieces.slice(cuts[k] + 1, cuts[k + 1]);
    if (!inside.length) return { error: 'the SELECT list has an empty item' };
    const text = sql.slice(inside[0].start, inside[inside.length - 1].end);
    const as = inside.findIndex((piece) => isWord(piece, 'AS'));
    const alias = as < 0 ? undefined : inside.slice(as + 1).map((piece) => piece.text).join('');
    items.push({ text, star: text === '*', ...(alias === undefined ? {} : { alias }) });
  }
  return { head: sql.slice(0, pieces[select].start), valueSelect, items, topic: topic.text, tail: sql.slice(topic.end) };
}

/**
 * Why `expression` is not one IoT SQL expression that can stand before `AS` in a SELECT list, or
 * undefined when it can: no unclosed quote or bracket, no top-level comma or clause keyword (which
 * would add columns or clauses to the rule).
 */
export function expressionProblem(expression: string): string | undefined {
  const pieces = scan(expression);
  if (typeof pieces === 'string') return pieces;
  if (!pieces.length) return 'it is empty';
  const stray = pieces.find((piece) => (piece.kind === 'punct' && piece.depth === 0 && piece.text === ',') || ['SELECT', 'FROM', 'WHERE', 'AS', 'SET'].some((word) => isWord(piece, word)));
  return stray ? `it must be one expression, without a top-level '${stray.text}'` : undefined;
}
