import { normalizeLifecycleEvent } from '../../lib/lifecycle';
import { AWS_MESSAGE_ID, normalized, rejected } from './helpers';

// Spec §3.2 examples.
const CONNECTED = '{"clientId":"pump-0042","timestamp":1763736000123,"eventType":"connected",' +
  '"sessionIdentifier":"5f0c2a9e1b7d4c7e9a11c0ffee000042","principalIdentifier":"9a8b7c6d5e4f...e1","ipAddress":"203.0.113.17","versionNumber":7}';
const DISCONNECTED = '{"clientId":"pump-0042","timestamp":1763736512987,"eventType":"disconnected",' +
  '"sessionIdentifier":"5f0c2a9e1b7d4c7e9a11c0ffee000042","principalIdentifier":"9a8b7c6d5e4f...e1",' +
  '"clientInitiatedDisconnect":false,"disconnectReason":"MQTT_KEEP_ALIVE_TIMEOUT","versionNumber":7}';

describe('normalizeLifecycleEvent: presence', () => {
  it('normalises the connected example with bigint timestamp and version, and the topic', () => {
    // Act
    const event = normalized('$aws/events/presence/connected/pump-0042', CONNECTED);
    // Assert
    expect(event).toEqual({
      inputName: 'AwsIotPresence',
      messageId: expect.stringMatching(/^presence-[0-9a-f]{16}$/),
      timestamp: 1763736000123,
      payload: {
        clientId: 'pump-0042', timestamp: 1763736000123n, eventType: 'connected', sessionIdentifier: '5f0c2a9e1b7d4c7e9a11c0ffee000042',
        principalIdentifier: '9a8b7c6d5e4f...e1', ipAddress: '203.0.113.17', versionNumber: 7n, topic: '$aws/events/presence/connected/pump-0042',
      },
    });
  });

  it('normalises the disconnected example, keeping its reason and flag', () => {
    const event = normalized('$aws/events/presence/disconnected/pump-0042', DISCONNECTED);
    expect(event.payload).toEqual({
      clientId: 'pump-0042', timestamp: 1763736512987n, eventType: 'disconnected', sessionIdentifier: '5f0c2a9e1b7d4c7e9a11c0ffee000042',
      principalIdentifier: '9a8b7c6d5e4f...e1', clientInitiatedDisconnect: false, disconnectReason: 'MQTT_KEEP_ALIVE_TIMEOUT', versionNumber: 7n,
      topic: '$aws/events/presence/disconnected/pump-0042',
    });
  });

  it('passes an unknown disconnectReason and unknown extra fields through unchanged', () => {
    const event = normalized('$aws/events/presence/disconnected/d1',
      '{"clientId":"d1","timestamp":1763736512987,"eventType":"disconnected","versionNumber":3,"disconnectReason":"QUANTUM_TUNNELLING","extra":{"a":1.0}}');
    expect(event.payload).toMatchObject({ disconnectReason: 'QUANTUM_TUNNELLING', extra: { a: 1 } });
  });

  it('keeps thingName when the client used the exclusive-thing feature, and works without it', () => {
    const withThing = normalized('$aws/events/presence/connected/d1', '{"clientId":"d1","thingName":"pump-1","timestamp":1763736000000,"eventType":"connected","versionNumber":1}');
    const without = normalized('$aws/events/presence/connected/d1', '{"clientId":"d1","timestamp":1763736000000,"eventType":"connected","versionNumber":1}');
    expect(withThing.payload.thingName).toBe('pump-1');
    expect(without.payload).not.toHaveProperty('thingName');
  });

  it('takes clientId and eventType from the topic when the payload lacks them', () => {
    const event = normalized('$aws/events/presence/disconnected/pump-7', '{"timestamp":1763736000000,"versionNumber":2}');
    expect(event.payload).toEqual({ timestamp: 1763736000000n, versionNumber: 2n, clientId: 'pump-7', eventType: 'disconnected', topic: '$aws/events/presence/disconnected/pump-7' });
  });

  it.each([
    ['a:b', '$aws/events/presence/connected/a:b'],
    ['dev.1', '$aws/events/presence/connected/dev.1'],
    ['ünïcödé-客户端', '$aws/events/presence/connected/ünïcödé-客户端'],
    ['site/7/pump', '$aws/events/presence/connected/site/7/pump'],
  ])('handles the odd client id %s, from the topic and with a valid message id', (clientId, topic) => {
    const fromTopic = normalized(topic, '{"timestamp":1763736000000,"versionNumber":1,"sessionIdentifier":"s"}');
    const fromPayload = normalized(topic, JSON.stringify({ clientId, timestamp: 1763736000000, versionNumber: 1, sessionIdentifier: 's' }));
    expect(fromTopic.payload.clientId).toBe(clientId);
    expect(fromTopic.messageId).toMatch(AWS_MESSAGE_ID);
    expect(fromPayload.messageId).toBe(fromTopic.messageId);
  });

  it('accepts seconds and converts them to milliseconds', () => {
    const event = normalized('$aws/events/presence/connected/d1', '{"timestamp":1763736000,"versionNumber":1}');
    expect(event.payload.timestamp).toBe(1763736000000n);
  });

  it('gives connect_failed its own input, without requiring a version or timestamp', () => {
    const event = normalized('$aws/events/presence/connect_failed/d1', '{"clientId":"d1","failureReason":"AUTHORIZATION_FAILURE"}');
    expect(event).toEqual({
      inputName: 'AwsIotConnectFailure', messageId: expect.stringMatching(/^event-[0-9a-f]{16}$/), timestamp: undefined,
      payload: { clientId: 'd1', failureReason: 'AUTHORIZATION_FAILURE', eventType: 'connect_failed', topic: '$aws/events/presence/connect_failed/d1' },
    });
  });

  it.each([
    ['{"clientId":"d1","eventType":"connected","versionNumber":7}', "AwsIotPresence field 'timestamp' is required"],
    ['{"clientId":"d1","eventType":"connected","timestamp":1763736000000}', "AwsIotPresence field 'versionNumber' is required"],
    ['{"timestamp":1763736000000,"versionNumber":"7"}', "AwsIotPresence field 'versionNumber' must be an integer, got \"7\""],
    ['{"timestamp":1763736000000,"versionNumber":7.5}', "AwsIotPresence field 'versionNumber' must be an integer, got 7.5"],
    ['{"timestamp":-5,"versionNumber":7}', "AwsIotPresence field 'timestamp' must be an epoch timestamp"],
    ['{"timestamp":1763736000000,"versionNumber":7,"clientInitiatedDisconnect":"no"}', "field 'clientInitiatedDisconnect' must be a boolean, got \"no\""],
    ['{"timestamp":1763736000000,"versionNumber":7,"clientId":42}', "field 'clientId' must be a string, got 42"],
    ['{"timestamp":null,"versionNumber":7}', "field 'timestamp' is required, got null"],
  ])('rejects %s naming the field', (payload, error) => {
    expect(rejected('$aws/events/presence/connected/d1', payload)).toContain(error);
  });

  it('starts every error with the topic', () => {
    expect(rejected('$aws/events/presence/connected/d1', '{}')).toMatch(/^\$aws\/events\/presence\/connected\/d1: AwsIotPresence field 'timestamp' is required/);
  });
});

