import { issue, isObject } from './check-context';
import type { AnalysisType, ModelIssue } from './issues';

/** What a string field of the AWS API accepts. Lengths are in characters, as the SDK models count them. */
export interface StringRule {
  readonly required?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  /** Says what the pattern allows, in words, for the message (`letters, digits, '_' and '-'`). */
  readonly allowed?: string;
  /** Reported under this type when the length exceeds `max`; `structure` otherwise. */
  readonly maxType?: AnalysisType;
}

/** AWS's name pattern for detector models and states. */
export const NAME = { min: 1, max: 128, pattern: /^[a-zA-Z0-9_-]+$/, allowed: "only letters, digits, '_' and '-'" } as const;
/** AWS's pattern for variable and input names: a letter first, and no hyphen. */
export const IDENTIFIER = { min: 1, max: 128, pattern: /^[a-zA-Z][a-zA-Z0-9_]*$/, allowed: "a letter, then only letters, digits and '_' (no '-')" } as const;

/** The last segment of a path, to name the field in messages: `states[0].stateName` → `stateName`. */
function fieldName(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}

/** `a string`, `null`, `an array`…: how a JSON value is named in "must be X, not Y" messages. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'number' || typeof value === 'boolean' ? `the ${typeof value} ${String(value)}` : `a ${typeof value}`;
}

/** Quotes a user value for a message, shortened so one bad field cannot flood the output. */
export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

function describeRule(rule: StringRule): string {
  const length =
    rule.min && rule.max ? `${rule.min}–${rule.max} characters`
      : rule.max ? `at most ${rule.max} characters`
        : rule.min ? `at least ${rule.min} character${rule.min === 1 ? '' : 's'}` : '';
  const text = `a string${length ? ` of ${length}` : ''}`;
  return rule.allowed ? `${text}: ${rule.allowed}` : text;
}

/** Checks one string field. `value` is the raw JSON value (undefined when absent). */
export function checkString(value: unknown, path: string, rule: StringRule): ModelIssue[] {
  const name = fieldName(path);
  const expected = describeRule(rule);
  if (value === undefined) return rule.required ? [issue('structure', 'ERROR', path, `${name} is required: give ${expected}`)] : [];
  if (typeof value !== 'string') return [issue('structure', 'ERROR', path, `${name} must be ${expected}, not ${describeJson(value)}`)];
  if (rule.max !== undefined && value.length > rule.max) {
    return [issue(rule.maxType ?? 'structure', 'ERROR', path, `${name} is ${value.length} characters long; the limit is ${rule.max}`)];
  }
  if (rule.min !== undefined && value.length < rule.min) {
    return [issue('structure', 'ERROR', path, value === '' ? `${name} is empty; give ${expected}` : `${name} ${quote(value)} is too short; give ${expected}`)];
  }
  if (rule.pattern && !rule.pattern.test(value)) {
    return [issue('structure', 'ERROR', path, `${name} ${quote(value)} is invalid; give ${expected}`)];
  }
  return [];
}

/** Checks that an optional field, when present, is a JSON object. Returns the object, if it is one. */
export function checkObject(value: unknown, path: string, issues: ModelIssue[], required = false): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  if (value !== undefined || required) {
    const what = value === undefined ? 'is required' : `must be an object, not ${describeJson(value)}`;
    issues.push(issue('structure', 'ERROR', path, `${fieldName(path)} ${what}`));
  }
  return undefined;
}

/** Checks that an optional field, when present, is a JSON array. Returns the array, if it is one. */
export function checkArray(value: unknown, path: string, issues: ModelIssue[], required = false): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value !== undefined || required) {
    const what = value === undefined ? 'is required: give a list' : `must be a list, not ${describeJson(value)}`;
    issues.push(issue('structure', 'ERROR', path, `${fieldName(path)} ${what}`));
  }
  return undefined;
}

/** Checks an enumerated string field (`evaluationMethod`, `payload.type`…). */
export function checkEnum(value: unknown, path: string, allowed: readonly string[], required = false): ModelIssue[] {
  if (value === undefined && !required) return [];
  if (typeof value === 'string' && allowed.includes(value)) return [];
  const got = value === undefined ? 'it is missing' : typeof value === 'string' ? `got ${quote(value)}` : `got ${describeJson(value)}`;
  return [issue('structure', 'ERROR', path, `${fieldName(path)} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}; ${got}`)];
}

/** Checks `tags`: a list of `{key (1–128), value (0–256)}`, on both models and inputs. */
export function checkTags(value: unknown, issues: ModelIssue[]): void {
  checkArray(value, 'tags', issues)?.forEach((tag, i) => {
    const path = `tags[${i}]`;
    const body = checkObject(tag, path, issues, true);
    if (!body) return;
    issues.push(...checkString(body.key, `${path}.key`, { required: true, min: 1, max: 128 }));
    issues.push(...checkString(body.value, `${path}.value`, { required: true, max: 256 }));
  });
}
