/** One JSON value cut from a stream of text, with the line it starts on. */
export interface JsonPiece<T> {
  readonly text: string;
  readonly line: number;
  /** Set when the text around it is not a sequence of JSON values (what is wrong). */
  readonly error?: string;
  /** What `quick` read from it, when it was a line of its own that `quick` could read. */
  readonly quick?: T;
}

const NEWLINE = 10;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const EMPTY = new Uint8Array(0);

/**
 * Cuts UTF-8 JSON text arriving in chunks of bytes into its top-level values — JSON lines, or
 * documents one after another — and a top-level array into its elements, one at a time, without
 * parsing them: a file of any length is read holding one value (or array element) at a time.
 *
 * A value is found by counting brackets outside strings, on the bytes (every byte of a multi-byte
 * UTF-8 character is above 127, so none is taken for a quote or a bracket); whether it is valid
 * JSON is left to the parser that reads it. Each piece is decoded into a string of its own, so
 * what a detector keeps of a message (its retained input) holds no part of the file's text. A
 * string cannot hold a raw line break in JSON, so one ends a value there: a stray quote costs one
 * line, not the rest of the file.
 *
 * JSON lines take a shorter way: an object that starts a line is first handed whole, up to the
 * line break (and a comma ending it, in an array), to `quick`, which returns what it read only if
 * that text is exactly one valid JSON value; otherwise the value is found by counting brackets.
 *
 * Where the text is not a sequence of values (a missing or doubled comma in an array, an array
 * not closed), a piece carrying `error` says so, and cutting goes on past it.
 */
export function* jsonPieces<T>(chunks: Iterable<Uint8Array>, quick?: (line: string) => T | undefined): Generator<JsonPiece<T>> {
  const source = chunks[Symbol.iterator]();
  let bytes: Uint8Array = EMPTY;
  let at = 0;
  let line = 1;
  /** Line of the `[` of the top-level array being read, or 0. */
  let arrayLine = 0;
  /** In an array: 'first' after `[`, 'value' after a comma, 'separator' after an element. */
  let expect: 'first' | 'value' | 'separator' = 'first';
  const refill = (): boolean => {
    for (;;) {
      const next = source.next();
      if (next.done) return false;
      if (!next.value.length) continue;
      bytes = at === bytes.length ? next.value : Buffer.concat([bytes.subarray(at), next.value]);
      at = 0;
      return true;
    }
  };
  const text = (start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('utf8');
  /** The line from `at` read by `quick`, consumed (with its comma in an array), or undefined. */
  const quickLine = (read: (line: string) => T | undefined): JsonPiece<T> | undefined => {
    let newline = bytes.indexOf(NEWLINE, at);
    while (newline < 0) {
      const offset = bytes.length - at;
      if (!refill()) break;
      newline = bytes.indexOf(NEWLINE, at + offset);
    }
    let end = newline < 0 ? bytes.length : newline;
    while (end > at && (bytes[end - 1] === 13 || bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--;
    const comma = arrayLine !== 0 && bytes[end - 1] === COMMA;
    const candidate = text(at, comma ? end - 1 : end);
    const value = read(candidate);
    if (value === undefined) return undefined;
    at = end;
    expect = comma ? 'value' : 'separator';
    return { text: candidate, line, quick: value };
  };
  for (;;) {
    // Whitespace between values.
    for (;;) {
      if (at === bytes.length && !refill()) {
        if (arrayLine) yield { text: '', line, error: `the array opened on line ${arrayLine} is not closed` };
        return;
      }
      const code = bytes[at];
      if (code === NEWLINE) line++;
      else if (code !== 32 && code !== 9 && code !== 13) break;
      at++;
    }
    const code = bytes[at];
    if (!arrayLine && code === OPEN_BRACKET) {
      arrayLine = line;
      expect = 'first';
      at++;
      continue;
    }
    if (arrayLine && (code === COMMA || code === CLOSE_BRACKET)) {
      const closing = code === CLOSE_BRACKET;
      if (expect === 'value' || (expect === 'first' && !closing)) {
        yield { text: text(at, at + 1), line, error: `expected an element of the array opened on line ${arrayLine}, found '${text(at, at + 1)}'` };
        // Read on as if the stray comma were not there.
        if (!closing) {
          at++;
          continue;
        }
      }
      if (closing) arrayLine = 0;
      else expect = 'value';
      at++;
      continue;
    }
    if (arrayLine && expect === 'separator') {
      yield { text: text(at, at + 1), line, error: `expected ',' or ']' in the array opened on line ${arrayLine}, found '${text(at, at + 1)}'` };
      // Read on as if the comma were there: the elements that follow are still messages.
      expect = 'value';
      continue;
    }
    if (quick && code === OPEN_BRACE) {
      const read = quickLine(quick);
      if (read) {
        yield read;
        continue;
      }
    }
    // One value: scan to its end, reading on when the bytes run out.
    const start = line;
    let end = at;
    let depth = 0;
    let inString = false;
    scan: for (;;) {
      for (; end < bytes.length; end++) {
        const c = bytes[end];
        if (inString) {
          if (c === BACKSLASH) end++;
          else if (c === QUOTE) {
            inString = false;
            if (depth === 0) {
              end++;
              break scan;
            }
          } else if (c === NEWLINE) break scan;
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (depth === 0) break scan;
          if (--depth === 0) {
            end++;
            break scan;
          }
        } else if (c === NEWLINE) {
          if (depth === 0) break scan;
          line++;
        } else if (depth === 0 && (c === COMMA || c === 32 || c === 9 || c === 13)) break scan;
      }
      const offset = end - at;
      if (!refill()) break;
      end = at + offset;
    }
    if (end === at) end++; // a lone `]` or `}`: hand it to the parser, which says what is wrong
    end = Math.min(end, bytes.length);
    const piece = text(at, end);
    at = end;
    expect = 'separator';
    yield { text: piece, line: start };
  }
}
