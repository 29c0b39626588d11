/**
 * MD5 (RFC 1321) in plain JavaScript, for name-based (version 3) UUIDs. Their inputs are a few
 * dozen bytes, for which `node:crypto`'s per-call setup costs several times the hashing itself.
 * The message is laid out in one reused scratch buffer, so a hash allocates nothing. Not for
 * security.
 *
 * The 64 steps of each block are written out (RFC 1321 §3.4: the four rounds with their shifts
 * and sine-derived constants): a loop that picks the function, word and shift per step runs at
 * about half the speed, and every action an engine step produces needs one hash.
 */

let scratch = new Uint8Array(1024);
let scratchWords = new Int32Array(scratch.buffer);
/** The digest of the last {@link md5Scratch} call, as four little-endian words. */
export const digestWords = new Int32Array(4);
/** The chaining state after the first 64-byte block of the last hash that had more than one. */
const firstBlockState = new Int32Array(4);
/** Hashes made so far: tells a caller whether {@link firstBlockState} is still the one its last hash left. */
let hashes = 0;

/** How many hashes {@link md5Scratch} has made; equal to what a call returned while no other hash was made since. */
export function hashesMade(): number {
  return hashes;
}

/** The scratch buffer, grown to hold at least `bytes` bytes plus padding. */
export function scratchFor(bytes: number): Uint8Array {
  const needed = (((bytes + 8) >>> 6) + 1) * 64;
  if (needed > scratch.length) {
    scratch = new Uint8Array(needed * 2);
    scratchWords = new Int32Array(scratch.buffer);
  }
  return scratch;
}

/**
 * Hashes the first `length` bytes of the scratch buffer into {@link digestWords}. With
 * `sameFirstBlock`, the first 64 bytes are taken to be those of the last hash (the caller knows it:
 * no hash was made since its own, see {@link hashesMade}, and it wrote the same first block), and
 * that block's work is not done again: names that share a long prefix, such as the action ids of
 * one state change, cost one block each instead of two. Returns {@link hashesMade}.
 */
export function md5Scratch(length: number, sameFirstBlock = false): number {
  const blocks = ((length + 8) >>> 6) + 1;
  const end = blocks * 64;
  // Padding (RFC 1321 §3.1–3.2): 0x80, zeros, then the length in bits, little-endian.
  scratch[length] = 0x80;
  scratch.fill(0, length + 1, end - 8);
  const bits = length * 8;
  scratchWords[(end >>> 2) - 2] = bits | 0;
  scratchWords[(end >>> 2) - 1] = Math.floor(bits / 2 ** 32) | 0;
  hashBlocks(scratchWords, blocks, sameFirstBlock && blocks > 1);
  return ++hashes;
}

