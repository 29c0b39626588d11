import type { AlarmSnapshot } from '../engine/alarm';
import type { CompiledAlarmModel } from '../model';
import { alarmId, type AlarmKey, type StoredAlarm } from '../ports';
import { evaluateAlarm, type AlarmEvaluation, type AlarmWork } from '../runtime/evaluate-alarm';
import type { EvaluationSettings } from '../runtime/evaluate-detector';
import { KeptIds } from './kept-ids';
import { KeptInstance } from './kept-instance';
import { TimerQueue, type QueuedTimer } from './timer-queue';

/** One alarm instance of a replay, kept in memory (what the alarm store holds). */
export class SimulatedAlarm extends KeptInstance<CompiledAlarmModel, AlarmKey, AlarmSnapshot> implements StoredAlarm {}

/** What one unit of work did to an instance: the instance before it (none yet: undefined), and the evaluation. */
export interface AlarmOutcome {
  readonly before: AlarmSnapshot | undefined;
  readonly evaluation: AlarmEvaluation;
}

/**
 * The alarm instances of a replay and their pending snoozes. Each unit of work goes through
 * `evaluateAlarm`, as in the deployed runtime (duplicates, operator refusals, snooze wake-ups);
 * the snooze wake-up it asks for waits in a heap ({@link TimerQueue}) until virtual time reaches it.
 */
export class AlarmTable {
  private readonly byId = new Map<string, SimulatedAlarm>();
  /** Every instance, in creation order. */
  private readonly all: SimulatedAlarm[] = [];
  private readonly snoozes = new TimerQueue<SimulatedAlarm>(isPending);
  private snoozing = 0;

  constructor(private readonly settings: EvaluationSettings) {}

  /** Applies one unit of work to an instance (created by a message if need be) at `now`. */
  evaluate(model: CompiledAlarmModel, key: AlarmKey, work: AlarmWork, now: number): AlarmOutcome {
    const id = alarmId(key);
    const alarm = this.byId.get(id);
    const ids = alarm ? alarm.ids : new KeptIds();
    const evaluation = evaluateAlarm({ model, key, stored: alarm, work: [work] }, { now, settings: this.settings, ids });
    ids.settle();
    const before = alarm?.snapshot;
    const after = evaluation.snapshot;
    if (!after || !evaluation.changed) return { before, evaluation };
    let current = alarm;
    if (current) {
      current.snapshot = after;
      current.version++;
    } else {
      current = new SimulatedAlarm(this.all.length, model, key, after, ids);
      this.byId.set(id, current);
      this.all.push(current);
    }
    this.snoozing += (after.snoozeDueAt === undefined ? 0 : 1) - (before?.snoozeDueAt === undefined ? 0 : 1);
    // The wake-up the deployed runtime would write to the scheduler, at the snooze's due time.
    for (const wakeup of evaluation.wakeups) this.snoozes.push({ dueAt: wakeup.dueAt, rank: current.rank, detector: current, timerName: wakeup.timerName, generation: wakeup.generation }, this.snoozing);
    current.ids.keepWithin(now, this.settings.duplicateWindowMs);
    return { before, evaluation };
  }

  /** When the first snooze ending at or before `limit` ends, if any. */
  firstDue(limit: number): number | undefined {
    return this.snoozes.peek(limit)?.dueAt;
  }

  /** The instance whose snooze ends first at or before `limit` (creation order among equals), with its due time. */
  nextDue(limit: number): { readonly alarm: SimulatedAlarm; readonly dueAt: number } | undefined {
    const entry = this.snoozes.pop(limit);
    return entry && { alarm: entry.detector, dueAt: entry.dueAt };
  }

  /** Every instance's snapshot, in creation order. */
  *snapshots(): Generator<AlarmSnapshot> {
    for (const alarm of this.all) yield alarm.snapshot;
  }
}

/** Whether a queued wake-up still ends its instance's snooze (not enabled, reset, disabled or snoozed anew since). */
function isPending(entry: QueuedTimer<SimulatedAlarm>): boolean {
  const { snapshot } = entry.detector;
  return snapshot.stateName === 'SNOOZE_DISABLED' && snapshot.snoozeDueAt === entry.dueAt;
}
