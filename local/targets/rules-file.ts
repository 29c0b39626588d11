import { readFileSync, statSync } from 'node:fs';
import { parseTargetRules, type TargetRule } from './target-rules';

/** The rules of `local-targets.json`, read again whenever the file changes. */
export interface RulesFile {
  readonly file: string;
  /** The current rules: none when the file does not exist (every foreign target goes to its same-named local resource). */
  rules(): readonly TargetRule[];
}

/**
 * Follows a `local-targets.json`. It is read now — an invalid file throws, so the stack does not
 * start with a mapping it cannot honour — and again when its modification time changes; an
 * invalid edit is reported through `log` and the rules before it stay in force.
 *
 * @throws LocalTargetsError when the file exists and is invalid now.
 */
export function followRulesFile(file: string, log: (message: string, error?: Error) => void): RulesFile {
  let stamp = modified(file);
  let rules = read(file, stamp);
  return {
    file,
    rules() {
      const now = modified(file);
      if (now === stamp) return rules;
      stamp = now;
      try {
        rules = read(file, now);
        log(`local targets: ${now === undefined ? `${file} removed: every foreign ARN goes to the local resource of the same name` : `${rules.length} rule(s) read from ${file}`}`);
      } catch (error) {
        log('local targets: the edited file is not used, the rules before it stay', error as Error);
      }
      return rules;
    },
  };
}

function modified(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function read(file: string, stamp: number | undefined): TargetRule[] {
  return stamp === undefined ? [] : parseTargetRules(readFileSync(file, 'utf8'), file);
}
