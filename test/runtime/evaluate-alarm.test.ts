import { parseTypedJson } from '../../lib/expression';
import { IdWindow } from '../../lib/engine';
import { evaluateAlarm, type AlarmWork } from '../../lib/runtime/evaluate-alarm';
import type { StoredAlarm } from '../../lib/ports';
import { NOW, alarmModel, instance, operator } from '../helpers/alarm';
import { batchSettings } from '../support/runtime-fixtures';

const model = alarmModel();
const KEY = { model: 'tempAlarm', keyValue: 'dev-1' };

function message(id: string, value: number, possibleRepeat = false): AlarmWork {
  const raw = `{"id": "dev-1", "value": ${value}}`;
  return { kind: 'message', messageId: id, inputName: 'Temp', payload: parseTypedJson(raw) as Record<string, unknown>, raw, possibleRepeat };
}

function stored(snapshot = instance('NORMAL'), ids: [string, number][] = []): StoredAlarm {
  const window = new IdWindow();
  for (const [id, at] of ids) window.remember(id, at);
  return { key: KEY, version: 3, snapshot, recentIds: window.encode(0, 32, false).ids };
}

describe('evaluateAlarm', () => {
  it('applies messages in order and skips one it applied within the window, counting it as a repeat of a committed write', () => {
    // Arrange
    const before = stored(instance('NORMAL'), [['m-1', NOW - 1000]]);

    // Act
    const result = evaluateAlarm({ model, key: KEY, stored: before, work: [message('m-1', 40), message('m-2', 40)] }, { now: NOW, settings: batchSettings() });

    // Assert
    expect(result.duplicates).toBe(1);
    expect(result.repeats).toEqual(['m-1']);
    expect(result.snapshot?.stateName).toBe('ACTIVE');
    expect(result.stateChanges).toBe(1);
    expect(result.effects).toMatchObject([{ type: 'sns', eventName: 'ACTIVE' }]);
    expect(IdWindow.decode(result.recentIds).seenAt('m-2')).toBe(NOW);
  });

  it('finds a repeat among the spilled ids it is given', () => {
    // Arrange
    const spilled = new IdWindow();
    spilled.remember('old', NOW - 10_000);

    // Act
    const result = evaluateAlarm({ model, key: KEY, stored: stored(), work: [message('old', 40, true)] }, { now: NOW, settings: batchSettings(), spilled });

    // Assert
    expect(result.duplicates).toBe(1);
    expect(result.changed).toBe(false);
  });

  it('refuses an operator request the state does not accept by its request id, and applies the others of the job', () => {
    // Arrange
    const acknowledge = operator('ACKNOWLEDGE');
    const disable = operator('DISABLE');

    // Act
    const result = evaluateAlarm({ model, key: KEY, stored: stored(instance('NORMAL')), work: [{ kind: 'operator', action: acknowledge }, { kind: 'operator', action: disable }] }, { now: NOW, settings: batchSettings() });

    // Assert
    expect([...result.refusals.keys()]).toEqual([acknowledge.requestId]);
    expect(result.refusals.get(acknowledge.requestId)?.code).toBe('InvalidRequestException');
    expect(result.snapshot?.stateName).toBe('DISABLED');
    expect(result.changed).toBe(true);
  });

  it('writes nothing and names the request when an operator asks for an instance that does not exist', () => {
    // Arrange
    const reset = operator('RESET');

    // Act
    const result = evaluateAlarm({ model, key: KEY, stored: undefined, work: [{ kind: 'operator', action: reset }] }, { now: NOW, settings: batchSettings() });

    // Assert
    expect(result.changed).toBe(false);
    expect(result.refusals.get(reset.requestId)?.code).toBe('ResourceNotFoundException');
  });

  it('asks for the wake-up of the snooze still pending after its work, and none for a snooze it ended itself', () => {
    // Arrange
    const snooze = operator('SNOOZE', undefined, 60);
    const snoozeAgain = operator('SNOOZE', undefined, 120);
    const enable = operator('ENABLE');

    // Act
    const pending = evaluateAlarm({ model, key: KEY, stored: stored(instance('ACTIVE')), work: [{ kind: 'operator', action: snooze }, { kind: 'operator', action: snoozeAgain }] }, { now: NOW, settings: batchSettings() });
    const ended = evaluateAlarm({ model, key: KEY, stored: stored(instance('ACTIVE')), work: [{ kind: 'operator', action: snooze }, { kind: 'operator', action: enable }] }, { now: NOW, settings: batchSettings() });

    // Assert
    expect(pending.wakeups).toEqual([{ detector: { model: 'alarm:tempAlarm', keyValue: 'dev-1' }, timerName: 'snooze', generation: 0, dueAt: NOW + 120_000 }]);
    expect(ended.wakeups).toEqual([]);
    expect(ended.snapshot?.stateName).toBe('NORMAL');
  });

  it('ends a due snooze on a wake-up, and changes nothing on one that comes early', () => {
    // Arrange
    const snoozed = stored(instance('SNOOZE_DISABLED', { snoozeDueAt: NOW }));

    // Act
    const early = evaluateAlarm({ model, key: KEY, stored: snoozed, work: [{ kind: 'wake' }] }, { now: NOW - 1, settings: batchSettings() });
    const due = evaluateAlarm({ model, key: KEY, stored: snoozed, work: [{ kind: 'wake' }] }, { now: NOW, settings: batchSettings() });

    // Assert
    expect(early.changed).toBe(false);
    expect(due.snapshot).toMatchObject({ stateName: 'NORMAL', systemEvent: { stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } } });
  });
});
