import type { ActionEffect } from '../engine';

/** How one action fared after every retry. */
export type DispatchOutcome =
  | { readonly effect: ActionEffect; readonly ok: true; readonly attempts: number }
  | { readonly effect: ActionEffect; readonly ok: false; readonly attempts: number; readonly error: Error };

/**
 * Performs resolved actions (SNS publish, SQS send, Lambda invoke, …). Implementations retry
 * transient failures with backoff and never throw for a failed action: each effect gets an
 * outcome, in the order given, so the caller can record failures without losing the others.
 */
export interface ActionDispatcher {
  dispatch(effects: readonly ActionEffect[]): Promise<DispatchOutcome[]>;
}

/** Where actions that failed for good are recorded (a dead-letter queue), with why. */
export interface ActionFailureSink {
  record(failures: readonly Extract<DispatchOutcome, { ok: false }>[]): Promise<void>;
}
