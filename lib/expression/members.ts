import type { PathSegment } from './ast';

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Reading a path of a payload (`$input.X.a[0].b`): only own members of JSON objects and elements
 * of arrays, so `constructor` or `__proto__` never reach Object.prototype.
 */

/** Element `key` of an array, or own member `key` of a JSON object; undefined for anything else. */
export function member(target: unknown, key: PathSegment): unknown {
  if (typeof key === 'number') return Array.isArray(target) ? target[key] : undefined;
  return field(target, key);
}

/** The own member `key` of a JSON object (not an array); undefined for anything else. */
export function field(target: unknown, key: string): unknown {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return undefined;
  return hasOwn.call(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}
