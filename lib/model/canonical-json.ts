/**
 * JSON with the keys of every object sorted and members whose value is `undefined` left out (as
 * `JSON.stringify` leaves them out), so two bodies that differ only in key order, or in a member
 * present as `undefined` in one, give the same text: a model file reordered is not a changed model.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
