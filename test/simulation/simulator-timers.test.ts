import { parseTypedJson } from '../../lib/expression';
import { Simulator, type SimulationEvent } from '../../lib/simulation';
import { model, sns } from '../helpers/engine';

/** Keyed by `id`: Arm sets timer `t` to `seconds` (again: resets it); its timeout, and any Ping, send an sns action. */
const alarm = model(
  [
    {
      stateName: 'S',
      onInput: {
        events: [
          { eventName: 'arm', condition: 'currentInput("Arm")', actions: [{ setTimer: { timerName: 't', durationExpression: '$input.Arm.seconds' } }] },
          { eventName: 'ring', condition: 'timeout("t")', actions: [sns()] },
          { eventName: 'ping', condition: 'currentInput("Ping")', actions: [sns()] },
        ],
      },
    },
  ],
  { key: 'id' },
);
const send = (inputName: string, id: string, at: number, seconds = 0) => {
  const raw = `{"id": "${id}", "seconds": ${seconds}}`;
  return { messageId: `${inputName}-${id}-${at}`, inputName, payload: parseTypedJson(raw), raw, timestamp: at };
};
/** The actions among events, as `event@time:key`. */
const actions = (events: SimulationEvent[]) => events.flatMap((event) => (event.type === 'action' ? [`${event.effect.eventName}@${event.time / 1000}:${event.effect.keyValue}`] : []));

describe('Simulator timers', () => {
  it('fires the timers due between two messages between them, in due order, ties in the order their detectors were created', () => {
    // Arrange: c (60 s), b (120 s), a (60 s: ties with c, created after it), d (300 s); b reset at 1 s to 170 s.
    const simulator = new Simulator([alarm]);
    const before = [send('Arm', 'c', 0, 60), send('Arm', 'b', 0, 120), send('Arm', 'a', 0, 60), send('Arm', 'd', 0, 300), send('Arm', 'b', 1000, 170)].flatMap((m) => simulator.send(m));
    // Act: a message at 150 s, another at 200 s, then time runs on to 400 s.
    const first = simulator.send(send('Ping', 'z', 150_000));
    const second = simulator.send(send('Ping', 'y', 200_000));
    const after = simulator.advanceTo(400_000);
    // Assert
    expect(actions(before)).toEqual([]);
    expect(actions(first)).toEqual(['ring@60:c', 'ring@60:a', 'ping@150:z']);
    expect(actions(second)).toEqual(['ring@171:b', 'ping@200:y']);
    expect(actions(after)).toEqual(['ring@300:d']);
  });

  it('fires a timer due exactly at a message before that message', () => {
    const simulator = new Simulator([alarm]);
    simulator.send(send('Arm', 'a', 0, 60));
    expect(actions(simulator.send(send('Ping', 'a', 60_000)))).toEqual(['ring@60:a', 'ping@60:a']);
  });
});
