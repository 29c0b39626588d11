import { engineOptions } from '../../lib/engine';
import { parseTypedJson } from '../../lib/expression';
import { Simulator, readMessages, readReplay, type ReplayItem, type SimulationEvent } from '../../lib/simulation';
import { ALARM_TOPIC, alarmModel } from '../helpers/alarm';
import { model, sns } from '../helpers/engine';

/** The items of a replay file given as text (messages and operator lines), from virtual time 0. */
const replay = (text: string): ReplayItem[] => [...readReplay([Buffer.from(text, 'utf8')], 0)];
/** A line of input `Temp` for `dev-1` at `at` ms. */
const temp = (value: number, at: number, id = 'dev-1') => JSON.stringify({ messageId: `t${at}`, inputName: 'Temp', payload: { id, value }, timestamp: at });
/** An operator line on `dev-1` of `tempAlarm` at `at` ms. */
const op = (operatorAction: string, at: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ operatorAction, alarmModelName: 'tempAlarm', keyValue: 'dev-1', timestamp: at, ...extra });
/** Replays every line through `simulator` and returns all it produced. */
const run = (simulator: Simulator, ...lines: string[]): SimulationEvent[] => replay(lines.join('\n')).flatMap((item) => simulator.replay(item));
const changes = (events: SimulationEvent[]) => events.flatMap((event) => (event.type === 'alarmState' ? [`${event.from}→${event.to}`] : []));
/** The events without traces (the default engine options keep them). */
const untraced = (events: SimulationEvent[]) => events.filter((event) => event.type !== 'trace' && event.type !== 'alarmTrace');
const stateOf = (simulator: Simulator) => [...simulator.eachAlarm()].map((alarm) => alarm.stateName);

