import { AppError } from '../errors';
import { formatIssue, type ModelIssue } from './issues';

/**
 * A detector model (or input) was rejected. `issues` lists every problem found, ERROR level first,
 * each with its JSON path; the message repeats them one per line.
 */
export class ModelValidationError extends AppError {
  constructor(
    readonly issues: readonly ModelIssue[],
    what = 'detector model',
    options?: ErrorOptions,
  ) {
    const errors = issues.filter((issue) => issue.level === 'ERROR');
    super(`invalid ${what}: ${errors.length} error(s)\n${errors.map(formatIssue).join('\n')}`, options);
  }
}
