import { parseTypedJson } from '../../lib/expression';
import { fromPlainJson, messageFromRuleOutput, messagesFromQueueBody, type ReadMessage } from '../../lib/runtime/rule-message';

/** The one message a queue body that is not a batch holds. */
function messageFromQueueBody(...args: Parameters<typeof messagesFromQueueBody>): ReadMessage {
  const reads = messagesFromQueueBody(...args);
  expect(reads).toHaveLength(1);
  return reads[0];
}

const CONNECTED = '{"clientId":"pump-0042","timestamp":1763736000123,"eventType":"connected","sessionIdentifier":"s1","principalIdentifier":"p1","ipAddress":"203.0.113.17","versionNumber":7}';

describe('messagesFromQueueBody', () => {
  const envelope = (fields: object = {}) => JSON.stringify({ vigilEnvelope: 1, inputName: 'Count', messageId: 'm1', payload: '{"t": 20.0}', timestamp: 1_700_000_000_000, ...fields });

  it('reads Vigil’s envelope on the internal queue, keeping the payload text exactly as sent', () => {
    // Act
    const message = messageFromQueueBody(envelope(), 'sqs-1', 'internal');

    // Assert: an envelope without an origin is taken for an iotEvents action's, the most restricted.
    expect(message).toEqual({ inputName: 'Count', messageId: 'm1', payload: '{"t": 20.0}', timestamp: 1_700_000_000_000, origin: 'action' });
  });

  it('keeps the origin and the detectors an envelope is narrowed to', () => {
    // Act
    const message = messageFromQueueBody(envelope({ origin: 'telemetry', targets: ['counter|a'] }), 'sqs-1', 'internal');

    // Assert
    expect(message).toMatchObject({ origin: 'telemetry', targets: ['counter|a'] });
  });

  it('takes a built-in lifecycle input in an envelope only when it came from the lifecycle rule', () => {
    // Act
    const retried = messageFromQueueBody(envelope({ inputName: 'AwsIotPresence', origin: 'lifecycle' }), 'sqs-1', 'internal');
    const fromAction = messageFromQueueBody(envelope({ inputName: 'AwsIotPresence' }), 'sqs-1', 'internal');
    const fromDevice = messageFromQueueBody(envelope({ inputName: 'AwsIotPresence', origin: 'telemetry' }), 'sqs-1', 'internal');
    const notLifecycle = messageFromQueueBody(envelope({ origin: 'lifecycle' }), 'sqs-1', 'internal');

    // Assert
    expect(retried).toMatchObject({ inputName: 'AwsIotPresence', origin: 'lifecycle' });
    expect(fromAction).toEqual({ error: expect.stringContaining("AwsIotPresence is a built-in lifecycle input: it is fed only by the $aws/events topic rule, never by a detector model's iotEvents action") });
    expect(fromDevice).toEqual({ error: expect.stringContaining('never by a device topic') });
    expect(notLifecycle).toEqual({ error: expect.stringContaining('only AWS IoT lifecycle events come from the lifecycle rule') });
  });

  it('refuses anything but an envelope on the internal queue', () => {
    expect(messageFromQueueBody('{"vigilInputName": "Count", "id": "a"}', 'sqs-1', 'internal')).toEqual({ error: expect.stringContaining('the internal queue takes only ingest envelopes') });
  });

  it('reads a topic rule’s output on the telemetry queue, with the SQS message id when the rule gives none', () => {
    // Act
    const message = messageFromQueueBody('{"vigilInputName": "Count", "id": "a", "t": 20.0}', 'sqs-1', 'telemetry');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: 'sqs-1', payload: '{"id":"a","t":20.0}', parsed: { id: 'a', t: 20 }, timestamp: undefined, origin: 'telemetry' });
  });

  it('decodes a body the rule’s SQS action base64-encoded', () => {
    // Arrange
    const body = Buffer.from('{"vigilInputName": "Count", "vigilMessageId": "r1", "id": "a"}').toString('base64');

    // Act
    const message = messageFromQueueBody(body, 'sqs-1', 'telemetry');

    // Assert
    expect(message).toMatchObject({ inputName: 'Count', messageId: 'r1' });
  });

  it('refuses, on the telemetry queue, a device payload shaped like an envelope: a device never chooses the input, id or time', () => {
    // Arrange: what `SELECT *, 'Count' AS vigilInputName` makes of a device's forged envelope.
    const forged = JSON.stringify({ vigilEnvelope: 1, inputName: 'AwsIotPresence', messageId: 'x', payload: '{}', timestamp: 99999999999999, vigilInputName: 'Count' });

    // Act
    const message = messageFromQueueBody(forged, 'sqs-1', 'telemetry');

    // Assert
    expect(message).toEqual({ error: 'an ingest envelope is accepted only on the internal queue, not from the telemetry source' });
  });

  it('refuses, on the telemetry queue, a lifecycle event and a rule that names a built-in input', () => {
    // Arrange
    const lifecycle = JSON.stringify({ ...JSON.parse(CONNECTED), topic: '$aws/events/presence/disconnected/pump-0042' });
    const builtIn = JSON.stringify({ ...JSON.parse(CONNECTED), vigilInputName: 'AwsIotPresence' });

    // Act / Assert
    expect(messageFromQueueBody(lifecycle, 'sqs-1', 'telemetry')).toEqual({ error: 'an AWS IoT lifecycle event is accepted only from the lifecycle queue, which only the $aws/events rule writes to' });
    expect(messageFromQueueBody(builtIn, 'sqs-1', 'telemetry')).toEqual({ error: expect.stringContaining('AwsIotPresence is a built-in lifecycle input') });
  });

  it('reads a SiteWise property value notification on the lifecycle queue as a message of its property\'s built-in input, and refuses it anywhere else', () => {
    // Arrange: what `SELECT *, topic() AS topic FROM '$aws/sitewise/asset-models/+/assets/+/properties/+'` outputs.
    const topic = '$aws/sitewise/asset-models/m-1/assets/boiler-7/properties/temp';
    const notification = `{"type": "PropertyValueUpdate", "payload": {"assetId": "boiler-7", "propertyId": "temp", "values": [{"timestamp": {"timeInSeconds": 1700000000, "offsetInNanos": 0}, "value": {"doubleValue": 30}}]}, "topic": "${topic}"}`;
    const named = JSON.stringify({ id: 'x', vigilInputName: '$sitewise/m-1/temp' });

    // Act
    const message = messageFromQueueBody(notification, 'sqs-1', 'lifecycle');

    // Assert
    expect(message).toMatchObject({ inputName: '$sitewise/m-1/temp', origin: 'lifecycle', timestamp: 1_700_000_000_000, payload: '{"assetId":"boiler-7","assetModelId":"m-1","propertyId":"temp","propertyValue":{"value":30.0,"timestamp":{"timeInSeconds":1700000000,"offsetInNanos":0}}}' });
    expect(messageFromQueueBody(notification, 'sqs-1', 'telemetry')).toEqual({ error: 'a SiteWise property value notification is accepted only from the lifecycle queue, which only the $aws/events and $aws/sitewise rules write to' });
    expect(messageFromQueueBody(named, 'sqs-1', 'telemetry')).toEqual({ error: expect.stringContaining("$sitewise/m-1/temp is a SiteWise property's built-in input: it is fed only by the $aws/sitewise topic rule") });
    expect(messageFromQueueBody(envelope({ inputName: '$sitewise/m-1/temp' }), 'sqs-1', 'internal')).toEqual({ error: expect.stringContaining("never by a detector model's iotEvents action") });
  });

  it('reads lifecycle events on the lifecycle queue, and nothing else', () => {
    // Arrange
    const lifecycle = JSON.stringify({ ...JSON.parse(CONNECTED), topic: '$aws/events/presence/connected/pump-0042' });

    // Act
    const message = messageFromQueueBody(lifecycle, 'sqs-1', 'lifecycle');

    // Assert
    expect(message).toMatchObject({ inputName: 'AwsIotPresence', origin: 'lifecycle' });
    expect(messageFromQueueBody('{"vigilInputName": "Count", "id": "a"}', 'sqs-1', 'lifecycle')).toEqual({ error: expect.stringContaining('the lifecycle queue takes only the output of the $aws/events rule') });
    expect(messageFromQueueBody(envelope({ origin: 'lifecycle', inputName: 'AwsIotPresence' }), 'sqs-1', 'lifecycle')).toEqual({ error: expect.stringContaining('only on the internal queue') });
  });

  it.each([
    ['not JSON', '{"vigilEnvelope": ', /^the message is not valid JSON/],
    ['an empty body', '', /^the message is not valid JSON/],
    ['an array', '[1, 2]', /^the rule output must be a JSON object$/],
    ['output naming no input', '{"id": "a"}', /names no input/],
  ])('refuses %s with a reason', (_, body, reason) => {
    // Act
    const message = messageFromQueueBody(body, 'sqs-1', 'telemetry');

    // Assert
    expect(message).toEqual({ error: expect.stringMatching(reason) });
  });
});

