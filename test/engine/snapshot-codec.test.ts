import { deserializeSnapshot, serializeSnapshot, step } from '../../lib/engine';
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

  it('refuses data in an unknown format', () => {
    expect(() => deserializeSnapshot('{"f": 99}')).toThrow('unknown detector snapshot format 99');
  });
});
