import { ModelValidationError, checkMembers, type ModelIssue, type StructureShape } from '../../model';
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

/**
 * The issues of a request body's own top-level members (what is inside them is left to the model
 * or input checks): members `shape` does not declare, and — for an update, whose path names the
 * resource — a `named.member` in the body that names another one than the path.
 */
export function bodyIssues(body: Record<string, unknown>, shape: StructureShape, named?: { readonly member: string; readonly name: string }): ModelIssue[] {
  const issues = checkMembers(body, shape, '', { nested: false });
  if (named && body[named.member] !== undefined && body[named.member] !== named.name) {
    issues.push({ type: 'structure', level: 'ERROR', path: named.member, message: `${named.member} must be the path's, '${named.name}', or be left out` });
  }
  return issues;
}
