/**
 * MD5 (RFC 1321) in plain JavaScript, for name-based (version 3) UUIDs. Their inputs are a few
 * dozen bytes, for which `node:crypto`'s per-call setup costs several times the hashing itself.
 * The message is laid out in one reused scratch buffer, so a hash allocates nothing. Not for
 * security.
 */

// Per-round shift amounts and the sine-derived constants of RFC 1321 §3.4.
const SHIFTS = new Int32Array([7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]);
const K = new Int32Array(Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0));

let scratch = new Uint8Array(1024);
let scratchWords = new Int32Array(scratch.buffer);
/** The digest of the last {@link md5Scratch} call, as four little-endian words. */
export const digestWords = new Int32Array(4);

/** The scratch buffer, grown to hold at least `bytes` bytes plus padding. */
export function scratchFor(bytes: number): Uint8Array {
  const needed = (((bytes + 8) >>> 6) + 1) * 64;
  if (needed > scratch.length) {
    scratch = new Uint8Array(needed * 2);
    scratchWords = new Int32Array(scratch.buffer);
  }
  return scratch;
}

/** Hashes the first `length` bytes of the scratch buffer into {@link digestWords}. */
export function md5Scratch(length: number): void {
  const blocks = ((length + 8) >>> 6) + 1;
  const end = blocks * 64;
  // Padding (RFC 1321 §3.1–3.2): 0x80, zeros, then the length in bits, little-endian.
  scratch[length] = 0x80;
  scratch.fill(0, length + 1, end - 8);
  const bits = length * 8;
  scratchWords[(end >>> 2) - 2] = bits | 0;
  scratchWords[(end >>> 2) - 1] = Math.floor(bits / 2 ** 32) | 0;
  let a0 = 0x67452301;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476;
  for (let base = 0; base < blocks * 16; base += 16) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) & 15;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) & 15;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) & 15;
      }
      const sum = (a + f + K[i] + scratchWords[base + g]) | 0;
      const shift = SHIFTS[((i >>> 4) << 2) + (i & 3)];
      a = d;
      d = c;
      c = b;
      b = (b + ((sum << shift) | (sum >>> (32 - shift)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  digestWords[0] = a0;
  digestWords[1] = b0;
  digestWords[2] = c0;
  digestWords[3] = d0;
}

/** The 16-byte MD5 digest of `bytes` (a convenience over the scratch buffer). */
export function md5(bytes: Uint8Array): Uint8Array {
  scratchFor(bytes.length).set(bytes);
  md5Scratch(bytes.length);
  return new Uint8Array(digestWords.buffer.slice(0));
}
