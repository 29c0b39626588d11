import { fnv1a64Hex } from '../hash';

/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of `text`, as 16 lower-case hex digits: the hash in every
 * lifecycle message id. Stable across processes and releases (unlike a seeded hash), which
 * message-id deduplication needs; 64 bits is what the engine keeps of a long message id anyway
 * (docs/decisions.md D9). The one implementation is `lib/hash.ts`. Not for security.
 */
export function fnv1a64(text: string): string {
  return fnv1a64Hex(text);
}
