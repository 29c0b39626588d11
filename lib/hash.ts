/**
 * FNV-1a, the one non-cryptographic hash of the project: stable across processes and releases
 * (unlike a seeded hash), which matters because its outputs are persisted — detector list
 * partitions, wake-up shards, compacted message ids, lifecycle message ids. Changing any output
 * here strands stored data, so the tests pin known values. Pure; not for security.
 *
 * A string is hashed over its UTF-16 code units (each unit XORed in whole, as the stored
 * partitions, shards and compact ids were computed); bytes, one octet at a time (the published
 * FNV-1a, which lifecycle message ids use over UTF-8).
 */

/** The two 32-bit halves of a 64-bit hash, unsigned. */
export interface Hash64 {
  readonly high: number;
  readonly low: number;
}

const encoder = new TextEncoder();

/** FNV-1a 32-bit of `data`, as an unsigned integer. */
export function fnv1a32(data: string | Uint8Array): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ unitAt(data, i), 0x01000193);
  return hash >>> 0;
}

/**
 * FNV-1a 64-bit of `data`. Computed in two 32-bit halves rather than with BigInt: it runs for
 * every message id a detector sees, and the halves are several times faster.
 */
export function fnv1a64(data: string | Uint8Array): Hash64 {
  let low = 0x84222325;
  let high = 0xcbf29ce4;
  for (let i = 0; i < data.length; i++) {
    low = (low ^ unitAt(data, i)) >>> 0;
    // Multiply by the FNV prime 2^40 + 0x1b3: the 0x1b3 part on both halves (low's carry into
    // high), the 2^40 part as low << 8 into high; bits past 64 fall away.
    const lowProduct = low * 0x1b3;
    high = (Math.imul(high, 0x1b3) + Math.imul(low, 0x100) + Math.floor(lowProduct / 0x100000000)) >>> 0;
    low = lowProduct >>> 0;
  }
  return { high, low };
}

/** FNV-1a 64-bit of the UTF-8 bytes of `text`, as 16 lower-case hex digits (the published test vectors' form). */
export function fnv1a64Hex(text: string): string {
  const { high, low } = fnv1a64(encoder.encode(text));
  return high.toString(16).padStart(8, '0') + low.toString(16).padStart(8, '0');
}

function unitAt(data: string | Uint8Array, i: number): number {
  return typeof data === 'string' ? data.charCodeAt(i) : data[i];
}
