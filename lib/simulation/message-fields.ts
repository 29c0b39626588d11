import { JsonNestingError, MAX_STORED_JSON_DEPTH, parseTypedJson } from '../expression';

/** The members of one message object of a messages file, read without parsing the object whole. */
export interface MessageFields {
  readonly messageId: string | undefined;
  readonly inputName: string;
  /** The payload as written: an object's own JSON text, or a string's value. */
  readonly payloadText: string;
  /** The object payload parsed (typed JSON); undefined for a string payload or one nested too deeply to parse here. */
  readonly payload: Record<string, unknown> | undefined;
  readonly isObject: boolean;
  readonly timestamp: number | undefined;
}

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * Reads a message object in the common shape — members `messageId` and `inputName` (strings),
 * `payload` (an object or a string) and `timestamp` (a number), each at most once, in any order —
 * parsing only the payload, with the same typed parser as the deployed runtime. Parsing the whole
 * line losslessly costs twice as much, for members whose types need no care. Anything else (other
 * members, other types, text that is not valid JSON) gives undefined: the caller then parses the
 * whole text, which also words any error.
 */
export function readMessageFields(text: string): MessageFields | undefined {
  const n = text.length;
  let i = 1;
  let messageId: string | undefined;
  let inputName: string | undefined;
  let payloadText: string | undefined;
  let payload: Record<string, unknown> | undefined;
  let isObject = false;
  let timestamp: number | undefined;
  // Whitespace is skipped inline rather than by a closure: a closure made per message costs an
  // allocation (and, under tsx, a call naming it) on every line of the file.
  if (text.charCodeAt(0) !== 123) return undefined;
  i = skipSpace(text, i);
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = text.indexOf('"', i + 1);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i + 1, keyEnd);
    i = keyEnd + 1;
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== 58) return undefined;
    i++;
    i = skipSpace(text, i);
    const start = i;
    const first = text.charCodeAt(i);
    if (first === QUOTE) {
      const value = stringAt(text, i);
      if (!value) return undefined;
      i = value.end;
      if (key === 'messageId' && messageId === undefined) messageId = value.text;
      else if (key === 'inputName' && inputName === undefined) inputName = value.text;
      else if (key === 'payload' && payloadText === undefined) payloadText = value.text;
      else return undefined;
    } else if (first === 123 && key === 'payload' && payloadText === undefined) {
      i = objectEnd(text, i);
      if (i < 0) return undefined;
      payloadText = text.slice(start, i);
      isObject = true;
      try {
        payload = parseTypedJson(payloadText) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof JsonNestingError) || !isJson(payloadText)) return undefined;
        // Valid, but too deep for a payload: left for the runtime's own check to refuse in its words.
      }
    } else if (key === 'timestamp' && timestamp === undefined) {
      while (i < n && !isSpace(text.charCodeAt(i)) && text[i] !== ',' && text[i] !== '}') i++;
      const number = text.slice(start, i);
      if (!NUMBER.test(number)) return undefined;
      timestamp = Number(number);
    } else return undefined;
    i = skipSpace(text, i);
    const next = text.charCodeAt(i++);
    if (next === 125) break;
    if (next !== 44) return undefined;
    i = skipSpace(text, i);
  }
  i = skipSpace(text, i);
  if (i !== n || inputName === undefined || payloadText === undefined) return undefined;
  return { messageId, inputName, payloadText, payload, isObject, timestamp };
}

/** The JSON string starting at `at` (a quote): its value and where it ends, or undefined if it is not valid. */
function stringAt(text: string, at: number): { text: string; end: number } | undefined {
  let plain = true;
  let i = at + 1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) break;
    if (c === BACKSLASH) {
      plain = false;
      i++;
    } else if (c < 32) return undefined;
  }
  if (i >= text.length) return undefined;
  if (plain) return { text: text.slice(at + 1, i), end: i + 1 };
  try {
    // Escapes: JSON.parse reads a string exactly (only numbers need the typed parser).
    return { text: JSON.parse(text.slice(at, i + 1)) as string, end: i + 1 };
  } catch {
    return undefined;
  }
}

/** Where the object starting at `at` ends (just past its `}`), counting brackets outside strings; -1 if it does not. */
function objectEnd(text: string, at: number): number {
  let depth = 0;
  let inString = false;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 123 || c === 91) depth++;
    else if ((c === 125 || c === 93) && --depth === 0) return i + 1;
  }
  return -1;
}

function isJson(text: string): boolean {
  try {
    parseTypedJson(text, MAX_STORED_JSON_DEPTH);
    return true;
  } catch {
    return false;
  }
}

/** Where the whitespace starting at `at` ends. */
function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}
