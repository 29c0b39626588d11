import { AppError } from '../errors';
import { formatIssue, type ModelIssue } from './issues';

/** Most errors a message lists; `issues` keeps them all. A hostile body cannot make the message huge. */
const MAX_LISTED = 100;

/**
 * A detector model (or input) was rejected. `issues` lists every problem found, ERROR level first,
 * each with its JSON path; the message repeats them one per line (the first 100).
 */
export class ModelValidationError extends AppError {
  constructor(
    readonly issues: readonly ModelIssue[],
    what = 'detector model',
    options?: ErrorOptions,
  ) {
    const errors = issues.filter((issue) => issue.level === 'ERROR');
    const more = errors.length > MAX_LISTED ? `\n… and ${errors.length - MAX_LISTED} more` : '';
    super(`invalid ${what}: ${errors.length} error(s)\n${errors.slice(0, MAX_LISTED).map(formatIssue).join('\n')}${more}`, options);
  }
}
