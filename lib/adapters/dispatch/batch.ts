import { deliverWithRetry, type BatchCall, type DeliveryResult, type RetryOptions } from './retry';
import { ActionDeliveryError } from './errors';
import { isTransientCode } from './classify-error';

/** What one batch request may hold. */
export interface BatchLimits {
  readonly maxEntries: number;
  /** Total payload bytes per request. */
  readonly maxBytes: number;
}

/** The per-item facts the chunker needs. */
export interface ChunkMeasure<T> {
  /** Payload bytes the item adds to a request. */
  bytes(item: T): number;
  /** Items with the same key never share a request (for ids that must be unique per request). */
  key?(item: T): string;
}

/**
 * Splits items, in order, into requests that respect `limits`. Returns indices into `items`. An
 * item that is too large on its own gets a request to itself, so the service reports the problem
 * for that item alone.
 */
export function chunkIndices<T>(items: readonly T[], limits: BatchLimits, measure: ChunkMeasure<T>): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  let keys = new Set<string>();
  items.forEach((item, index) => {
    const size = measure.bytes(item);
    const key = measure.key?.(item);
    const full = current.length === limits.maxEntries || bytes + size > limits.maxBytes || (key !== undefined && keys.has(key));
    if (current.length > 0 && full) {
      chunks.push(current);
      current = [];
      bytes = 0;
      keys = new Set();
    }
    current.push(index);
    bytes += size;
    if (key !== undefined) keys.add(key);
  });
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Sends items in as few requests as `limits` allow, one request after another (so a target sees
 * them in order), retrying failed entries. Returns one result per item, in order.
 */
export async function sendInBatches<T>(items: readonly T[], limits: BatchLimits, measure: ChunkMeasure<T>, call: BatchCall<T>, retry: RetryOptions): Promise<DeliveryResult[]> {
  const results: DeliveryResult[] = new Array(items.length);
  for (const chunk of chunkIndices(items, limits, measure)) {
    const delivered = await deliverWithRetry(chunk.map((index) => items[index]), call, retry);
    chunk.forEach((index, k) => (results[index] = delivered[k]));
  }
  return results;
}

/** A failed entry of an SNS PublishBatch or SQS SendMessageBatch response. */
export interface BatchResultErrorEntry {
  readonly Id?: string;
  readonly Code?: string;
  readonly Message?: string;
  readonly SenderFault?: boolean;
}

/**
 * Maps the `Failed` list of an SNS/SQS batch response to per-entry errors, for requests whose entry
 * ids are the entries' positions. An entry is transient when the fault is AWS's (`SenderFault`
 * false) or its code is a throttle; entries not listed as failed were delivered.
 */
export function batchResultErrors(count: number, failed: readonly BatchResultErrorEntry[] | undefined, operation: string): (Error | undefined)[] {
  const errors: (Error | undefined)[] = new Array(count).fill(undefined);
  for (const entry of failed ?? []) {
    const index = Number(entry.Id);
    if (!Number.isInteger(index) || index < 0 || index >= count) continue;
    const code = entry.Code ?? 'Unknown';
    errors[index] = new ActionDeliveryError(`${operation} failed for this entry: ${code}: ${entry.Message ?? 'no message'}`, code, entry.SenderFault === false || isTransientCode(code));
  }
  return errors;
}

/** UTF-8 length of a string, without allocating a buffer. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