describe('Simulator with alarm models', () => {
  it('delivers one message to a detector model and an alarm model reading its input', () => {
    // Arrange: a detector that notifies on every Temp message, and the alarm (value > 30).
    const detector = model([{ stateName: 'S', onInput: { events: [{ eventName: 'seen', condition: 'currentInput("Temp")', actions: [sns()] }] } }], { key: 'id' });
    const simulator = new Simulator([detector], undefined, { alarmModels: [alarmModel()] });

    // Act
    const events = untraced(run(simulator, temp(35, 1000)));

    // Assert: the detector's action, then the alarm's state change and its action with the default payload.
    expect(events.map((event) => event.type)).toEqual(['action', 'alarmState', 'action']);
    expect(events[1]).toEqual({
      type: 'alarmState', time: 1000, alarmModelName: 'tempAlarm', alarmModelVersion: '1', keyValue: 'dev-1', from: 'NORMAL', to: 'ACTIVE', cause: { messageId: 't1000', inputName: 'Temp' },
    });
    const action = events[2] as Extract<SimulationEvent, { type: 'action' }>;
    expect(action.alarm).toBe(true);
    expect(action.effect).toMatchObject({ type: 'sns', targetArn: ALARM_TOPIC, eventName: 'ACTIVE', detectorModelName: 'tempAlarm' });
    expect(action.effect.type === 'sns' && action.effect.payload.text).toBe(
      '{"alarmModelName":"tempAlarm","alarmModelVersion":"1","keyValue":"dev-1","severity":3,"stateUpdateTime":1000,' +
        '"alarmState":{"stateName":"ACTIVE","ruleEvaluation":{"simpleRule":{"inputProperty":35,"operator":"GREATER","threshold":30}}}}',
    );
    expect(simulator.snapshots()).toHaveLength(1);
    expect(stateOf(simulator)).toEqual(['ACTIVE']);
  });

  it('acknowledges an ACTIVE alarm from an operator line, the note in the state and in the payload', () => {
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    const events = run(simulator, temp(35, 1000), op('acknowledge', 2000, { note: 'on it', requestId: 'ack-1' }), temp(20, 3000));
    expect(changes(events)).toEqual(['NORMAL→ACTIVE', 'ACTIVE→ACKNOWLEDGED', 'ACKNOWLEDGED→NORMAL']);
    const acknowledged = events.find((event) => event.type === 'alarmState' && event.to === 'ACKNOWLEDGED');
    expect(acknowledged).toMatchObject({ time: 2000, cause: { operatorAction: 'ACKNOWLEDGE', requestId: 'ack-1' } });
    const payload = events.flatMap((event) => (event.type === 'action' && event.effect.eventName === 'ACKNOWLEDGED' && event.effect.type === 'sns' ? [event.effect.payload.text] : []));
    expect(JSON.parse(payload[0]).alarmState.customerAction).toEqual({ actionName: 'ACKNOWLEDGE', acknowledgeActionConfiguration: { note: 'on it' } });
  });

  it('refuses acknowledging a NORMAL alarm with the error entry the data API answers, and goes on', () => {
    // Arrange
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    // Act
    const events = run(simulator, temp(20, 1000), op('acknowledge', 2000), temp(35, 3000));
    // Assert: the refusal names its line; the next message is still applied.
    expect(events.filter((event) => event.type === 'refusal')).toEqual([
      {
        type: 'refusal', time: 2000, line: 2, operatorAction: 'ACKNOWLEDGE', alarmModelName: 'tempAlarm', keyValue: 'dev-1',
        entry: { requestId: 'operator-1', errorCode: 'InvalidRequestException', errorMessage: "alarm 'dev-1' of alarm model tempAlarm is NORMAL; only an ACTIVE or LATCHED alarm can be acknowledged" },
      },
    ]);
    expect(changes(events)).toEqual(['NORMAL→ACTIVE']);
  });

  it('refuses an action on an unknown alarm model or key as ResourceNotFoundException', () => {
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    const events = run(simulator, temp(20, 1000), op('reset', 2000, { alarmModelName: 'nope' }), op('reset', 3000, { keyValue: 'dev-9' }));
    expect(events.flatMap((event) => (event.type === 'refusal' ? [[event.entry.errorCode, event.entry.errorMessage]] : []))).toEqual([
      ['ResourceNotFoundException', 'alarm model nope does not exist'],
      ['ResourceNotFoundException', "alarm 'dev-9' of alarm model tempAlarm does not exist"],
    ]);
  });

  it('disables an alarm, which then ignores data until it is enabled', () => {
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    const events = run(simulator, temp(20, 1000), op('disable', 2000, { note: 'maintenance' }), temp(40, 3000), op('enable', 4000), temp(40, 5000));
    expect(changes(events)).toEqual(['NORMAL→DISABLED', 'DISABLED→NORMAL', 'NORMAL→ACTIVE']);
    expect(events.find((event) => event.type === 'alarmState' && event.to === 'ACTIVE')).toMatchObject({ time: 5000 });
  });

  it('resets a LATCHED alarm to NORMAL, forgetting its last evaluation', () => {
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    const events = run(simulator, temp(35, 1000), temp(20, 2000), op('reset', 3000, { note: 'checked' }));
    expect(changes(events)).toEqual(['NORMAL→ACTIVE', 'ACTIVE→LATCHED', 'LATCHED→NORMAL']);
    const [alarm] = simulator.eachAlarm();
    expect(alarm).toMatchObject({ stateName: 'NORMAL', ruleEvaluation: undefined, customerAction: { actionName: 'RESET', resetActionConfiguration: { note: 'checked' } } });
  });

  it('ends a snooze on the virtual clock at its due time, with the SNOOZE_TIMEOUT system event', () => {
    // Arrange: snoozed for 60 s at 10 s; data while snoozed is not evaluated.
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    const before = run(simulator, temp(35, 1000), op('snooze', 10_000, { snoozeDuration: 60 }), temp(40, 69_999));
    expect(changes(before)).toEqual(['NORMAL→ACTIVE', 'ACTIVE→SNOOZE_DISABLED']);

    // Act
    const due = simulator.advanceTo(70_000);

    // Assert
    expect(due.filter((event) => event.type === 'alarmState')).toEqual([
      { type: 'alarmState', time: 70_000, alarmModelName: 'tempAlarm', alarmModelVersion: '1', keyValue: 'dev-1', from: 'SNOOZE_DISABLED', to: 'NORMAL', cause: { triggerType: 'SNOOZE_TIMEOUT' } },
    ]);
    const [alarm] = simulator.eachAlarm();
    expect(alarm.systemEvent).toEqual({ eventType: 'STATE_CHANGE', stateChangeConfiguration: { triggerType: 'SNOOZE_TIMEOUT' } });
  });

  it('ends only the latest snooze: one enabled early, or snoozed again, does not end at the old due time', () => {
    // Arrange: snoozed at 1 s for 10 s, snoozed again at 5 s for 60 s; a second key snoozed, then enabled.
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    run(simulator, temp(20, 1000), temp(20, 1000, 'dev-2'), op('snooze', 1000, { snoozeDuration: 10 }), op('snooze', 5000, { snoozeDuration: 60 }));
    run(simulator, op('snooze', 5000, { keyValue: 'dev-2', snoozeDuration: 10 }), op('enable', 6000, { keyValue: 'dev-2' }));

    // Act
    const early = simulator.advanceTo(64_999);
    const due = simulator.advanceTo(65_000);

    // Assert
    expect(early).toEqual([]);
    expect(changes(due)).toEqual(['SNOOZE_DISABLED→NORMAL']);
    expect(stateOf(simulator)).toEqual(['NORMAL', 'NORMAL']);
  });

  it("feeds an alarm model from a detector model's iotEvents action, at the same virtual time", () => {
    // Arrange: a detector on Raw that forwards the reading to the alarm's input Temp.
    const forward = { iotEvents: { inputName: 'Temp', payload: { contentExpression: '\'{"id": "${$input.Raw.id}", "value": ${$input.Raw.celsius}}\'', type: 'JSON' as const } } };
    const detector = model([{ stateName: 'S', onInput: { events: [{ eventName: 'forward', condition: 'currentInput("Raw")', actions: [forward] }] } }], { key: 'id' });
    const simulator = new Simulator([detector], undefined, { alarmModels: [alarmModel()] });

    // Act
    const events = untraced(simulator.send({ messageId: 'r1', inputName: 'Raw', raw: '{"id": "dev-1", "celsius": 45}', payload: parseTypedJson('{"id": "dev-1", "celsius": 45}'), timestamp: 7000 }));

    // Assert: the detector's iotEvents action, then the alarm it fed.
    expect(events.map((event) => event.type)).toEqual(['action', 'alarmState', 'action']);
    expect(events[1]).toMatchObject({ time: 7000, from: 'NORMAL', to: 'ACTIVE', cause: { inputName: 'Temp' } });
  });

  it('reports a message without the alarm model key on its own line, naming the alarm model', () => {
    const simulator = new Simulator([], undefined, { alarmModels: [alarmModel()] });
    const events = simulator.send({ messageId: 'x', inputName: 'Temp', raw: '{"value": 40}', timestamp: 0 });
    expect(events).toEqual([
      { type: 'error', time: 0, messageId: 'x', alarmModelName: 'tempAlarm', code: 'InvalidRequestException', message: "the payload has no key attribute 'id' required by alarm model tempAlarm" },
    ]);
  });

  it('traces each alarm evaluation when traces are on, saying why data was not evaluated', () => {
    const simulator = new Simulator([], engineOptions({ traces: true }), { alarmModels: [alarmModel()] });
    const events = run(simulator, temp(20, 1000), op('disable', 2000), temp(40, 3000));
    const traces = events.flatMap((event) => (event.type === 'alarmTrace' ? [event.trace] : []));
    expect(traces.map((trace) => [trace.stateBefore, trace.stateAfter, trace.note])).toEqual([
      [undefined, 'NORMAL', undefined],
      ['NORMAL', 'DISABLED', undefined],
      ['DISABLED', 'DISABLED', 'DISABLED: data is not evaluated'],
    ]);
  });
});

