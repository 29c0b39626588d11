import type { Action } from '../../lib/model';
import { Simulator, type SimulatedMessage, type SimulationEvent } from '../../lib/simulation';
import { model, setVariable } from '../helpers/engine';

/** `{iotEvents: {inputName, payload}}` with a literal JSON payload. */
const iotEvents = (inputName: string, json: string): Action => ({ iotEvents: { inputName, payload: { contentExpression: `'${json}'`, type: 'JSON' } } });
const message = (messageId: string, inputName: string, raw: string, timestamp: number): SimulatedMessage => ({ messageId, inputName, raw, timestamp });
/** What each evaluation was about, in order: the input of a message cycle, or the timer. */
const cycles = (events: SimulationEvent[]) => events.flatMap((e) => (e.type === 'trace' ? [`${e.trace.inputName ?? e.trace.timerName}@${e.trace.time}`] : []));

describe('Simulator: iotEvents actions', () => {
  it('replays the message an iotEvents action sends right after the evaluation that sent it, at the same time', () => {
    // Arrange: In forwards to Echo, which records what it received.
    const forwarder = model(
      [
        {
          stateName: 'S',
          onInput: {
            events: [
              { eventName: 'forward', condition: 'currentInput("In")', actions: [iotEvents('Echo', '{"id": "k", "n": 1.50}')] },
              { eventName: 'echoed', condition: 'currentInput("Echo")', actions: [setVariable('echoed', '$input.Echo.n')] },
            ],
          },
        },
      ],
      { key: 'id' },
    );
    const simulator = new Simulator([forwarder]);
    // Act
    const first = simulator.send(message('m1', 'In', '{"id": "k"}', 10_000));
    const second = simulator.send(message('m2', 'In', '{"id": "k"}', 20_000));
    // Assert: each message's echo comes before the next message.
    expect(cycles([...first, ...second])).toEqual(['In@10000', 'Echo@10000', 'In@20000', 'Echo@20000']);
    const sent = first.find((e) => e.type === 'action');
    const echo = first.find((e) => e.type === 'trace' && e.trace.inputName === 'Echo');
    expect(echo?.type === 'trace' && echo.trace.messageId).toBe(sent?.type === 'action' && sent.effect.actionExecutionId);
    expect(simulator.snapshots()[0].variables.echoed).toBe(1.5);
  });

  it('replays the message a timer cycle sends when the timer fires', () => {
    // Arrange: In arms a 60-second timer whose expiry sends to Echo.
    const delayed = model(
      [
        {
          stateName: 'S',
          onInput: {
            events: [
              { eventName: 'arm', condition: 'currentInput("In")', actions: [{ setTimer: { timerName: 't', seconds: 60 } }] },
              { eventName: 'fire', condition: 'timeout("t")', actions: [iotEvents('Echo', '{"id": "k"}')] },
              { eventName: 'echoed', condition: 'currentInput("Echo")', actions: [setVariable('echoed', 'true')] },
            ],
          },
        },
      ],
      { key: 'id' },
    );
    const simulator = new Simulator([delayed]);
    simulator.send(message('m1', 'In', '{"id": "k"}', 0));
    // Act
    const events = simulator.advanceTo(100_000);
    // Assert
    expect(cycles(events)).toEqual(['t@60000', 'Echo@60000']);
    expect(simulator.snapshots()[0].variables.echoed).toBe(true);
  });

  it('stops a model whose iotEvents actions feed each other forever, and says so', () => {
    // Arrange: every Echo message sends another one.
    const looping = model(
      [{ stateName: 'S', onInput: { events: [{ eventName: 'again', condition: 'currentInput("Echo")', actions: [iotEvents('Echo', '{"id": "k"}')] }] } }],
      { key: 'id' },
    );
    const simulator = new Simulator([looping], undefined, { maxLoopbacks: 5 });
    // Act
    const events = simulator.send(message('m1', 'Echo', '{"id": "k"}', 0));
    const next = simulator.send(message('m2', 'Other', '{"id": "k"}', 1000));
    // Assert: the first message plus five fed back, then the sixth is dropped with an error.
    expect(cycles(events)).toHaveLength(6);
    expect(events.at(-1)).toEqual({
      type: 'error',
      time: 0,
      messageId: expect.any(String),
      message: expect.stringMatching(/^iotEvents loop-back limit reached: message m1 led to more than 5 messages sent by iotEvents actions; dropped the 1 /),
    });
    expect(next).toEqual([{ type: 'error', time: 1000, messageId: 'm2', code: 'ResourceNotFoundException', message: 'input Other does not exist' }]);
  });

  it('rejects a fed-back payload that is not JSON, with the words of the deployed runtime', () => {
    const broken = model(
      [{ stateName: 'S', onInput: { events: [{ eventName: 'send', condition: 'currentInput("In")', actions: [iotEvents('In', '{"id": "k",}')] }] } }],
      { key: 'id' },
    );
    const events = new Simulator([broken]).send(message('m1', 'In', '{"id": "k"}', 0));
    expect(events.at(-1)).toMatchObject({ type: 'error', time: 0, message: expect.stringMatching(/^payload is not valid JSON: /) });
  });
});
