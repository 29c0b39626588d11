import { getOwn, type DetectorSnapshot, type TimerState } from '../engine';
import type { CompiledModel } from '../model';
import type { DetectorKey, StoredDetector } from '../ports';
import { evaluateDetector, type DetectorEvaluation, type DetectorWork, type EvaluationSettings } from '../runtime/evaluate-detector';
import { KeptIds } from './kept-ids';
import { KeptInstance } from './kept-instance';
import { TimerQueue, type QueuedTimer } from './timer-queue';

/** One detector of a replay, kept in memory (what a detector store holds). */
export class SimulatedDetector extends KeptInstance<CompiledModel, DetectorKey, DetectorSnapshot> implements StoredDetector {}

/**
 * The detectors of a replay and their timers. Each evaluation goes through `evaluateDetector`, as
 * in the deployed runtime; what it adds is the bookkeeping that keeps the cost of a message
 * independent of the number of detectors: a heap of the timers armed ({@link TimerQueue}), and
 * each detector's message ids kept in memory ({@link KeptIds}, cut to the duplicate window).
 */
export class DetectorTable {
  /** Detectors by model, then by key value ('' for the one detector of a singleton model). */
  private readonly byModel = new Map<string, Map<string, SimulatedDetector>>();
  /** Every detector, in creation order. */
  private readonly all: SimulatedDetector[] = [];
  private readonly timers = new TimerQueue<SimulatedDetector>(isCurrent);
  private liveTimers = 0;

  constructor(private readonly settings: EvaluationSettings) {}

  /** Applies one unit of work to a detector (created by it if need be) at `now`. */
  evaluate(model: CompiledModel, key: DetectorKey, work: DetectorWork, now: number): DetectorEvaluation {
    let detectors = this.byModel.get(key.model);
    if (!detectors) this.byModel.set(key.model, (detectors = new Map()));
    const detector = detectors.get(key.keyValue ?? '');
    const ids = detector ? detector.ids : new KeptIds();
    const result = evaluateDetector({ model, key, stored: detector, work: [work] }, { now, settings: this.settings, ids });
    ids.settle();
    const after = result.snapshot;
    if (!after) return result;
    const before = detector?.snapshot;
    let current = detector;
    if (current) {
      current.snapshot = after;
      current.version++;
    } else {
      current = new SimulatedDetector(this.all.length, model, key, after, ids);
      detectors.set(key.keyValue ?? '', current);
      this.all.push(current);
    }
    if (before?.timers !== after.timers) this.track(current, before, after);
    current.ids.keepWithin(now, this.settings.duplicateWindowMs);
    return result;
  }

  /** When the first timer due at or before `limit` is due, if any (it stays queued). */
  firstDue(limit: number): number | undefined {
    return this.timers.peek(limit)?.dueAt;
  }

  /** The detector whose timer is due first at or before `limit` (creation order among equals), with its due time. */
  nextDue(limit: number): { readonly detector: SimulatedDetector; readonly dueAt: number } | undefined {
    const entry = this.timers.pop(limit);
    return entry && { detector: entry.detector, dueAt: entry.dueAt };
  }

  /** Every detector's snapshot, in creation order. */
  *snapshots(): Generator<DetectorSnapshot> {
    for (const detector of this.all) yield detector.snapshot;
  }

  /** Queues the timers a detector armed (new, or a new generation) and counts the timers alive. */
  private track(detector: SimulatedDetector, before: DetectorSnapshot | undefined, after: DetectorSnapshot): void {
    this.liveTimers += countOf(after.timers) - (before ? countOf(before.timers) : 0);
    for (const timerName of Object.keys(after.timers)) {
      const timer = getOwn(after.timers, timerName) as TimerState;
      const previous = before && getOwn(before.timers, timerName);
      if (previous && previous.generation === timer.generation && previous.dueAt === timer.dueAt) continue;
      this.timers.push({ dueAt: timer.dueAt, rank: detector.rank, detector, timerName, generation: timer.generation }, this.liveTimers);
    }
  }
}

/** Whether a queued timer is still the one its detector holds (not reset, cleared or fired since). */
function isCurrent(entry: QueuedTimer<SimulatedDetector>): boolean {
  const timer = getOwn(entry.detector.snapshot.timers, entry.timerName);
  return timer !== undefined && timer.generation === entry.generation && timer.dueAt === entry.dueAt;
}

function countOf(timers: Readonly<Record<string, TimerState>>): number {
  return Object.keys(timers).length;
}
