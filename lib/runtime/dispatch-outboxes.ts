import type { ActionEffect } from '../engine';
import type { ActionDispatcher, ActionFailureSink, DispatchOutcome, Telemetry } from '../ports';

/** The actions one committed detector write produced, and where it sits in the change stream. */
export interface Outbox {
  /** The stream record's sequence number. */
  readonly id: string;
  readonly effects: readonly ActionEffect[];
}

type Failure = Extract<DispatchOutcome, { ok: false }>;

/**
 * Performs the actions of committed detector writes. The effects of every outbox of a stream
 * batch go to the dispatcher together, so actions of different detectors for one target share
 * batch requests (PublishBatch, SendMessageBatch: one call for ten detectors' alerts, not ten); the
 * dispatcher keeps their order per target. An action that fails after the dispatcher's retries is
 * recorded in the failure sink (and logged and counted) — the state change stands, as in AWS IoT
 * Events. If even that record cannot be written, the id of the first outbox with a failed action
 * is returned: the stream delivers it (and everything after) again, each action with the same
 * actionExecutionId.
 */
export async function dispatchOutboxes(
  outboxes: readonly Outbox[],
  dispatcher: ActionDispatcher,
  sink: ActionFailureSink | undefined,
  telemetry: Telemetry,
): Promise<string | undefined> {
  const effects: ActionEffect[] = [];
  const outboxOf: string[] = [];
  for (const outbox of outboxes) {
    for (const effect of outbox.effects) {
      effects.push(effect);
      outboxOf.push(outbox.id);
    }
  }
  if (!effects.length) return undefined;
  const outcomes = await dispatcher.dispatch(effects);
  const failures: Failure[] = [];
  let firstFailed: string | undefined;
  outcomes.forEach((outcome, i) => {
    const { effect } = outcome;
    const fields = { detectorModelName: effect.detectorModelName, keyValue: effect.keyValue, eventName: effect.eventName, action: effect.type, actionExecutionId: effect.actionExecutionId, attempts: outcome.attempts };
    if (outcome.ok) {
      telemetry.log('info', 'action dispatched', fields);
      return;
    }
    telemetry.log('error', 'action failed', { ...fields, error: outcome.error.message });
    failures.push(outcome);
    firstFailed ??= outboxOf[i];
  });
  telemetry.count('ActionsDispatched', outcomes.length - failures.length);
  // Attempts beyond the first: throttled or failing targets show here before they show as failures.
  const retries = outcomes.reduce((sum, outcome) => sum + Math.max(0, outcome.attempts - 1), 0);
  if (retries) telemetry.count('ActionRetries', retries);
  if (!failures.length) return undefined;
  telemetry.count('ActionsFailed', failures.length);
  try {
    await sink?.record(failures);
  } catch (error) {
    telemetry.log('error', 'could not record failed actions; the stream will deliver them again', { error: (error as Error).message });
    return firstFailed;
  }
  return undefined;
}
