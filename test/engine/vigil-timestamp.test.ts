import { parseTypedJson } from '../../lib/expression';
import { Simulator } from '../../lib/simulation';
import { model, setVariable } from '../helpers/engine';

describe('vigil_timestamp() in a detector', () => {
  it("reads a message's own timestamp, and the firing time on a timer's cycle", () => {
    // Arrange: a message at T sets a 60 s timer; each cycle records vigil_timestamp().
    const timed = model(
      [{
        stateName: 'S',
        onInput: {
          events: [
            { eventName: 'seen', condition: 'currentInput("In")', actions: [setVariable('seenAt', 'vigil_timestamp()'), { setTimer: { timerName: 'later', seconds: 60 } }] },
            { eventName: 'fired', condition: 'timeout("later")', actions: [setVariable('firedAt', 'vigil_timestamp()')] },
          ],
        },
      }],
      { key: 'id' },
    );
    const at = 1_767_225_600_000;
    const simulator = new Simulator([timed]);

    // Act
    simulator.send({ messageId: 'm1', inputName: 'In', payload: parseTypedJson('{"id": "k"}'), raw: '{"id": "k"}', timestamp: at });
    simulator.advanceTo(at + 120_000);

    // Assert
    expect(simulator.snapshots()[0].variables).toEqual({ seenAt: BigInt(at), firedAt: BigInt(at + 60_000) });
  });
});
