import { digestWords, hashesMade, md5Scratch, scratchFor } from './md5';

// Fixed namespace of Vigil's action execution ids (a random v4 UUID, chosen once).
const NAMESPACE = [0x6f, 0x1c, 0x3a, 0x52, 0xc0, 0xb8, 0x4c, 0x3e, 0x9c, 0x5b, 0xe2, 0xf1, 0xd7, 0xa4, 0xe9, 0xb0];
const HEX_DIGITS = '0123456789abcdef';
const DASH = 0x2d;
const BAR = 0x7c;
/** The UUID's 36 characters as char codes, rewritten by every call: the text is made in one go. */
const uuid = new Array<number>(36).fill(DASH);

/**
 * A version-3 (name-based, MD5) UUID, the kind every AWS IoT Events `actionExecutionId` sample is.
 * The same name always gives the same id, so a retried evaluation produces the same ids and
 * duplicates can be recognised downstream.
 */
export function nameBasedUuid(name: string): string {
  const bytes = scratchFor(16 + name.length * 3);
  bytes.set(NAMESPACE);
  md5Scratch(16 + writeUtf8(name, bytes, 16));
  return formatDigest();
}

/**
 * The id of one action execution: {@link nameBasedUuid} of
 * `model|version|key|sequence|message:<id>` (or `timer:<name>`) `|number`, without building that
 * text: its parts are written straight into the hash's buffer.
 */
export function actionExecutionId(
  modelName: string,
  version: string,
  keyValue: string | undefined,
  sequence: number,
  messageId: string | undefined,
  timerName: string | undefined,
  number: number,
): string {
  const bytes = scratchFor(prefixBytes(modelName, version, keyValue, messageId, timerName));
  let at = writePrefix(bytes, modelName, version, keyValue, sequence, messageId, timerName);
  at += writeUtf8(String(number), bytes, at);
  md5Scratch(at);
  return formatDigest();
}

/**
 * The {@link actionExecutionId}s of one evaluation's actions, which differ only in their number:
 * the common part of the name is written once ({@link begin}), and when it fills MD5's first
 * 64-byte block — a model name, a key and a message id of a few dozen characters do — that block
 * is hashed once for the series rather than once per id. The same ids, for less work.
 */
export class ActionIdSeries {
  private prefix = new Uint8Array(256);
  private length = 0;
  /** What `md5Scratch` returned for this series' last id; -1 before the first. */
  private token = -1;

  /** Starts the ids of one evaluation: the same parts as {@link actionExecutionId} but the number. */
  begin(modelName: string, version: string, keyValue: string | undefined, sequence: number, messageId: string | undefined, timerName: string | undefined): this {
    const needed = prefixBytes(modelName, version, keyValue, messageId, timerName);
    if (needed > this.prefix.length) this.prefix = new Uint8Array(needed * 2);
    this.length = writePrefix(this.prefix, modelName, version, keyValue, sequence, messageId, timerName);
    this.token = -1;
    return this;
  }

  /** The id of action `number` of the series. */
  id(number: number): string {
    const length = this.length;
    const bytes = scratchFor(length + 24);
    // The first block is still in the hash's state only if no other hash was made since this series' last.
    const sameFirstBlock = length >= 64 && this.token === hashesMade();
    const from = sameFirstBlock ? 64 : 0;
    bytes.set(this.prefix.subarray(from, length), from);
    const at = length + writeUtf8(String(number), bytes, length);
    this.token = md5Scratch(at, sameFirstBlock);
    return formatDigest();
  }
}

/** Room for a name's common part and its number: three bytes per UTF-16 unit at most; 24 per number; the separators and source prefix. */
function prefixBytes(modelName: string, version: string, keyValue: string | undefined, messageId: string | undefined, timerName: string | undefined): number {
  const source = messageId !== undefined ? messageId : String(timerName);
  return 16 + 3 * (modelName.length + version.length + (keyValue ?? '').length + source.length) + 2 * 24 + 16;
}

/** Writes the namespace and `model|version|key|sequence|message:<id>|` (or `timer:<name>|`) at the start of `bytes`; returns its length. */
function writePrefix(
  bytes: Uint8Array,
  modelName: string,
  version: string,
  keyValue: string | undefined,
  sequence: number,
  messageId: string | undefined,
  timerName: string | undefined,
): number {
  bytes.set(NAMESPACE);
  let at = 16;
  at += writeUtf8(modelName, bytes, at);
  bytes[at++] = BAR;
  at += writeUtf8(version, bytes, at);
  bytes[at++] = BAR;
  at += writeUtf8(keyValue ?? '', bytes, at);
  bytes[at++] = BAR;
  at += writeUtf8(String(sequence), bytes, at);
  bytes[at++] = BAR;
  at += writeUtf8(messageId !== undefined ? 'message:' : 'timer:', bytes, at);
  at += writeUtf8(messageId !== undefined ? messageId : String(timerName), bytes, at);
  bytes[at++] = BAR;
  return at;
}

/** The last digest as a version-3 UUID in its 8-4-4-4-12 text form. */
function formatDigest(): string {
  let out = 0;
  for (let i = 0; i < 16; i++) {
    let byte = (digestWords[i >>> 2] >>> ((i & 3) * 8)) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x30; // version 3
    if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    if (i === 4 || i === 6 || i === 8 || i === 10) out++; // past the dash
    uuid[out++] = HEX_DIGITS.charCodeAt(byte >>> 4);
    uuid[out++] = HEX_DIGITS.charCodeAt(byte & 15);
  }
  return String.fromCharCode.apply(null, uuid);
}

/** Writes `text` as UTF-8 into `target` at `offset`; returns the number of bytes written. */
function writeUtf8(text: string, target: Uint8Array, offset: number): number {
  let at = offset;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    } else if (code >= 0xd800 && code <= 0xdfff) {
      code = 0xfffd; // a lone surrogate, as TextEncoder writes it
    }
    if (code < 0x80) target[at++] = code;
    else if (code < 0x800) {
      target[at++] = 0xc0 | (code >> 6);
      target[at++] = 0x80 | (code & 63);
    } else if (code < 0x10000) {
      target[at++] = 0xe0 | (code >> 12);
      target[at++] = 0x80 | ((code >> 6) & 63);
      target[at++] = 0x80 | (code & 63);
    } else {
      target[at++] = 0xf0 | (code >> 18);
      target[at++] = 0x80 | ((code >> 12) & 63);
      target[at++] = 0x80 | ((code >> 6) & 63);
      target[at++] = 0x80 | (code & 63);
    }
  }
  return at - offset;
}
