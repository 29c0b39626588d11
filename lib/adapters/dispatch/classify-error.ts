import { transientKind } from '../../errors';
import { ActionDeliveryError } from './errors';

export { isTransientCode } from '../../errors';

/**
 * Classifies an error thrown while sending an action. Transient: throttling, server faults (5xx,
 * `$fault: 'server'`), errors the service marks retryable, timeouts and network failures, as
 * `transientKind` (lib/errors.ts) classifies every service failure; an entry of a batch response
 * says itself. Everything else (validation, not found, access denied, a bug) is permanent:
 * sending it again would fail the same way.
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof ActionDeliveryError) return error.transient;
  return transientKind(error) !== undefined;
}
