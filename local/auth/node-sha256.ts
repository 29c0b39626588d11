import { createHash, createHmac } from 'node:crypto';

/** What the signer hashes and keys with (`SourceData` of `@smithy/types`). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

/**
 * SHA-256 (and HMAC-SHA-256 when given a secret) from node:crypto, in the shape
 * `@smithy/signature-v4` takes as its `sha256` option: no pure-JS hashing of large bodies, and no
 * extra dependency.
 */
export class NodeSha256 {
  private readonly hash;

  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    // The signer makes a new instance per hash; a reused one would silently hash the wrong data.
    throw new Error('NodeSha256 is single-use');
  }
}

function bytes(data: SourceData): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
