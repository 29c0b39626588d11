/**
 * AttributeJsonPath: the dotted path used by a model's `key` and an input attribute's `jsonPath`.
 * Segments are `[\w-]+`, or backtick-quoted when they contain spaces: ``sensorData.`motor pressure` ``.
 */
const ATTRIBUTE_JSON_PATH = /^((`[\w\- ]+`)|([\w-]+))(\.((`[\w- ]+`)|([\w-]+)))*$/;
const SEGMENT = /`([\w\- ]+)`|([\w-]+)/g;

/** True when `path` matches AWS's AttributeJsonPath pattern (1–128 characters). */
export function isAttributeJsonPath(path: string): boolean {
  return path.length >= 1 && path.length <= 128 && ATTRIBUTE_JSON_PATH.test(path);
}

/** Splits a valid AttributeJsonPath into its segment names (backticks removed). */
export function parseAttributeJsonPath(path: string): string[] {
  return [...path.matchAll(SEGMENT)].map((match) => match[1] ?? match[2]);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Reads the value at `segments` in a parsed payload; undefined when any step is missing. */
export function readPath(payload: unknown, segments: readonly string[]): unknown {
  let target = payload;
  for (const segment of segments) {
    if (target === null || typeof target !== 'object' || Array.isArray(target) || !hasOwn.call(target, segment)) return undefined;
    target = (target as Record<string, unknown>)[segment];
  }
  return target;
}
