import { AppError } from '../../lib/errors';

/** A half-open range `[start, end)` of offsets (UTF-16 code units, as a browser's text areas count) in a JSON text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** Where a value sits in the text; a string also maps offsets of its decoded text to the text. */
interface Located extends TextRange {
  readonly string?: boolean;
}

/** The text is not JSON; `offset` is where reading stopped. */
export class JsonTextError extends AppError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at ${offset}`);
  }
}

/**
 * Every value of a JSON text by its path, in the form the validators report paths
 * (`states[2].onInput.events[0].condition`; `''` is the whole document). The scan is a strict
 * JSON grammar (what `JSON.parse` accepts); a duplicate member is located where its last
 * occurrence is, as `JSON.parse` keeps the last. Recursive: check the text's nesting first
 * (`checkJsonTextNesting`) when it comes from outside.
 *
 * @throws JsonTextError naming the offset where the text stops being JSON.
 */
export function locateJson(text: string): JsonLocations {
  const found = new Map<string, Located>();
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonTextError(at >= text.length ? `unexpected end of the text, expected ${what}` : `unexpected '${text[at]}', expected ${what}`, at);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at])) at++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, at)) at += word.length;
    else fail(`a value`);
  };
  const string = (): string => {
    const start = at++;
    while (at < text.length && text[at] !== '"') {
      if (text.charCodeAt(at) < 0x20) fail('a character (control characters must be escaped)');
      if (text[at] === '\\') {
        at++;
        if (text[at] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail('four hex digits');
          at += 4;
        } else if (!'"\\/bfnrt'.includes(text[at] ?? '')) fail('an escape');
      }
      at++;
    }
    if (at >= text.length) fail(`'"'`);
    at++;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const value = (path: string): void => {
    space();
    const start = at;
    const c = text[at];
    if (c === '{') {
      at++;
      space();
      if (text[at] === '}') at++;
      else {
        for (;;) {
          space();
          if (text[at] !== '"') fail('a member name');
          const name = string();
          space();
          if (text[at] !== ':') fail(`':'`);
          at++;
          value(path === '' ? name : `${path}.${name}`);
          space();
          if (text[at] === ',') at++;
          else if (text[at] === '}') break;
          else fail(`',' or '}'`);
        }
        at++;
      }
    } else if (c === '[') {
      at++;
      space();
      if (text[at] === ']') at++;
      else {
        for (let index = 0; ; index++) {
          value(`${path}[${index}]`);
          space();
          if (text[at] === ',') at++;
          else if (text[at] === ']') break;
          else fail(`',' or ']'`);
        }
        at++;
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else {
      const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
      if (!number) fail('a value');
      at += (number as RegExpExecArray)[0].length;
    }
    found.set(path, { start, end: at, ...(c === '"' ? { string: true } : {}) });
  };
  value('');
  space();
  if (at < text.length) fail('the end of the text');
  return new JsonLocations(text, found);
}

/** The result of {@link locateJson}. */
export class JsonLocations {
  constructor(
    private readonly text: string,
    private readonly values: ReadonlyMap<string, Located>,
  ) {}

  /** The range of the value at `path`, or undefined when the document has none there. */
  range(path: string): TextRange | undefined {
    const located = this.values.get(path);
    return located && { start: located.start, end: located.end };
  }

  /**
   * Where a problem reported at `path` (with an optional span inside the string there, such as an
   * expression's) is in the text: the span's characters; else the whole value; else, for a
   * member that is missing, the first character of the nearest enclosing value that exists. The
   * document itself (`''`) has no position.
   */
  position(path: string, span?: TextRange): TextRange | undefined {
    if (path === '') return undefined;
    const located = this.values.get(path);
    if (located) return span && located.string ? this.inString(located, span) : { start: located.start, end: located.end };
    for (let parent = enclosing(path); parent !== undefined; parent = enclosing(parent)) {
      const outer = this.values.get(parent);
      if (outer && parent !== '') return { start: outer.start, end: outer.start + 1 };
    }
    return undefined;
  }

  /** Maps a range of a string's decoded characters to the text, escapes counted as written. */
  private inString(located: Located, span: TextRange): TextRange {
    const offsets: number[] = [];
    for (let at = located.start + 1; at < located.end - 1; ) {
      offsets.push(at);
      at += this.text[at] !== '\\' ? 1 : this.text[at + 1] === 'u' ? 6 : 2;
    }
    offsets.push(located.end - 1);
    const clamp = (index: number) => offsets[Math.max(0, Math.min(index, offsets.length - 1))];
    return { start: clamp(span.start), end: Math.max(clamp(span.end), clamp(span.start) + 1) };
  }
}

/** The path of the value that holds the one at `path`, or undefined for the document. */
function enclosing(path: string): string | undefined {
  if (path === '') return undefined;
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}