describe('readReplay', () => {
  it('reads operator lines in virtual time, and names a line the data API would refuse', () => {
    // Arrange
    const errors: string[] = [];
    const text = [temp(20, 1000), '{"operatorAction": "snooze", "alarmModelName": "tempAlarm", "keyValue": "dev-1"}', '{"operatorAction": "ACKNOWLEDGE", "alarmModelName": "tempAlarm", "keyValue": "dev-1"}'].join('\n');
    // Act
    const items = [...readReplay([Buffer.from(text)], 0, (error) => errors.push(error.message))];
    // Assert: the acknowledge takes the next second after the message.
    expect(items.map((item) => ('operator' in item ? [item.operator.action.action, item.timestamp, item.line] : item.messageId))).toEqual(['t1000', ['ACKNOWLEDGE', 2000, 3]]);
    expect(errors).toEqual(['line 2: snoozeDuration is required and must be a whole number of seconds (BatchSnoozeAlarm would refuse the call: InvalidRequestException)']);
  });

  it('refuses an unknown operator action and an unknown member by line', () => {
    const errors: string[] = [];
    const text = ['{"operatorAction": "poke", "alarmModelName": "a"}', '{"operatorAction": "reset", "alarmModelName": "a", "colour": "red"}'].join('\n');
    const items = [...readReplay([Buffer.from(text)], 0, (error) => errors.push(error.message))];
    expect(items).toEqual([]);
    expect(errors).toEqual([
      expect.stringMatching(/^line 1: operatorAction must be one of acknowledge, disable, enable, reset, snooze, not "poke"$/),
      'line 2: invalid BatchResetAlarmRequest: 1 error(s); colour: unknown member; expected one of requestId, alarmModelName, keyValue, note (BatchResetAlarm would refuse the call: InvalidRequestException)',
    ]);
  });

  it('leaves operator lines out of the messages BatchPutMessage sends, naming their line', () => {
    const errors: string[] = [];
    const messages = [...readMessages([Buffer.from([temp(20, 1000), op('reset', 2000)].join('\n'))], 0, (error) => errors.push(error.message))];
    expect(messages.map((message) => message.messageId)).toEqual(['t1000']);
    expect(errors).toEqual(['line 2: an operator action (operatorAction), not a message: only vigil simulate replays them']);
  });
});
