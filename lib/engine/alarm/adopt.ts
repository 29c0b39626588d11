import type { CompiledAlarmModel } from '../../model';
import type { AlarmSnapshot } from './snapshot';

/**
 * Brings an alarm instance to a new version of its model, keeping its operator state (AWS deleted
 * every instance on UpdateAlarmModel, losing acknowledgements, latches, snoozes and disables;
 * docs/decisions.md): state, last evaluation, last operator action and snooze stay; the severity
 * is the new version's; the next data is evaluated with the new rule. A retained threshold is
 * kept only when the new version reads its threshold from the same expression.
 *
 * A changed acknowledge flow: turned off, a LATCHED instance becomes NORMAL — the new version never
 * latches, nobody is expected to acknowledge, and its notifications are off, so the latch would
 * hold for ever; an ACKNOWLEDGED one stays (it returns to NORMAL when the rule is false, as under
 * either flow). Turned on, nothing changes: an ACTIVE instance latches if the rule turns false
 * before someone acknowledges it. The caller fires the state-change actions for LATCHED → NORMAL.
 * Pure: the same snapshot, unchanged, when it already runs `model`'s version.
 */
export function adoptAlarm(snapshot: AlarmSnapshot, model: CompiledAlarmModel): AlarmSnapshot {
  if (snapshot.alarmModelVersion === model.version) return snapshot;
  const latchReleased = snapshot.stateName === 'LATCHED' && !model.acknowledgeFlow;
  return {
    ...snapshot,
    alarmModelVersion: model.version,
    severity: model.severity,
    stateName: latchReleased ? 'NORMAL' : snapshot.stateName,
    threshold: snapshot.threshold?.source === model.rule.threshold.source ? snapshot.threshold : undefined,
  };
}
