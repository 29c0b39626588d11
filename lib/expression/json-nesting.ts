import { AppError } from '../errors';

/**
 * How deeply JSON from outside may nest: 64 levels of objects and arrays (docs/decisions.md E18).
 * Every API request shape of IoT Events is at most 12 levels deep, and an attribute path of at
 * most 128 characters names at most 64 levels of a payload, so nothing a model can read is refused;
 * the bound keeps every recursive walk (parsing, copying, serialising) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The bound for JSON that Vigil wrote itself (stored detectors, traces), which wraps documents of
 * up to {@link MAX_JSON_DEPTH} levels in a few of its own: generous, still far from the stack's end.
 */
export const MAX_STORED_JSON_DEPTH = 1024;

/** A JSON document nests deeper than allowed. `offset` is the character that went too deep, when read from text. */
export class JsonNestingError extends AppError {
  constructor(
    readonly limit: number,
    readonly offset?: number,
  ) {
    super(`JSON nested more than ${limit} levels deep${offset === undefined ? '' : ` (at character ${offset})`}; at most ${limit} levels of objects and arrays are accepted`);
  }
}

const OPEN_BRACE = 123;
const OPEN_BRACKET = 91;
const CLOSE_BRACE = 125;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Throws {@link JsonNestingError} when JSON text opens more than `limit` objects and arrays at
 * once. One pass, no recursion, strings skipped; the text need not be valid JSON. It runs before
 * parsers that recurse or that build a structure others will walk; the typed JSON parser counts
 * depth itself and calls this only on invalid text, so that too deep a document is refused as such
 * wherever its syntax error lies.
 */
export function checkJsonTextNesting(text: string, limit = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (++depth > limit) throw new JsonNestingError(limit, i);
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
    }
  }
}

/**
 * Throws {@link JsonNestingError} when a parsed JSON value (a Lambda event, a request body) holds
 * objects and arrays more than `limit` levels deep. Iterative, so it is safe on any depth; every
 * value is visited at most once.
 */
export function checkJsonValueNesting(value: unknown, limit = MAX_JSON_DEPTH): void {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) throw new JsonNestingError(limit);
    for (const member of Array.isArray(current) ? current : Object.values(current)) stack.push({ value: member, depth: depth + 1 });
  }
}
