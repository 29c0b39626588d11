import { digestWords, md5Scratch, scratchFor } from './md5';

// Fixed namespace of Vigil's action execution ids (a random v4 UUID, chosen once).
const NAMESPACE = [0x6f, 0x1c, 0x3a, 0x52, 0xc0, 0xb8, 0x4c, 0x3e, 0x9c, 0x5b, 0xe2, 0xf1, 0xd7, 0xa4, 0xe9, 0xb0];
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * A version-3 (name-based, MD5) UUID, the kind every AWS IoT Events `actionExecutionId` sample is.
 * The same name always gives the same id, so a retried evaluation produces the same ids and
 * duplicates can be recognised downstream.
 */
export function nameBasedUuid(name: string): string {
  const bytes = scratchFor(16 + name.length * 3);
  bytes.set(NAMESPACE);
  const length = 16 + writeUtf8(name, bytes, 16);
  md5Scratch(length);
  let out = '';
  for (let i = 0; i < 16; i++) {
    let byte = (digestWords[i >>> 2] >>> ((i & 3) * 8)) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x30; // version 3
    if (i === 8) byte = (byte & 0x3f) | 0x80; // RFC 4122 variant
    out += (i === 4 || i === 6 || i === 8 || i === 10 ? '-' : '') + HEX[byte];
  }
  return out;
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
