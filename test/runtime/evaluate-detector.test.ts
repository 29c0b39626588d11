import type { DetectorKey, StoredDetector } from '../../lib/ports';
import { IdWindow } from '../../lib/engine';
import { evaluateDetector, needsSpilledIds, type DetectorWork, type InputGuard } from '../../lib/runtime/evaluate-detector';
import { T0, batchSettings, compiled, countWork, counterRequest, timerRequest } from '../support/runtime-fixtures';

const counter = compiled(counterRequest());
const timer = compiled(timerRequest());
const A: DetectorKey = { model: 'counter', keyValue: 'a' };
const MINUTE = 60_000;

/** The detector as stored after `work` at `now`, version 1. */
function stored(work: DetectorWork[], now = T0, settings = batchSettings()): StoredDetector {
  const evaluation = evaluateDetector({ model: counter, key: A, stored: undefined, work }, { now, settings });
  return { key: A, version: 1, snapshot: evaluation.snapshot!, recentIds: evaluation.recentIds};
}

/** A Count message that may or may not be a repeat. */
function maybeRepeat(messageId: string, possibleRepeat: boolean): DetectorWork {
  return { ...(countWork(messageId) as Extract<DetectorWork, { kind: 'message' }>), possibleRepeat };
}

describe('evaluateDetector', () => {
  it('ignores a message id the detector processed within the duplicate window, with a skipped trace', () => {
    // Arrange
    const before = stored([countWork('m1')]);

    // Act
    const evaluation = evaluateDetector({ model: counter, key: A, stored: before, work: [countWork('m1')] }, { now: T0 + 1 * MINUTE, settings: batchSettings() });

    // Assert: a repeat this soon (a client retrying) costs no write.
    expect(evaluation).toMatchObject({ changed: false, duplicates: 1, skipped: 0, effects: [], recentIds: before.recentIds });
    expect(evaluation.snapshot).toBe(before.snapshot);
    expect(evaluation.traces).toEqual([
      expect.objectContaining({ status: 'Skipped', messageId: 'm1', skipReason: 'message m1 was already processed by this detector within 300 s' }),
    ]);
  });

  it('keeps ignoring a message SQS redelivers every 4 minutes, long after the first window', () => {
    // Arrange: applied at T0; another detector of the message keeps failing, so it comes back.
    let detector = stored([countWork('m1')]);
    const writes: number[] = [];

    // Act
    for (let receive = 1; receive <= 4; receive++) {
      const now = T0 + receive * 4 * MINUTE;
      const evaluation = evaluateDetector({ model: counter, key: A, stored: detector, work: [countWork('m1')] }, { now, settings: batchSettings() });
      expect(evaluation).toMatchObject({ duplicates: 1, effects: [] });
      if (evaluation.changed) writes.push(now - T0);
      detector = { ...detector, snapshot: evaluation.snapshot!, recentIds: evaluation.recentIds };
    }

    // Assert: applied once in 16 minutes; each repeat rewrote the id's time.
    expect(detector.snapshot.variables.count).toBe(1n);
    expect(writes).toEqual([4, 8, 12, 16].map((minutes) => minutes * MINUTE));
  });

  it('processes the same id again once the window has passed', () => {
    // Arrange: ids are kept to the second.
    const before = stored([countWork('m1')]);

    // Act
    const evaluation = evaluateDetector({ model: counter, key: A, stored: before, work: [countWork('m1')] }, { now: T0 + 5 * MINUTE + 1000, settings: batchSettings() });

    // Assert
    expect(evaluation).toMatchObject({ changed: true, duplicates: 0 });
    expect(evaluation.snapshot?.variables.count).toBe(2n);
  });

  it('ignores a message repeated within one batch, even for a detector it creates', () => {
    // Act
    const evaluation = evaluateDetector({ model: counter, key: A, stored: undefined, work: [countWork('m1'), countWork('m2'), countWork('m1')] }, { now: T0, settings: batchSettings() });

    // Assert
    expect(evaluation).toMatchObject({ duplicates: 1, changed: true });
    expect(evaluation.snapshot?.variables).toMatchObject({ count: 2n, order: 'start,1,1' });
    expect(evaluation.traces.map((trace) => trace.status)).toEqual(['Success', 'Success', 'Skipped']);
  });

  it('keeps every id of one write in the item, even beyond maxRecentIds: ids not committed yet are never spilled', () => {
    // Act
    const evaluation = evaluateDetector({ model: counter, key: A, stored: undefined, work: ['m1', 'm2', 'm3', 'm4'].map((id) => countWork(id)) }, { now: T0, settings: batchSettings({ maxRecentIds: 2 }) });

    // Assert
    const window = IdWindow.decode(evaluation.recentIds);
    expect(['m1', 'm2', 'm3', 'm4'].map((id) => window.seenAt(id))).toEqual([T0, T0, T0, T0]);
    expect(evaluation.spill).toBeUndefined();
  });

  it('spills the oldest committed ids past maxRecentIds, and remembers until when the table holds them', () => {
    // Arrange: 4 ids committed a second apart.
    let detector = stored([countWork('m1')]);
    for (const [i, id] of ['m2', 'm3', 'm4'].entries()) {
      const evaluation = evaluateDetector({ model: counter, key: A, stored: detector, work: [countWork(id)] }, { now: T0 + (i + 1) * 1000, settings: batchSettings({ maxRecentIds: 8 }) });
      detector = { ...detector, snapshot: evaluation.snapshot!, recentIds: evaluation.recentIds };
    }

    // Act: a fifth with room for 4.
    const evaluation = evaluateDetector({ model: counter, key: A, stored: detector, work: [countWork('m5')] }, { now: T0 + 4000, settings: batchSettings({ maxRecentIds: 4 }) });

    // Assert: down to half the bound, fresh id included; the oldest three went to the table.
    const kept = IdWindow.decode(evaluation.recentIds);
    const spilled = IdWindow.decode(evaluation.spill?.ids);
    expect(['m1', 'm2', 'm3', 'm4', 'm5'].map((id) => kept.seenAt(id))).toEqual([undefined, undefined, undefined, T0 + 3000, T0 + 4000]);
    expect(['m1', 'm2', 'm3'].map((id) => spilled.seenAt(id))).toEqual([T0, T0 + 1000, T0 + 2000]);
    expect(evaluation.spill?.newest).toBe(T0 + 2000);
    expect(evaluation.spilledUntil).toBe(T0 + 2000);
  });

  it('finds a repeat among the spilled ids only when the message may be one', () => {
    // Arrange: m1 was spilled at T0; the item no longer has it.
    const spilled = new IdWindow();
    spilled.remember('m1', T0);
    const before: StoredDetector = { ...stored([countWork('m2')], T0 + 1000), spilledUntil: T0 };
    const first = maybeRepeat('m1', false);
    const repeat = maybeRepeat('m1', true);

    // Act
    const asked = needsSpilledIds(before, [repeat], T0 + 2000, batchSettings());
    const notAsked = needsSpilledIds(before, [first], T0 + 2000, batchSettings());
    const evaluation = evaluateDetector({ model: counter, key: A, stored: before, work: [repeat] }, { now: T0 + 2000, settings: batchSettings(), spilled });

    // Assert
    expect([asked, notAsked]).toEqual([true, false]);
    expect(evaluation).toMatchObject({ duplicates: 1, changed: false });
    expect(evaluation.snapshot?.variables.count).toBe(1n);
  });

  it('stops asking for spilled ids once the window after the last spill has passed', () => {
    // Arrange
    const before: StoredDetector = { ...stored([countWork('m2')], T0), spilledUntil: T0 };

    // Act
    const later = evaluateDetector({ model: counter, key: A, stored: before, work: [countWork('m3')] }, { now: T0 + 6 * MINUTE, settings: batchSettings() });

    // Assert
    expect(needsSpilledIds(before, [maybeRepeat('m1', true)], T0 + 6 * MINUTE, batchSettings())).toBe(false);
    expect(later.spilledUntil).toBeUndefined();
  });

  it('skips a message the input guard rejects, traces why, and still remembers its id', () => {
    // Arrange
    const guard: InputGuard = (inputName, previous, next) =>
      inputName === 'Count' && (previous as { n: bigint } | undefined)?.n !== undefined && (next.n as bigint) < (previous as { n: bigint }).n ? 'older than the last message' : undefined;
    const settings = batchSettings({ guard });
    const before = stored([countWork('m5', 5)], T0, settings);

    // Act
    const evaluation = evaluateDetector({ model: counter, key: A, stored: before, work: [countWork('m3', 3), countWork('m6', 6)] }, { now: T0 + 1000, settings });

    // Assert
    expect(evaluation).toMatchObject({ changed: true, skipped: 1, duplicates: 0 });
    expect(evaluation.snapshot?.variables.order).toBe('start,5,6');
    expect(evaluation.traces[0]).toMatchObject({ status: 'Skipped', messageId: 'm3', skipReason: 'older than the last message' });
    expect(IdWindow.decode(evaluation.recentIds).seenAt('m3')).toBe(T0 + 1000);
  });

  it('does not consult the guard for the message that creates the detector', () => {
    // Arrange
    const guard = jest.fn<string | undefined, Parameters<InputGuard>>(() => 'always rejects');

    // Act
    const evaluation = evaluateDetector({ model: counter, key: A, stored: undefined, work: [countWork('m1')] }, { now: T0, settings: batchSettings({ guard }) });

    // Assert
    expect(guard).not.toHaveBeenCalled();
    expect(evaluation.snapshot?.variables.count).toBe(1n);
  });

  it('asks for a wake-up for every new timer and none for a timer whose wake-up exists', () => {
    // Arrange
    const key = { model: 'timer', keyValue: 't1' };
    const arm: DetectorWork = { kind: 'message', messageId: 'arm', inputName: 'Arm', payload: { id: 't1', seconds: 90n }, raw: '{}' };
    const first = evaluateDetector({ model: timer, key, stored: undefined, work: [arm] }, { now: T0, settings: batchSettings() });
    const after: StoredDetector = { key, version: 1, snapshot: first.snapshot!, recentIds: first.recentIds};

    // Act
    const again = evaluateDetector({ model: timer, key, stored: after, work: [{ ...arm, messageId: 'arm-2' }] }, { now: T0 + 1000, settings: batchSettings() });

    // Assert
    expect(first.wakeups).toEqual([{ detector: key, timerName: 't', generation: 1, dueAt: T0 + 90_000 }]);
    expect(again.wakeups).toEqual([]);
  });

  it('fires a due timer on a wake and changes nothing on a wake with nothing due', () => {
    // Arrange
    const key = { model: 'timer', keyValue: 't1' };
    const arm: DetectorWork = { kind: 'message', messageId: 'arm', inputName: 'Arm', payload: { id: 't1', seconds: 90n }, raw: '{}' };
    const first = evaluateDetector({ model: timer, key, stored: undefined, work: [arm] }, { now: T0, settings: batchSettings() });
    const after: StoredDetector = { key, version: 1, snapshot: first.snapshot!, recentIds: first.recentIds};

    // Act
    const early = evaluateDetector({ model: timer, key, stored: after, work: [{ kind: 'wake' }] }, { now: T0 + 60_000, settings: batchSettings() });
    const due = evaluateDetector({ model: timer, key, stored: after, work: [{ kind: 'wake' }] }, { now: T0 + 90_000, settings: batchSettings() });

    // Assert
    expect(early).toMatchObject({ changed: false, traces: [] });
    expect(due).toMatchObject({ changed: true, snapshot: { stateName: 'Fired', variables: { fired: 1n } } });
    expect(due.recentIds).toEqual(first.recentIds);
  });

  it('creates no detector for a wake-up of one that does not exist', () => {
    // Act
    const evaluation = evaluateDetector({ model: timer, key: { model: 'timer', keyValue: 'gone' }, stored: undefined, work: [{ kind: 'wake' }] }, { now: T0, settings: batchSettings() });

    // Assert
    expect(evaluation).toMatchObject({ snapshot: undefined, changed: false, wakeups: [] });
  });
});
