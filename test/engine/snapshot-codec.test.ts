import { TIMERS_MARKER, deserializeSnapshot, serializeSnapshot, step, type DetectorSnapshot } from '../../lib/engine';
import { message, model, setVariable } from '../helpers/engine';

describe('snapshot codec', () => {
  it('round-trips every field, keeping Integer and Decimal values apart', () => {
    // Arrange: variables of every type, a retained payload, a timer with a wake-up, a latch.
    const compiled = model(
      [
        {
          stateName: 'S',
          onInput: {
            events: [
              {
                eventName: 'e',
                condition: 'currentInput("In")',
                actions: [setVariable('i', '3'), setVariable('d', '20.0'), setVariable('s', "'x'"), setVariable('b', 'true'), { setTimer: { timerName: 't', seconds: 90 } }],
              },
            ],
          },
        },
      ],
      { key: 'id' },
    );
    const { snapshot } = step(compiled, undefined, message('In', '{"id": "k1", "nested": {"v": 1.50, "n": null}}', 'm1'), 1_700_000_000_000);
    // Act
    const text = serializeSnapshot(snapshot!);
    const back = deserializeSnapshot(text);
    // Assert
    expect(back).toEqual(snapshot);
    expect(back.variables).toEqual({ i: 3n, d: 20, s: 'x', b: true });
    expect(text).toContain('"d":20.0');
  });

  it.each(['t', 'a"b', '\\', '{"t":{"', ' ', 'constructor'])('marks a stored snapshot holding a timer named %j, and none without timers or look-alike text', (name) => {
    // Arrange: the timer sweep's scan keeps only stored snapshots that contain the marker.
    const base: DetectorSnapshot = {
      detectorModelName: 'm', detectorModelVersion: '1', keyValue: 'k', stateName: 'S', variables: { v: name }, inputs: { In: { text: name } },
      timers: {}, expiredTimers: [name], timerSequence: 1, sequence: 1, creationTime: 0, lastUpdateTime: 0,
    };
    const withTimer = { ...base, timers: { [name]: { dueAt: 1, durationSeconds: 60, generation: 1, wakeAt: 1 } } };
    // Act & Assert
    expect(serializeSnapshot(withTimer)).toContain(TIMERS_MARKER);
    expect(serializeSnapshot(base)).not.toContain(TIMERS_MARKER);
  });

  it('refuses data in an unknown format', () => {
    expect(() => deserializeSnapshot('{"f": 99}')).toThrow('unknown detector snapshot format 99');
  });
});
