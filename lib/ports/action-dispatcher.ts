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

/**
 * An action that failed for good. `alarm` marks an alarm model's action: alarm models have their
 * own namespace, so a detector model may share the name, and only this says whose action it was.
 */
export type FailedAction = Extract<DispatchOutcome, { ok: false }> & { readonly alarm?: boolean };

/** Where actions that failed for good are recorded (a dead-letter queue), with why. */
export interface ActionFailureSink {
  record(failures: readonly FailedAction[]): Promise<void>;
}

/**
 * Whose permissions an action runs with. `role`: the IAM role of the model version that produced
 * it, assumed by the dispatcher in a session named for the model (as AWS IoT Events did). `own`:
 * the dispatcher's own credentials — only for Vigil's own re-ingestion (`iotEvents`), or every
 * action on a local stack, which has no STS.
 */
export type ActionIdentity = { readonly kind: 'role'; readonly roleArn: string; readonly model: string } | { readonly kind: 'own' };

/** Hands out the dispatcher that performs actions as one {@link ActionIdentity}. */
export interface ActionDispatchers {
  /** The same identity always gets a dispatcher with the same credentials (cached, refreshed before they expire). */
  forIdentity(identity: ActionIdentity): ActionDispatcher;
}
