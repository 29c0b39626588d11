import { canonicalJson } from '../lib/model/canonical-json';
import { PLACEHOLDERS, fillPlaceholdersIn, type Placeholders } from '../lib/model/placeholders';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PLACEHOLDER = new RegExp(Object.keys(PLACEHOLDERS).map(escape).join('|'), 'g');

/**
 * Whether a file's content says what a stored copy says, reading each placeholder of the file
 * (`${AWS::Region}`, …; see `lib/runtime/model-placeholders.ts`) as whatever value the stored copy
 * has at that place, provided it is the same value at every occurrence: the API filled them with
 * one account, region and stage. Object key order and members set to `undefined` do not count.
 */
export function matchesWithPlaceholders(file: unknown, stored: unknown): boolean {
  const values: Partial<Record<keyof Placeholders, string>> = {};
  bindAll(file, stored, values);
  return canonicalJson(fillPlaceholdersIn(file, values)) === canonicalJson(stored);
}

/** Reads placeholder values off the stored copy, place by place, in document order. */
function bindAll(file: unknown, stored: unknown, values: Partial<Record<keyof Placeholders, string>>): void {
  if (typeof file === 'string' && typeof stored === 'string') bind(file, stored, values);
  else if (Array.isArray(file) && Array.isArray(stored)) file.forEach((item, i) => bindAll(item, stored[i], values));
  else if (isObject(file) && isObject(stored)) Object.keys(file).forEach((key) => bindAll(file[key], stored[key], values));
}

/**
 * Matches one string of the file against the stored one: a placeholder already read stands for its
 * value, a new one for any text (the same text at each occurrence). A string that does not match
 * reads nothing; the final comparison then finds the difference.
 */
function bind(template: string, actual: string, values: Partial<Record<keyof Placeholders, string>>): void {
  const groups: (keyof Placeholders)[] = [];
  let source = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = PLACEHOLDERS[match[0]];
    const known = values[name];
    const group = groups.indexOf(name);
    source += escape(template.slice(last, match.index));
    if (known !== undefined) source += escape(known);
    else if (group >= 0) source += `\\${group + 1}`;
    else {
      source += '([\\s\\S]*?)';
      groups.push(name);
    }
    last = match.index + match[0].length;
  }
  if (last === 0) return;
  const found = new RegExp(`^${source}${escape(template.slice(last))}$`).exec(actual);
  if (found) groups.forEach((name, i) => (values[name] = found[i + 1]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
