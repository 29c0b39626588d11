import path from 'node:path';
import type { Action } from '../../lib/model';
import { EXAMPLES } from '../helpers/engine';
import { runCli } from '../helpers/cli';
import { jsonLines, tempFiles } from './temp-files';

const file = tempFiles();
/** A keyed model of one state whose events each run their actions on every message of `In`. */
const modelFile = (name: string, events: { eventName: string; condition: string; actions: Action[] }[]) =>
  file(`${name}.json`, {
    detectorModelName: name,
    key: 'id',
    roleArn: 'arn:aws:iam::123456789012:role/test',
    detectorModelDefinition: { initialStateName: 'S', states: [{ stateName: 'S', onInput: { events } }] },
  });
const one = file('one.json', [{ messageId: 'm1', inputName: 'In', payload: { id: 'k' }, timestamp: 1000 }]);
/** The `"payload":…}` end of the printed action lines, as text. */
const payloads = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('{"type":"action"')).map((line) => line.slice(line.indexOf('"payload":')));

describe('vigil simulate prints actions exactly as they are sent', () => {
  it('prints a JSON payload as its own text, decimals and big integers unchanged, on one line', async () => {
    // Arrange
    const model = modelFile('exact', [
      { eventName: 'send', condition: 'currentInput("In")', actions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: `'{"price": 1.50,\n "big": 12345678901234567890123, "s": "a b"}'`, type: 'JSON' } } }] },
    ]);
    // Act
    const result = await runCli('simulate', model, '--messages', one);
    // Assert
    expect(result.code).toBe(0);
    expect(payloads(result.stdout)).toEqual(['"payload":{"price":1.50,"big":12345678901234567890123,"s":"a b"}}']);
  });

  it('prints a STRING payload, or a JSON one with a duplicate key, as a string', async () => {
    const model = modelFile('strings', [
      { eventName: 'text', condition: 'currentInput("In")', actions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: "'1.50 units'", type: 'STRING' } } }] },
      { eventName: 'dup', condition: 'currentInput("In")', actions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: `'{"a": 1, "a": 2}'`, type: 'JSON' } } }] },
    ]);
    const result = await runCli('simulate', model, '--messages', one);
    expect(payloads(result.stdout)).toEqual(['"payload":"1.50 units"}', '"payload":"{\\"a\\": 1, \\"a\\": 2}"}']);
  });

  it('prints the body of an sqs action with useBase64 as the base64 the SQS sender sends', async () => {
    // Arrange: a JSON payload with decimals and characters beyond ASCII.
    const text = '{"pump": "°C", "v": 1.50}';
    const queueUrl = 'https://sqs.us-east-1.amazonaws.com/123456789012/q';
    const model = modelFile('base64', [{ eventName: 'send', condition: 'currentInput("In")', actions: [{ sqs: { queueUrl, useBase64: true, payload: { contentExpression: `'${text}'`, type: 'JSON' } } }] }]);
    // Act
    const result = await runCli('simulate', model, '--messages', one);
    // Assert: the bytes of the payload, base64 encoded, as a JSON string.
    expect(result.code).toBe(0);
    expect(payloads(result.stdout)).toEqual([`"payload":"${Buffer.from(text, 'utf8').toString('base64')}"}`]);
  });

  it('prints the integer fields of a SiteWise value as integers', async () => {
    // Arrange
    const propertyValue = { value: { integerValue: "'2'" }, timestamp: { timeInSeconds: "'1586400675'" }, quality: "'GOOD'" };
    const model = modelFile('sitewise', [{ eventName: 'put', condition: 'currentInput("In")', actions: [{ iotSiteWise: { propertyAlias: "'/plant/count'", propertyValue } }] }]);
    // Act
    const result = await runCli('simulate', model, '--messages', one);
    // Assert
    expect(payloads(result.stdout)).toEqual(['"payload":{"value":{"integerValue":2},"timestamp":{"timeInSeconds":1586400675,"offsetInNanos":0},"quality":"GOOD"}}']);
  });
});

