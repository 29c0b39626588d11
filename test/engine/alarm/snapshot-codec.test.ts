import { deserializeAlarmSnapshot, serializeAlarmSnapshot, type AlarmSnapshot, type CustomerAction } from '../../../lib/engine';
import { NOW, instance } from '../../helpers/alarm';

const ACTIONS: CustomerAction[] = [
  { actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'seen' } },
  { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 300 } },
  { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 60, note: 'a "quoted" note' } },
  { actionName: 'DISABLE', disableActionConfiguration: {} },
  { actionName: 'ENABLE', enableActionConfiguration: { note: '' } },
  { actionName: 'RESET', resetActionConfiguration: { note: 'ünïcode' } },
];

describe('alarm snapshot codec', () => {
  it.each(ACTIONS.map((action) => [action.actionName, action]))('round-trips an instance whose last operator action is %s', (_name, customerAction) => {
    // Arrange
    const snapshot = instance('ACKNOWLEDGED', { customerAction });

    // Act
    const back = deserializeAlarmSnapshot(serializeAlarmSnapshot(snapshot));

    // Assert
    expect(back).toEqual(snapshot);
  });

  it('round-trips every state, the snooze, the system event and retained thresholds of each type', () => {
    // Arrange
    const snapshots: AlarmSnapshot[] = [
      instance('DISABLED', { ruleEvaluation: undefined, severity: undefined, keyValue: undefined }),
      instance('NORMAL', { systemEvent: { eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } }, threshold: { source: '$input.C.t', value: 20 } }),
      instance('ACTIVE', { threshold: { source: '$input.C.t', value: 20n } }),
      instance('LATCHED', { threshold: { source: '$input.C.t', value: 'text' }, ruleEvaluation: { inputPropertyValue: 'b', operator: 'NOT_EQUAL', thresholdValue: 'text' } }),
      instance('SNOOZE_DISABLED'),
    ];

    // Act
    const back = snapshots.map((snapshot) => deserializeAlarmSnapshot(serializeAlarmSnapshot(snapshot)));

    // Assert
    expect(back).toEqual(snapshots);
    expect(typeof back[1].threshold?.value).toBe('number');
    expect(typeof back[2].threshold?.value).toBe('bigint');
  });

  it('stays small: a snoozed, acknowledged instance with a long key fits in 250 bytes', () => {
    // Arrange
    const snapshot = instance('SNOOZE_DISABLED', {
      keyValue: 'device-0123456789-abcdefghij',
      customerAction: { actionName: 'SNOOZE', snoozeActionConfiguration: { snoozeDuration: 3600, note: 'back after the shift change' } },
    });

    // Act
    const text = serializeAlarmSnapshot(snapshot);

    // Assert
    expect(Buffer.byteLength(text)).toBeLessThan(250);
    expect(text).toContain(`"z":${NOW + 60_000}`);
  });

  it.each([
    ['an unknown format', '{"f":2,"m":"a","v":"1","s":0,"n":0,"c":0,"u":0}', 'unknown alarm snapshot format 2'],
    ['an unknown state', '{"f":1,"m":"a","v":"1","s":9,"n":0,"c":0,"u":0}', 'unknown alarm state 9'],
    ['an unknown customer action', '{"f":1,"m":"a","v":"1","s":0,"a":["PANIC",null],"n":0,"c":0,"u":0}', 'unknown customer action PANIC'],
  ])('refuses %s with a SyntaxError', (_what, text, message) => {
    // Act
    const read = () => deserializeAlarmSnapshot(text);

    // Assert
    expect(read).toThrow(new SyntaxError(message));
  });
});
