import type { ActionEffect } from '../engine';
import type { ActionDispatcher, ActionFailureSink, Telemetry } from '../ports';

/** The actions one committed detector write produced, and where it sits in the change stream. */
export interface Outbox {
  /** The stream record's sequence number. */
  readonly id: string;
  readonly effects: readonly ActionEffect[];
}

/**
 * Performs the actions of committed detector writes, in stream order. An action that fails after
 * the dispatcher's retries is recorded in the failure sink (and logged and counted) — the state
 * change stands, as in AWS IoT Events. If even that record cannot be written, processing stops and
 * the id of that outbox is returned: the stream delivers it (and everything after) again.
 */
export async function dispatchOutboxes(
  outboxes: readonly Outbox[],
  dispatcher: ActionDispatcher,
  sink: ActionFailureSink | undefined,
  telemetry: Telemetry,
): Promise<string | undefined> {
  for (const outbox of outboxes) {
    if (!outbox.effects.length) continue;
    const outcomes = await dispatcher.dispatch(outbox.effects);
    const failures = outcomes.filter((outcome) => !outcome.ok);
    telemetry.count('ActionsDispatched', outcomes.length - failures.length);
    for (const outcome of outcomes) {
      const { effect } = outcome;
      const fields = { detectorModelName: effect.detectorModelName, keyValue: effect.keyValue, eventName: effect.eventName, action: effect.type, actionExecutionId: effect.actionExecutionId, attempts: outcome.attempts };
      if (outcome.ok) telemetry.log('info', 'action dispatched', fields);
      else telemetry.log('error', 'action failed', { ...fields, error: outcome.error.message });
    }
    if (!failures.length) continue;
    telemetry.count('ActionsFailed', failures.length);
    try {
      await sink?.record(failures as Extract<(typeof failures)[number], { ok: false }>[]);
    } catch (error) {
      telemetry.log('error', 'could not record failed actions; the stream will deliver them again', { error: (error as Error).message });
      return outbox.id;
    }
  }
  return undefined;
}
