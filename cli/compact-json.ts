import { MAX_JSON_DEPTH, parseTypedJson } from '../lib/expression';

const QUOTE = 34;
const BACKSLASH = 92;

/**
 * JSON text without the whitespace between its tokens (strings and numbers untouched), when the
 * typed parser accepts it — valid JSON, no key twice in an object with different values, at most
 * {@link MAX_JSON_DEPTH} levels deep; otherwise undefined.
 *
 * `vigil simulate` asks this of every JSON payload it prints, and the typed parser costs several
 * times what the rest of an action line does, so the common case takes a shorter way: the text is
 * walked once (whitespace dropped, members and depth counted), the engine's native `JSON.parse`
 * checks the syntax, and when it finds as many members as the text has colons outside strings,
 * no key was repeated. Anything else — invalid text, a repeated key — is left to the typed parser.
 */
export function compactJson(text: string): string | undefined {
  let colons = 0;
  let depth = 0;
  let deepest = 0;
  let inString = false;
  let compact = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) i++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === 58) colons++;
    else if (code === 123 || code === 91) deepest = Math.max(deepest, ++depth);
    else if (code === 125 || code === 93) depth--;
    else if (code === 32 || code === 10 || code === 13 || code === 9) {
      compact += text.slice(from, i);
      from = i + 1;
    }
  }
  if (deepest > MAX_JSON_DEPTH) return undefined;
  compact = from ? compact + text.slice(from) : text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return typedParse(text) ? compact : undefined;
  }
  return members(value) === colons || typedParse(text) ? compact : undefined;
}

/** Object members in a parsed value, at every level. */
function members(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += members(item);
    return count;
  }
  for (const key in value) count += 1 + members((value as Record<string, unknown>)[key]);
  return count;
}

function typedParse(text: string): boolean {
  try {
    parseTypedJson(text);
    return true;
  } catch {
    return false;
  }
}