function hashBlocks(w: Int32Array, blocks: number, fromSecond: boolean): void {
  let a0 = fromSecond ? firstBlockState[0] : 0x67452301;
  let b0 = fromSecond ? firstBlockState[1] : 0xefcdab89 | 0;
  let c0 = fromSecond ? firstBlockState[2] : 0x98badcfe | 0;
  let d0 = fromSecond ? firstBlockState[3] : 0x10325476;
  for (let o = fromSecond ? 16 : 0; o < blocks * 16; o += 16) {
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    let n: number;
    // Round 1.
    n = (a + ((b & c) | (~b & d)) + w[o] - 680876936) | 0;
    a = (((n << 7) | (n >>> 25)) + b) | 0;
    n = (d + ((a & b) | (~a & c)) + w[o + 1] - 389564586) | 0;
    d = (((n << 12) | (n >>> 20)) + a) | 0;
    n = (c + ((d & a) | (~d & b)) + w[o + 2] + 606105819) | 0;
    c = (((n << 17) | (n >>> 15)) + d) | 0;
    n = (b + ((c & d) | (~c & a)) + w[o + 3] - 1044525330) | 0;
    b = (((n << 22) | (n >>> 10)) + c) | 0;
    n = (a + ((b & c) | (~b & d)) + w[o + 4] - 176418897) | 0;
    a = (((n << 7) | (n >>> 25)) + b) | 0;
    n = (d + ((a & b) | (~a & c)) + w[o + 5] + 1200080426) | 0;
    d = (((n << 12) | (n >>> 20)) + a) | 0;
    n = (c + ((d & a) | (~d & b)) + w[o + 6] - 1473231341) | 0;
    c = (((n << 17) | (n >>> 15)) + d) | 0;
    n = (b + ((c & d) | (~c & a)) + w[o + 7] - 45705983) | 0;
    b = (((n << 22) | (n >>> 10)) + c) | 0;
    n = (a + ((b & c) | (~b & d)) + w[o + 8] + 1770035416) | 0;
    a = (((n << 7) | (n >>> 25)) + b) | 0;
    n = (d + ((a & b) | (~a & c)) + w[o + 9] - 1958414417) | 0;
    d = (((n << 12) | (n >>> 20)) + a) | 0;
    n = (c + ((d & a) | (~d & b)) + w[o + 10] - 42063) | 0;
    c = (((n << 17) | (n >>> 15)) + d) | 0;
    n = (b + ((c & d) | (~c & a)) + w[o + 11] - 1990404162) | 0;
    b = (((n << 22) | (n >>> 10)) + c) | 0;
    n = (a + ((b & c) | (~b & d)) + w[o + 12] + 1804603682) | 0;
    a = (((n << 7) | (n >>> 25)) + b) | 0;
    n = (d + ((a & b) | (~a & c)) + w[o + 13] - 40341101) | 0;
    d = (((n << 12) | (n >>> 20)) + a) | 0;
    n = (c + ((d & a) | (~d & b)) + w[o + 14] - 1502002290) | 0;
    c = (((n << 17) | (n >>> 15)) + d) | 0;
    n = (b + ((c & d) | (~c & a)) + w[o + 15] + 1236535329) | 0;
    b = (((n << 22) | (n >>> 10)) + c) | 0;
    // Round 2.
    n = (a + ((b & d) | (c & ~d)) + w[o + 1] - 165796510) | 0;
    a = (((n << 5) | (n >>> 27)) + b) | 0;
    n = (d + ((a & c) | (b & ~c)) + w[o + 6] - 1069501632) | 0;
    d = (((n << 9) | (n >>> 23)) + a) | 0;
    n = (c + ((d & b) | (a & ~b)) + w[o + 11] + 643717713) | 0;
    c = (((n << 14) | (n >>> 18)) + d) | 0;
    n = (b + ((c & a) | (d & ~a)) + w[o] - 373897302) | 0;
    b = (((n << 20) | (n >>> 12)) + c) | 0;
    n = (a + ((b & d) | (c & ~d)) + w[o + 5] - 701558691) | 0;
    a = (((n << 5) | (n >>> 27)) + b) | 0;
    n = (d + ((a & c) | (b & ~c)) + w[o + 10] + 38016083) | 0;
    d = (((n << 9) | (n >>> 23)) + a) | 0;
    n = (c + ((d & b) | (a & ~b)) + w[o + 15] - 660478335) | 0;
    c = (((n << 14) | (n >>> 18)) + d) | 0;
    n = (b + ((c & a) | (d & ~a)) + w[o + 4] - 405537848) | 0;
    b = (((n << 20) | (n >>> 12)) + c) | 0;
    n = (a + ((b & d) | (c & ~d)) + w[o + 9] + 568446438) | 0;
    a = (((n << 5) | (n >>> 27)) + b) | 0;
    n = (d + ((a & c) | (b & ~c)) + w[o + 14] - 1019803690) | 0;
    d = (((n << 9) | (n >>> 23)) + a) | 0;
    n = (c + ((d & b) | (a & ~b)) + w[o + 3] - 187363961) | 0;
    c = (((n << 14) | (n >>> 18)) + d) | 0;
    n = (b + ((c & a) | (d & ~a)) + w[o + 8] + 1163531501) | 0;
    b = (((n << 20) | (n >>> 12)) + c) | 0;
    n = (a + ((b & d) | (c & ~d)) + w[o + 13] - 1444681467) | 0;
    a = (((n << 5) | (n >>> 27)) + b) | 0;
    n = (d + ((a & c) | (b & ~c)) + w[o + 2] - 51403784) | 0;
    d = (((n << 9) | (n >>> 23)) + a) | 0;
    n = (c + ((d & b) | (a & ~b)) + w[o + 7] + 1735328473) | 0;
    c = (((n << 14) | (n >>> 18)) + d) | 0;
    n = (b + ((c & a) | (d & ~a)) + w[o + 12] - 1926607734) | 0;
    b = (((n << 20) | (n >>> 12)) + c) | 0;
    // Round 3.
    n = (a + (b ^ c ^ d) + w[o + 5] - 378558) | 0;
    a = (((n << 4) | (n >>> 28)) + b) | 0;
    n = (d + (a ^ b ^ c) + w[o + 8] - 2022574463) | 0;
    d = (((n << 11) | (n >>> 21)) + a) | 0;
    n = (c + (d ^ a ^ b) + w[o + 11] + 1839030562) | 0;
    c = (((n << 16) | (n >>> 16)) + d) | 0;
    n = (b + (c ^ d ^ a) + w[o + 14] - 35309556) | 0;
    b = (((n << 23) | (n >>> 9)) + c) | 0;
    n = (a + (b ^ c ^ d) + w[o + 1] - 1530992060) | 0;
    a = (((n << 4) | (n >>> 28)) + b) | 0;
    n = (d + (a ^ b ^ c) + w[o + 4] + 1272893353) | 0;
    d = (((n << 11) | (n >>> 21)) + a) | 0;
    n = (c + (d ^ a ^ b) + w[o + 7] - 155497632) | 0;
    c = (((n << 16) | (n >>> 16)) + d) | 0;
    n = (b + (c ^ d ^ a) + w[o + 10] - 1094730640) | 0;
    b = (((n << 23) | (n >>> 9)) + c) | 0;
    n = (a + (b ^ c ^ d) + w[o + 13] + 681279174) | 0;
    a = (((n << 4) | (n >>> 28)) + b) | 0;
    n = (d + (a ^ b ^ c) + w[o] - 358537222) | 0;
    d = (((n << 11) | (n >>> 21)) + a) | 0;
    n = (c + (d ^ a ^ b) + w[o + 3] - 722521979) | 0;
    c = (((n << 16) | (n >>> 16)) + d) | 0;
    n = (b + (c ^ d ^ a) + w[o + 6] + 76029189) | 0;
    b = (((n << 23) | (n >>> 9)) + c) | 0;
    n = (a + (b ^ c ^ d) + w[o + 9] - 640364487) | 0;
    a = (((n << 4) | (n >>> 28)) + b) | 0;
    n = (d + (a ^ b ^ c) + w[o + 12] - 421815835) | 0;
    d = (((n << 11) | (n >>> 21)) + a) | 0;
    n = (c + (d ^ a ^ b) + w[o + 15] + 530742520) | 0;
    c = (((n << 16) | (n >>> 16)) + d) | 0;
    n = (b + (c ^ d ^ a) + w[o + 2] - 995338651) | 0;
    b = (((n << 23) | (n >>> 9)) + c) | 0;
    // Round 4.
    n = (a + (c ^ (b | ~d)) + w[o] - 198630844) | 0;
    a = (((n << 6) | (n >>> 26)) + b) | 0;
    n = (d + (b ^ (a | ~c)) + w[o + 7] + 1126891415) | 0;
    d = (((n << 10) | (n >>> 22)) + a) | 0;
    n = (c + (a ^ (d | ~b)) + w[o + 14] - 1416354905) | 0;
    c = (((n << 15) | (n >>> 17)) + d) | 0;
    n = (b + (d ^ (c | ~a)) + w[o + 5] - 57434055) | 0;
    b = (((n << 21) | (n >>> 11)) + c) | 0;
    n = (a + (c ^ (b | ~d)) + w[o + 12] + 1700485571) | 0;
    a = (((n << 6) | (n >>> 26)) + b) | 0;
    n = (d + (b ^ (a | ~c)) + w[o + 3] - 1894986606) | 0;
    d = (((n << 10) | (n >>> 22)) + a) | 0;
    n = (c + (a ^ (d | ~b)) + w[o + 10] - 1051523) | 0;
    c = (((n << 15) | (n >>> 17)) + d) | 0;
    n = (b + (d ^ (c | ~a)) + w[o + 1] - 2054922799) | 0;
    b = (((n << 21) | (n >>> 11)) + c) | 0;
    n = (a + (c ^ (b | ~d)) + w[o + 8] + 1873313359) | 0;
    a = (((n << 6) | (n >>> 26)) + b) | 0;
    n = (d + (b ^ (a | ~c)) + w[o + 15] - 30611744) | 0;
    d = (((n << 10) | (n >>> 22)) + a) | 0;
    n = (c + (a ^ (d | ~b)) + w[o + 6] - 1560198380) | 0;
    c = (((n << 15) | (n >>> 17)) + d) | 0;
    n = (b + (d ^ (c | ~a)) + w[o + 13] + 1309151649) | 0;
    b = (((n << 21) | (n >>> 11)) + c) | 0;
    n = (a + (c ^ (b | ~d)) + w[o + 4] - 145523070) | 0;
    a = (((n << 6) | (n >>> 26)) + b) | 0;
    n = (d + (b ^ (a | ~c)) + w[o + 11] - 1120210379) | 0;
    d = (((n << 10) | (n >>> 22)) + a) | 0;
    n = (c + (a ^ (d | ~b)) + w[o + 2] + 718787259) | 0;
    c = (((n << 15) | (n >>> 17)) + d) | 0;
    n = (b + (d ^ (c | ~a)) + w[o + 9] - 343485551) | 0;
    b = (((n << 21) | (n >>> 11)) + c) | 0;
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
    if (o === 0) {
      firstBlockState[0] = a0;
      firstBlockState[1] = b0;
      firstBlockState[2] = c0;
      firstBlockState[3] = d0;
    }
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
