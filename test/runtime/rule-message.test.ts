import { parseTypedJson } from '../../lib/expression';
import { fromPlainJson, messageFromQueueBody, messageFromRuleOutput } from '../../lib/runtime/rule-message';

const CONNECTED = '{"clientId":"pump-0042","timestamp":1763736000123,"eventType":"connected","sessionIdentifier":"s1","principalIdentifier":"p1","ipAddress":"203.0.113.17","versionNumber":7}';

describe('messageFromQueueBody', () => {
  it('reads Vigil’s envelope, keeping the payload text exactly as sent', () => {
    // Arrange
    const body = JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId: 'm1', payload: '{"t": 20.0}', timestamp: 1_700_000_000_000 });

    // Act
    const message = messageFromQueueBody(body, 'sqs-1');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: 'm1', payload: '{"t": 20.0}', timestamp: 1_700_000_000_000 });
  });

  it('reads a topic rule’s output, with the SQS message id when the rule gives none', () => {
    // Act
    const message = messageFromQueueBody('{"vigilInputName": "Count", "id": "a", "t": 20.0}', 'sqs-1');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: 'sqs-1', payload: '{"id":"a","t":20.0}', parsed: { id: 'a', t: 20 }, timestamp: undefined });
  });

  it('decodes a body the rule’s SQS action base64-encoded', () => {
    // Arrange
    const body = Buffer.from('{"vigilInputName": "Count", "vigilMessageId": "r1", "id": "a"}').toString('base64');

    // Act
    const message = messageFromQueueBody(body, 'sqs-1');

    // Assert
    expect(message).toMatchObject({ inputName: 'Count', messageId: 'r1' });
  });

  it.each([
    ['not JSON', '{"vigilEnvelope": ', /^the message is not valid JSON/],
    ['an empty body', '', /^the message is not valid JSON/],
    ['an array', '[1, 2]', /^the rule output must be a JSON object$/],
    ['output naming no input', '{"id": "a"}', /names no input/],
  ])('refuses %s with a reason', (_, body, reason) => {
    // Act
    const message = messageFromQueueBody(body, 'sqs-1');

    // Assert
    expect(message).toEqual({ error: expect.stringMatching(reason) });
  });
});

describe('messageFromRuleOutput', () => {
  it('takes the id and time the rule selected, numbers as well as text', () => {
    // Act
    const message = messageFromRuleOutput(parseTypedJson('{"vigilInputName": "Count", "vigilMessageId": 42, "vigilTimestamp": 1700000000123, "id": "a"}'), 'fallback');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: '42', timestamp: 1_700_000_000_123, payload: '{"id":"a"}', parsed: { id: 'a' } });
  });

  it('reads the original payload from vigilRaw, so decimals keep their type, keeping fields the rule added', () => {
    // Arrange: what a Lambda action delivers after JSON.parse, plus the raw bytes.
    const raw = Buffer.from('{"t": 20.0, "id": "a"}').toString('base64');
    const output = fromPlainJson({ vigilInputName: 'Count', vigilRaw: raw, t: 20, device: 'from-topic' });

    // Act
    const message = messageFromRuleOutput(output, 'fallback');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: 'fallback', timestamp: undefined, payload: '{"t":20.0,"device":"from-topic","id":"a"}', parsed: { t: 20, device: 'from-topic', id: 'a' } });
  });

  it.each([
    ['vigilRaw that is not text', { vigilInputName: 'Count', vigilRaw: 5 }, 'vigilRaw must be the base64 text of the payload'],
    ['vigilRaw that is not JSON', { vigilInputName: 'Count', vigilRaw: Buffer.from('{oops').toString('base64') }, /^vigilRaw is not base64 JSON/],
    ['vigilRaw that is not an object', { vigilInputName: 'Count', vigilRaw: Buffer.from('[1]').toString('base64') }, 'the payload must be a JSON object'],
    ['an empty input name', { vigilInputName: '' }, /names no input/],
  ])('refuses %s', (_, output, error) => {
    // Act
    const message = messageFromRuleOutput(output, 'fallback');

    // Assert
    expect(message).toEqual({ error: typeof error === 'string' ? error : expect.stringMatching(error) });
  });

  it('turns an AWS IoT lifecycle event into a message of its built-in input, with a deterministic id', () => {
    // Arrange
    const output = { ...(parseTypedJson(CONNECTED) as object), topic: '$aws/events/presence/connected/pump-0042' };

    // Act
    const first = messageFromRuleOutput(output, 'request-1');
    const again = messageFromRuleOutput(output, 'request-2');

    // Assert
    expect(first).toMatchObject({ inputName: 'AwsIotPresence', messageId: expect.stringMatching(/^presence-/), timestamp: 1763736000123 });
    expect(again).toEqual(first);
  });

  it('refuses a lifecycle event that lacks a required field, saying which', () => {
    // Act
    const message = messageFromRuleOutput({ topic: '$aws/events/presence/connected/pump-0042', eventType: 'connected' }, 'r');

    // Assert
    expect(message).toEqual({ error: expect.stringContaining("AwsIotPresence field 'timestamp' is required") });
  });
});

describe('fromPlainJson', () => {
  it('turns whole numbers into Integers and leaves the rest alone, deeply', () => {
    // Act
    const value = fromPlainJson({ a: 1, b: 2.5, c: [3, 'x', null], d: { e: 2 ** 60 } });

    // Assert
    expect(value).toEqual({ a: 1n, b: 2.5, c: [3n, 'x', null], d: { e: 2 ** 60 } });
  });
});
