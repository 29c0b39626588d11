import { REPLAY_LIMITS, ReplayRefusal, replay } from '../../../local/console/simulate-replay';

// A detector that re-arms a 60 s timer each time it fires: a replay over days fires it thousands of times.
const ticking = {
  detectorModelName: 'ticking',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Ticking',
    states: [{
      stateName: 'Ticking',
      onEnter: { events: [{ eventName: 'arm', condition: 'true', actions: [{ setTimer: { timerName: 'tick', seconds: 60 } }] }] },
      onInput: {
        events: [{ eventName: 'seen', condition: 'currentInput("Ticks")', actions: [{ setVariable: { variableName: 'seen', value: '$input.Ticks.id' } }] }],
        transitionEvents: [{ eventName: 'tock', condition: 'timeout("tick")', nextState: 'Ticking' }],
      },
    }],
  },
};
const message = (id: string, timestamp: number) => JSON.stringify({ messageId: id, inputName: 'Ticks', payload: { id: 'a' }, timestamp });

describe('replay', () => {
  it('fires timers between messages, a record per evaluation, then one per detector', () => {
    // Arrange
    const messages = [message('m1', 0), message('m2', 5 * 60_000 + 1)].join('\n');

    // Act
    const answer = JSON.parse(replay({ model: ticking, messages })) as { records: { type: string }[]; truncated: boolean; skipped: string[] };

    // Assert: the first message, five timer firings, the second message, the detector.
    expect(answer.records.map((record) => record.type)).toEqual(['trace', 'trace', 'trace', 'trace', 'trace', 'trace', 'trace', 'detector']);
    expect(answer).toMatchObject({ truncated: false, skipped: [] });
  });

  it(`stops at ${REPLAY_LIMITS.records} records and says the answer is truncated`, () => {
    // Arrange: 20 days of a 60 s timer, 28,800 firings.
    const messages = [message('m1', 0), message('m2', 20 * 86_400_000)].join('\n');

    // Act
    const answer = JSON.parse(replay({ model: ticking, messages })) as { records: { type: string }[]; truncated: boolean };

    // Assert
    expect(answer.truncated).toBe(true);
    expect(answer.records).toHaveLength(REPLAY_LIMITS.records);
  });

  it('names the parts of the messages that are not messages, by line, and replays the rest', () => {
    // Arrange
    const messages = [message('m1', 0), 'not json', message('m2', 1000)].join('\n');

    // Act
    const answer = JSON.parse(replay({ model: ticking, messages })) as { records: { type: string }[]; skipped: string[] };

    // Assert
    expect(answer.skipped.length).toBeGreaterThan(0);
    expect(answer.skipped.every((part) => part.startsWith('line 2: '))).toBe(true);
    expect(answer.records.filter((record) => record.type === 'trace')).toHaveLength(2);
  });

  it.each([
    ['more messages than the limit', { model: ticking, messages: Array.from({ length: REPLAY_LIMITS.messages + 1 }, (_, i) => message(`m${i}`, i * 1000)).join('\n') }, `at most ${REPLAY_LIMITS.messages} messages`],
    ['messages spanning more than 31 days', { model: ticking, messages: [message('m1', 0), message('m2', 32 * 86_400_000)].join('\n') }, 'span more than 31 days'],
    ['an alarm model', { model: { alarmModelName: 'a', alarmRule: {} }, messages: '' }, 'the replay runs detector models'],
    ['inputs that are not CreateInput bodies', { model: ticking, inputs: 'Ticks', messages: '' }, 'inputs must be an array'],
  ])('refuses %s', (_what, request, message) => {
    // Act
    const replaying = () => replay(request);

    // Assert
    expect(replaying).toThrow(ReplayRefusal);
    expect(replaying).toThrow(message);
  });
});
