import { parseTypedJson } from '../../lib/expression';
import { Simulator, parseMessagesFile } from '../../lib/simulation';
import { model, setVariable } from '../helpers/engine';

const counter = model(
  [{ stateName: 'S', onInput: { events: [{ eventName: 'count', condition: 'currentInput("In")', actions: [setVariable('n', 'isUndefined($variable.n) || $variable.n == 0')] }] } }],
  { key: 'id' },
);
const send = (id: string, at: number) => ({ messageId: id, inputName: 'In', payload: parseTypedJson('{"id": "k"}'), raw: '{"id": "k"}', timestamp: at });

describe('Simulator', () => {
  it('ignores a message id the detector processed within five minutes, as AWS did', () => {
    const simulator = new Simulator([counter]);
    simulator.send(send('dup', 0));
    const again = simulator.send(send('dup', 60_000));
    expect(again).toEqual([{ type: 'trace', trace: expect.objectContaining({ status: 'Skipped', skipReason: expect.stringMatching(/already processed/) }) }]);
    expect(simulator.send(send('dup', 400_000)).some((e) => e.type === 'trace' && e.trace.status === 'Success')).toBe(true);
  });

  it('still ignores a repeat after many more messages than a detector item holds, with no table to spill to', () => {
    // Arrange: 200 messages in 200 s, then the first one again.
    const simulator = new Simulator([counter]);
    for (let i = 0; i < 200; i++) simulator.send(send(`m${i}`, i * 1000));

    // Act
    const again = simulator.send(send('m0', 240_000));

    // Assert
    expect(again).toEqual([{ type: 'trace', trace: expect.objectContaining({ status: 'Skipped' }) }]);
  });

  it('skips a presence event older than the last one applied, as the deployed runtime does', () => {
    // Arrange: a model keyed on the client id that records the last presence event type.
    const presence = model(
      [{ stateName: 'S', onInput: { events: [{ eventName: 'seen', condition: 'currentInput("AwsIotPresence")', actions: [setVariable('last', '$input.AwsIotPresence.eventType')] }] } }],
      { key: 'clientId' },
    );
    const event = (id: string, eventType: string, versionNumber: number, at: number) => {
      const raw = `{"clientId": "c1", "eventType": "${eventType}", "versionNumber": ${versionNumber}, "sessionIdentifier": "s${versionNumber}", "timestamp": ${at}}`;
      return { messageId: id, inputName: 'AwsIotPresence', payload: parseTypedJson(raw), raw, timestamp: at };
    };
    const simulator = new Simulator([presence]);
    // Act: the connect of connection 2, then the late disconnect of connection 1.
    simulator.send(event('c2', 'connected', 2, 10_000));
    const late = simulator.send(event('d1', 'disconnected', 1, 11_000));
    // Assert
    expect(late).toEqual([{ type: 'trace', trace: expect.objectContaining({ status: 'Skipped', skipReason: expect.stringMatching(/^out of order/) }) }]);
    expect(simulator.snapshots()[0].variables.last).toBe('connected');
  });

  it('reports a message for a model it cannot route, and goes on', () => {
    const simulator = new Simulator([counter]);
    const events = simulator.send({ ...send('x', 0), payload: parseTypedJson('{"other": 1}') });
    expect(events).toEqual([
      { type: 'error', time: 0, messageId: 'x', detectorModelName: 'test', code: 'InvalidRequestException', message: "the payload has no key attribute 'id' required by detector model test" },
    ]);
  });

  it.each([
    ['is not JSON', '{nope', /^payload is not valid JSON: /],
    ['has a duplicate key', '{"id": "k", "id": "j"}', /^payload is not valid JSON: Duplicate key 'id'/],
    ['is not an object', '[1]', /^payload must be a JSON object$/],
  ])('rejects only a message whose payload %s, in the words of the deployed runtime', (_, raw, reason) => {
    // Arrange
    const simulator = new Simulator([counter]);
    // Act
    const rejected = simulator.send({ messageId: 'bad', inputName: 'In', raw, timestamp: 0 });
    const next = simulator.send({ messageId: 'good', inputName: 'In', raw: '{"id": "k"}', timestamp: 1000 });
    // Assert
    expect(rejected).toEqual([{ type: 'error', time: 0, messageId: 'bad', code: 'InvalidRequestException', message: expect.stringMatching(reason) }]);
    expect(next).toEqual([{ type: 'trace', trace: expect.objectContaining({ status: 'Success', messageId: 'good' }) }]);
  });

  it('refuses a message of an input that does not exist, as the deployed runtime does', () => {
    expect(new Simulator([counter]).send({ ...send('x', 0), inputName: 'Nobody' })).toEqual([
      { type: 'error', time: 0, messageId: 'x', code: 'ResourceNotFoundException', message: 'input Nobody does not exist' },
    ]);
  });

  it('accepts without a word a message of an input that exists but no model reads, as the deployed runtime does', () => {
    // Arrange: the input Spare exists, the model does not read it.
    const simulator = new Simulator([counter], undefined, { inputs: ['In', 'Spare'] });
    // Act
    const events = simulator.send({ ...send('x', 0), inputName: 'Spare' });
    // Assert
    expect(events).toEqual([]);
    expect(simulator.snapshots()).toEqual([]);
  });

  it('never runs time backwards for a late message', () => {
    const simulator = new Simulator([counter]);
    simulator.send(send('a', 10_000));
    simulator.send(send('b', 5_000));
    expect(simulator.snapshots()[0].lastUpdateTime).toBe(10_000);
  });
});

describe('parseMessagesFile', () => {
  it.each([
    ['a BatchPutMessage body with base64 payloads', JSON.stringify({ messages: [{ messageId: 'a', inputName: 'In', payload: Buffer.from('{"v": 1.0}').toString('base64') }] })],
    ['a JSON array of messages with JSON-text payloads', JSON.stringify([{ messageId: 'a', inputName: 'In', payload: '{"v": 1.0}' }])],
    ['JSON lines with object payloads', '{"messageId": "a", "inputName": "In", "payload": {"v": 1.0}}\n'],
    ['an object of named bodies', JSON.stringify({ first: { messages: [{ messageId: 'a', inputName: 'In', payload: '{"v": 1.0}' }] } })],
  ])('reads %s', (_, text) => {
    const [message] = parseMessagesFile(text, 5000);
    expect(message).toMatchObject({ messageId: 'a', inputName: 'In', timestamp: 5000 });
    expect(parseTypedJson(message.raw)).toEqual({ v: 1 });
    expect(message.raw).toMatch(/1\.0/);
  });

  it('spaces messages without a timestamp one second apart, and honours given ones', () => {
    const text = JSON.stringify([
      { messageId: 'a', inputName: 'In', payload: '{}' },
      { messageId: 'b', inputName: 'In', payload: '{}', timestamp: 90_000 },
      { messageId: 'c', inputName: 'In', payload: '{}' },
      { messageId: 'd', inputName: 'In', payload: '{}', timestamp: { timeInMillis: 200_000 } },
    ]);
    expect(parseMessagesFile(text, 0).map((m) => m.timestamp)).toEqual([0, 90_000, 91_000, 200_000]);
  });

  it('leaves a payload that is not JSON for the replay to reject, instead of refusing the file', () => {
    const [message] = parseMessagesFile(JSON.stringify([{ messageId: 'bad', inputName: 'In', payload: '{nope' }]), 0);
    expect(message).toEqual({ messageId: 'bad', inputName: 'In', raw: '{nope', timestamp: 0 });
  });
});