describe('normalizeLifecycleEvent: subscriptions', () => {
  const SUBSCRIBED = '{"clientId":"pump-0042","timestamp":1763736000456,"eventType":"subscribed","sessionIdentifier":"5f0c2a9e1b7d4c7e9a11c0ffee000042",' +
    '"principalIdentifier":"111122223333/AROAEXAMPLE:svc-operator/AROAEXAMPLE:svc-operator","topics":["cmd/pump-0042/#","$aws/things/pump-0042/shadow/update/delta"]}';

  it('normalises the spec example', () => {
    const event = normalized('$aws/events/subscriptions/subscribed/pump-0042', SUBSCRIBED);
    expect(event).toEqual({
      inputName: 'AwsIotSubscription', messageId: expect.stringMatching(/^subscription-[0-9a-f]{16}$/), timestamp: 1763736000456,
      payload: {
        clientId: 'pump-0042', timestamp: 1763736000456n, eventType: 'subscribed', sessionIdentifier: '5f0c2a9e1b7d4c7e9a11c0ffee000042',
        principalIdentifier: '111122223333/AROAEXAMPLE:svc-operator/AROAEXAMPLE:svc-operator',
        topics: ['cmd/pump-0042/#', '$aws/things/pump-0042/shadow/update/delta'], topic: '$aws/events/subscriptions/subscribed/pump-0042',
      },
    });
  });

  it('takes the verb and client id from the topic', () => {
    const event = normalized('$aws/events/subscriptions/unsubscribed/dev.1', '{"timestamp":1763736000,"topics":["a/b"]}');
    expect(event.payload).toMatchObject({ clientId: 'dev.1', eventType: 'unsubscribed', timestamp: 1763736000000n });
  });

  it.each([
    ['{"timestamp":1763736000456}', "AwsIotSubscription field 'topics' is required"],
    ['{"timestamp":1763736000456,"topics":"a/b"}', "field 'topics' must be an array of strings, got \"a/b\""],
    ['{"timestamp":1763736000456,"topics":["a",1]}', "field 'topics' must be an array of strings, got an array with a non-string item"],
  ])('rejects %s', (payload, error) => {
    expect(rejected('$aws/events/subscriptions/subscribed/d1', payload)).toContain(error);
  });

  it('refuses payloads that are not JSON objects: arrays, strings, null, numbers', () => {
    for (const payload of [[], 'text', null, 42n]) {
      expect(normalizeLifecycleEvent('$aws/events/subscriptions/subscribed/d1', payload)).toEqual({
        ok: false, error: expect.stringContaining('$aws/events/subscriptions/subscribed/d1: the payload must be a JSON object'),
      });
    }
  });
});
