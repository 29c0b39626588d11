/**
 * Reading and writing records keyed by user-chosen names (timers, inputs). Timer names may be any
 * text, so `constructor` or `__proto__` must not reach Object.prototype: reads see only own
 * properties, and writes define own properties instead of calling the `__proto__` setter.
 */
const hasOwn = Object.prototype.hasOwnProperty;

/** The record's own value for `name`, or undefined. */
export function getOwn<T>(record: Readonly<Record<string, T>>, name: string): T | undefined {
  return hasOwn.call(record, name) ? record[name] : undefined;
}

/** Whether the record has its own `name`. */
export function hasOwnName(record: Readonly<Record<string, unknown>>, name: string): boolean {
  return hasOwn.call(record, name);
}

/** Sets the record's own `name` (even `__proto__`). */
export function setOwn<T>(record: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') Object.defineProperty(record, name, { value, writable: true, enumerable: true, configurable: true });
  else record[name] = value;
}