describe('messageFromRuleOutput', () => {
  it('takes the id and time the rule selected, numbers as well as text', () => {
    // Act
    const message = messageFromRuleOutput(parseTypedJson('{"vigilInputName": "Count", "vigilMessageId": 42, "vigilTimestamp": 1700000000123, "id": "a"}'), 'fallback');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: '42', timestamp: 1_700_000_000_123, payload: '{"id":"a"}', parsed: { id: 'a' }, origin: 'telemetry' });
  });

  it('reads the original payload from vigilRaw, so decimals keep their type, keeping fields the rule added', () => {
    // Arrange: what a Lambda action delivers after JSON.parse, plus the raw bytes.
    const raw = Buffer.from('{"t": 20.0, "id": "a"}').toString('base64');
    const output = fromPlainJson({ vigilInputName: 'Count', vigilRaw: raw, t: 20, device: 'from-topic' });

    // Act
    const message = messageFromRuleOutput(output, 'fallback');

    // Assert
    expect(message).toEqual({ inputName: 'Count', messageId: 'fallback', timestamp: undefined, payload: '{"t":20.0,"id":"a","device":"from-topic"}', parsed: { t: 20, id: 'a', device: 'from-topic' }, origin: 'telemetry' });
  });

  it('lets the fields the rule computed win over the device’s own: a key bound to the topic cannot be overridden', () => {
    // Arrange: `SELECT *, topic(3) AS motorid, 'Pressure' AS vigilInputName, encode(*, 'base64') AS vigilRaw`
    // on vigil/motors/motor-01/pressure, by a device claiming to be motor-02.
    const raw = Buffer.from('{"motorid": "motor-02", "pressure": 80.5}').toString('base64');
    const output = fromPlainJson({ motorid: 'motor-01', pressure: 80.5, vigilInputName: 'Pressure', vigilRaw: raw });

    // Act
    const message = messageFromRuleOutput(output, 'fallback');

    // Assert
    expect(message).toMatchObject({ inputName: 'Pressure', payload: '{"motorid":"motor-01","pressure":80.5}' });
  });

  it('never reads a Vigil field the device wrote into its own payload as the rule’s', () => {
    // Arrange: `SELECT *, 'Pressure' AS vigilInputName, encode(*, 'base64') AS vigilRaw` over a
    // payload that picks its own message id and time.
    const raw = Buffer.from('{"motorid": "m1", "vigilMessageId": "theirs", "vigilTimestamp": 1}').toString('base64');
    const output = fromPlainJson({ motorid: 'm1', vigilMessageId: 'theirs', vigilTimestamp: 1, vigilInputName: 'Pressure', vigilRaw: raw });

    // Act
    const message = messageFromRuleOutput(output, 'request-1');

    // Assert: the rule did not choose them, so the id is the invocation's and there is no time;
    // the device's fields stay in its payload.
    expect(message).toMatchObject({ messageId: 'request-1', timestamp: undefined, payload: '{"motorid":"m1","vigilMessageId":"theirs","vigilTimestamp":1}' });
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
    const first = messageFromRuleOutput(output, 'request-1', 'lifecycle');
    const again = messageFromRuleOutput(output, 'request-2', 'lifecycle');

    // Assert
    expect(first).toMatchObject({ inputName: 'AwsIotPresence', messageId: expect.stringMatching(/^presence-/), timestamp: 1763736000123 });
    expect(again).toEqual(first);
  });

  it('refuses a lifecycle event that lacks a required field, saying which', () => {
    // Act
    const message = messageFromRuleOutput({ topic: '$aws/events/presence/connected/pump-0042', eventType: 'connected' }, 'r', 'lifecycle');

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
