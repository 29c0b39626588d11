import type { ActionEffect } from '../engine';
import type { AlarmSnapshot } from '../engine/alarm';
import type { AlarmOutcome } from './alarm-table';
import type { AlarmCause, SimulationEvent } from './events';

/**
 * The lines one alarm evaluation prints, in order: its trace (when traces are kept), each state
 * change, then the actions and notifications those changes performed, as the deployed runtime
 * would put them in the instance's outbox. `onAction` sees every alarm action (an `iotEvents` one
 * feeds its message back).
 */
export function alarmEvents(
  { before, evaluation }: AlarmOutcome,
  cause: AlarmCause,
  now: number,
  { traces, onAction }: { readonly traces: boolean; readonly onAction: (effect: ActionEffect) => void },
  events: SimulationEvent[],
): void {
  const after = evaluation.snapshot;
  const instance = after ?? before;
  const about = instance && { alarmModelName: instance.alarmModelName, alarmModelVersion: instance.alarmModelVersion, ...keyOf(instance) };
  if (traces && about) {
    const note = evaluation.duplicates
      ? `message ${(cause as { messageId: string }).messageId} was already processed by this alarm within the duplicate window`
      : !evaluation.stateChanges && before && (before.stateName === 'DISABLED' || before.stateName === 'SNOOZE_DISABLED') && 'messageId' in cause
        ? `${before.stateName}: data is not evaluated`
        : undefined;
    events.push({
      type: 'alarmTrace',
      trace: {
        time: now,
        ...about,
        cause,
        stateBefore: before?.stateName,
        stateAfter: after?.stateName,
        ...(after?.ruleEvaluation ? { ruleEvaluation: after.ruleEvaluation } : {}),
        ...(note ? { note } : {}),
        diagnostics: evaluation.diagnostics,
      },
    });
  }
  if (!about) return;
  for (const { from, to } of evaluation.changes) events.push({ type: 'alarmState', time: now, ...about, from, to, cause });
  for (const effect of evaluation.effects) {
    if (effect.type === 'alarmNotification') events.push({ type: 'notification', time: now, effect });
    else {
      events.push({ type: 'action', time: now, effect, alarm: true });
      onAction(effect);
    }
  }
}

function keyOf(snapshot: AlarmSnapshot): { keyValue?: string } {
  return snapshot.keyValue === undefined ? {} : { keyValue: snapshot.keyValue };
}
