import { ModelValidationError, type ModelIssue } from '../../model';
import { apiErrors } from '../http';

/**
 * Rejects a model or input that has ERROR issues with one InvalidRequestException listing every
 * one of them, a `path: message` line each, so a caller fixes everything in one round.
 */
export function rejectInvalid(issues: readonly ModelIssue[], what: string): void {
  if (!issues.some((issue) => issue.level === 'ERROR')) return;
  const error = new ModelValidationError(issues, what);
  throw apiErrors.invalid(error.message, { cause: error });
}
