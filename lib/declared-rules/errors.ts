import { AppError } from '../errors';
import type { DeclarationIssue } from './types';

/**
 * `custom.vigil.rules` cannot become topic rules. `issues` lists every problem with its path; the
 * message repeats them one per line, so `serverless package` and `npm start` print them all.
 */
export class DeclaredRulesError extends AppError {
  constructor(
    readonly issues: readonly DeclarationIssue[],
    options?: ErrorOptions,
  ) {
    super(`invalid declared topic rules (${issues.length} problem(s)):\n${issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n')}`, options);
  }
}