describe('vigil simulate rejects bad messages one by one', () => {
  const motor = path.join(EXAMPLES, 'motorDetectorModel.json');
  const high = { messageId: 'good', inputName: 'PressureInput', payload: '{"motorid": "Fulton-A32", "sensorData": {"pressure": 80, "temperature": 39}}', timestamp: 1000 };

  it.each([
    ['is not JSON', '{"motorid": '],
    ['has a duplicate key', '{"motorid": "a", "motorid": "b", "sensorData": {"pressure": 80}}'],
  ])('prints an error line for a message whose payload %s, replays the others and exits 4', async (_, payload) => {
    // Arrange
    const messages = file('bad-payload.json', [{ messageId: 'bad', inputName: 'PressureInput', payload, timestamp: 0 }, high]);
    // Act
    const result = await runCli('simulate', motor, '--messages', messages);
    // Assert
    expect(result.code).toBe(4);
    const output = jsonLines(result.stdout);
    expect(output.map((line) => line.type)).toEqual(['error', 'action', 'detector']);
    expect(output[0]).toEqual({ type: 'error', time: 0, messageId: 'bad', code: 'InvalidRequestException', message: expect.stringMatching(/^payload is not valid JSON: /) });
  });
});

describe('vigil simulate replays iotEvents actions', () => {
  it('replays the message an iotEvents action sends before the next message', async () => {
    // Arrange: In forwards to Echo, and Echo notifies.
    const model = modelFile('forward', [
      { eventName: 'forward', condition: 'currentInput("In")', actions: [{ iotEvents: { inputName: 'Echo', payload: { contentExpression: `'{"id": "k", "n": 2}'`, type: 'JSON' } } }] },
      { eventName: 'notify', condition: 'currentInput("Echo")', actions: [{ sns: { targetArn: 'arn:aws:sns:us-east-1:123456789012:t', payload: { contentExpression: "'n=${$input.Echo.n}'", type: 'STRING' } } }] },
    ]);
    const two = file('two.json', [{ messageId: 'm1', inputName: 'In', payload: { id: 'k' }, timestamp: 1000 }, { messageId: 'm2', inputName: 'In', payload: { id: 'k' }, timestamp: 2000 }]);
    // Act
    const result = await runCli('simulate', model, '--messages', two);
    // Assert
    expect(result.code).toBe(0);
    const actions = jsonLines(result.stdout).filter((line) => line.type === 'action');
    expect(actions.map((line) => [line.action, line.time, line.payload])).toEqual([
      ['iotEvents', 1000, { id: 'k', n: 2 }],
      ['sns', 1000, 'n=2'],
      ['iotEvents', 2000, { id: 'k', n: 2 }],
      ['sns', 2000, 'n=2'],
    ]);
  });

  it('stops an endless iotEvents loop after --max-loopbacks messages, says so and exits 4', async () => {
    // Arrange: each Echo message sends another.
    const model = modelFile('loop', [
      { eventName: 'again', condition: 'currentInput("In") || currentInput("Echo")', actions: [{ iotEvents: { inputName: 'Echo', payload: { contentExpression: `'{"id": "k"}'`, type: 'JSON' } } }] },
    ]);
    // Act
    const result = await runCli('simulate', model, '--messages', one, '--max-loopbacks', '3');
    // Assert
    expect(result.code).toBe(4);
    const output = jsonLines(result.stdout);
    expect(output.map((line) => line.type)).toEqual(['action', 'action', 'action', 'action', 'error', 'detector']);
    expect(output[4].message).toMatch(/^iotEvents loop-back limit reached: message m1 led to more than 3 messages/);
  });

  it('refuses a --max-loopbacks that is not a whole number', async () => {
    await expect(runCli('simulate', modelFile('x', [{ eventName: 'e', condition: 'currentInput("In")', actions: [] }]), '--messages', one, '--max-loopbacks', '1.5')).resolves.toMatchObject({ code: 2 });
  });
});
