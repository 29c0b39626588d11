import { KEY_VALUE, KEY_VALUE_RULE } from '../engine';
import { ModelValidationError, checkMembers, type MemberCheckOptions, type StructureShape } from '../model';
import { apiErrors } from './http';

/**
 * Checks on request fields, as the service's own input validation did: a field that breaks its
 * shape (missing, wrong type, too long, wrong pattern) rejects the whole request with an
 * InvalidRequestException that names the field by its JSON path.
 */

/** Constraints of a string field (the SDK model's `min`, `max` and `pattern`). */
export interface StringRule {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  /** What the pattern allows, in words: said instead of the pattern's source when the value breaks it. */
  readonly allowed?: string;
}

/** Model, state and input names, key values and ids, as the SDK models constrain them. */
export const RULES = {
  detectorModelName: { min: 1, max: 128, pattern: /^[a-zA-Z0-9_-]+$/ },
  inputName: { min: 1, max: 128, pattern: /^[a-zA-Z][a-zA-Z0-9_]*$/ },
  // The engine's rule (decision D8), so every detector it creates can be addressed.
  keyValue: { min: 1, max: 128, pattern: KEY_VALUE, allowed: KEY_VALUE_RULE },
  messageId: { min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/ },
  stateName: { min: 1, max: 128 },
  variableName: { min: 1, max: 128, pattern: /^[a-zA-Z][a-zA-Z0-9_]*$/ },
  variableValue: { min: 1, max: 1024 },
  timerName: { min: 1, max: 128 },
  description: { max: 1024 },
  nextToken: { min: 1, max: 4096 },
} satisfies Record<string, StringRule>;

/** The request body as an object. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw apiErrors.invalid('the request body must be a JSON object');
  return body as Record<string, unknown>;
}

/**
 * Rejects a body that has members its AWS shape does not declare, with one InvalidRequestException
 * listing each by its JSON path and the closest allowed name (`messages[0].messageID: unknown
 * member; did you mean 'messageId'?`), as AWS's clients and service refused them: an ignored typo
 * would silently change what the request does.
 */
export function rejectUnknownMembers(body: unknown, shape: StructureShape, options?: MemberCheckOptions): void {
  const errors = checkMembers(body, shape, '', options).filter((issue) => issue.level === 'ERROR');
  if (!errors.length) return;
  const error = new ModelValidationError(errors, shape.name);
  throw apiErrors.invalid(error.message, { cause: error });
}

/** An object member of an object, required. */
export function requiredObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw apiErrors.invalid(`${path} is required and must be an object`);
  return value as Record<string, unknown>;
}

/** A required string that satisfies `rule`. */
export function requiredString(value: unknown, path: string, rule: StringRule = {}): string {
  if (typeof value !== 'string') throw apiErrors.invalid(`${path} is required and must be a string`);
  return checkString(value, path, rule);
}

/** An optional string (undefined when absent) that satisfies `rule` when present. */
export function optionalString(value: unknown, path: string, rule: StringRule = {}): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw apiErrors.invalid(`${path} must be a string`);
  return checkString(value, path, rule);
}

/** A required list of `min` to `max` members. */
export function requiredList(value: unknown, path: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value)) throw apiErrors.invalid(`${path} is required and must be a list`);
  if (value.length < min || value.length > max) throw apiErrors.invalid(`${path} must have between ${min} and ${max} members, not ${value.length}`);
  return value;
}

/** Rejects a batch in which two entries carry the same id (AWS: ids are unique within a batch). */
export function uniqueIds(ids: readonly string[], path: string, field: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw apiErrors.invalid(`${path}[${i}].${field} '${id}' appears twice; ids must be unique within a batch`);
    seen.add(id);
  });
}

function checkString(value: string, path: string, rule: StringRule): string {
  const { min = 0, max = Infinity, pattern, allowed } = rule;
  if (value.length < min || value.length > max) {
    throw apiErrors.invalid(`${path} must be ${max === Infinity ? `at least ${min}` : `${min} to ${max}`} characters long, not ${value.length}`);
  }
  if (pattern && !pattern.test(value)) {
    throw apiErrors.invalid(allowed ? `${path} ${JSON.stringify(value.slice(0, 140))} is invalid: give ${allowed}` : `${path} '${value.slice(0, 140)}' does not match ${pattern.source}`);
  }
  return value;
}
