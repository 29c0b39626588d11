import type { FieldType } from './lifecycle-input';
import { describe, toEpochMillis } from './timestamp';

/** A field value checked against its type: the normalised value, or why it does not fit. */
export type FieldResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks one present, non-null field value against `type` and normalises it: timestamps become
 * epoch ms and integers `bigint` (payloads parsed with plain `JSON.parse` give `number`s). Other
 * values are returned as they are.
 */
export function checkFieldValue(type: FieldType, value: unknown): FieldResult {
  switch (type) {
    case 'timestamp': {
      const result = toEpochMillis(value);
      return result.ok ? { ok: true, value: result.millis } : result;
    }
    case 'integer':
      if (typeof value === 'bigint') return { ok: true, value };
      if (typeof value === 'number' && Number.isSafeInteger(value)) return { ok: true, value: BigInt(value) };
      return mismatch('an integer', value);
    case 'string':
      return typeof value === 'string' ? { ok: true, value } : mismatch('a string', value);
    case 'boolean':
      return typeof value === 'boolean' ? { ok: true, value } : mismatch('a boolean', value);
    case 'string-list':
      if (!Array.isArray(value)) return mismatch('an array of strings', value);
      return value.every((item) => typeof item === 'string') ? { ok: true, value } : mismatch('an array of strings', value, 'an array with a non-string item');
    case 'list':
      return Array.isArray(value) ? { ok: true, value } : mismatch('an array', value);
    case 'object':
      return isObject(value) ? { ok: true, value } : mismatch('an object', value);
  }
}

function mismatch(expected: string, value: unknown, got = describe(value)): FieldResult {
  return { ok: false, error: `must be ${expected}, got ${got}` };
}
