import { parseTypedJson } from '../../lib/expression';
import { MESSAGE_ID_PATTERN, lifecycleMessageId } from '../../lib/lifecycle';
import { fnv1a64Hex as fnv1a64 } from '../../lib/hash';
import { AWS_MESSAGE_ID, normalized } from './helpers';

const CONNECTED = '{"clientId":"pump-0042","timestamp":1763736000123,"eventType":"connected","sessionIdentifier":"s-1","versionNumber":7}';

describe('lifecycle message ids', () => {
  it('gives a redelivered presence event the same id, in either timestamp unit and field order', () => {
    // Arrange
    const first = normalized('$aws/events/presence/connected/pump-0042', CONNECTED);
    const again = normalized('$aws/events/presence/connected/pump-0042', '{"versionNumber":7,"sessionIdentifier":"s-1","eventType":"connected","clientId":"pump-0042","timestamp":1763736000123,"topic":"x"}');
    // Assert
    expect(again.messageId).toBe(first.messageId);
    expect(first.messageId).toMatch(AWS_MESSAGE_ID);
  });

  it('hashes presence on (clientId, versionNumber, eventType, sessionIdentifier) only', () => {
    const base = normalized('$aws/events/presence/connected/pump-0042', CONNECTED).messageId;
    const laterStamp = normalized('$aws/events/presence/connected/pump-0042', CONNECTED.replace('1763736000123', '1763736099999')).messageId;
    const variants = [
      CONNECTED.replace('"versionNumber":7', '"versionNumber":8'),
      CONNECTED.replace('"s-1"', '"s-2"'),
      CONNECTED.replace('"pump-0042"', '"pump-0043"'),
    ].map((json) => normalized('$aws/events/presence/connected/pump-0042', json).messageId);
    const disconnect = normalized('$aws/events/presence/disconnected/pump-0042', CONNECTED.replace('"connected"', '"disconnected"')).messageId;
    expect(laterStamp).toBe(base);
    expect(new Set([base, ...variants, disconnect]).size).toBe(5);
  });

  it('hashes subscriptions on (clientId, sessionIdentifier, eventType, timestamp, topics)', () => {
    const json = '{"clientId":"c","timestamp":1763736000456,"eventType":"subscribed","sessionIdentifier":"s","topics":["a/b","c"]}';
    const id = (text: string) => normalized('$aws/events/subscriptions/subscribed/c', text).messageId;
    expect(id(json)).toBe(id(json.replace('1763736000456', '1763736000.456')));
    expect(id(json)).not.toBe(id(json.replace('["a/b","c"]', '["a/b c"]')));
    expect(id(json)).not.toBe(id(json.replace('456', '457')));
  });

  it('gives the repeated JITR event of each connect attempt its own id, and a redelivery the same', () => {
    const json = '{"certificateId":"c1","timestamp":1763736900000,"certificateStatus":"PENDING_ACTIVATION","certificateRegistrationTimestamp":"1763736899000"}';
    const id = (text: string) => normalized('$aws/events/certificates/registered/ca', text).messageId;
    expect(id(json)).toBe(id(json.replace('1763736900000', '1763736900')));
    expect(id(json)).not.toBe(id(json.replace('1763736900000', '1763736960000')));
  });

  it('uses a valid eventId as it is, and sanitises others deterministically', () => {
    const long = 'x'.repeat(70);
    const ids = ['0b9a3c1e-3a51-4bde-9e3e-6a2f3f1c0d11', 'a.b c/d', long, 'événement'].map((eventId) =>
      lifecycleMessageId('AwsIotThing', { eventId, topic: 't' }));
    expect(ids[0]).toBe('0b9a3c1e-3a51-4bde-9e3e-6a2f3f1c0d11');
    expect(ids[1]).toMatch(/^a_b_c_d-[0-9a-f]{16}$/);
    expect(ids[2]).toBe(`${'x'.repeat(40)}-${ids[2].slice(-16)}`);
    expect(ids.every((id) => MESSAGE_ID_PATTERN.test(id))).toBe(true);
    expect(lifecycleMessageId('AwsIotThing', { eventId: 'a.b c/d' })).toBe(ids[1]);
    expect(lifecycleMessageId('AwsIotThing', { eventId: 'a_b c/d' })).not.toBe(ids[1]);
  });

  it('hashes the topic and canonical payload when there is no eventId', () => {
    const a = lifecycleMessageId('AwsIotEvent', parseTypedJson('{"topic":"$aws/events/x/y","b":1,"a":{"d":2.5,"c":null}}') as Record<string, unknown>);
    const b = lifecycleMessageId('AwsIotEvent', parseTypedJson('{"a":{"c":null,"d":2.5},"b":1,"topic":"$aws/events/x/y"}') as Record<string, unknown>);
    const c = lifecycleMessageId('AwsIotEvent', parseTypedJson('{"a":{"c":null,"d":2.5},"b":1.0,"topic":"$aws/events/x/y"}') as Record<string, unknown>);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(a).toMatch(/^event-[0-9a-f]{16}$/);
  });

  it('stays the same across releases: ids already stored for deduplication must keep matching', () => {
    expect(lifecycleMessageId('AwsIotPresence', { clientId: 'c', versionNumber: 1n, eventType: 'connected', sessionIdentifier: 's' }))
      .toBe('presence-cf410b2189b77f65');
  });
});

describe('the hash in lifecycle message ids (fnv1a64Hex)', () => {
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('matches the published FNV-1a 64 test vector for %j', (text, hash) => {
    expect(fnv1a64(text)).toBe(hash);
  });

  it('hashes the UTF-8 bytes of text beyond ASCII, as the ids already stored were', () => {
    expect(fnv1a64('héllo wörld')).toBe('11824ab841812022');
    expect(fnv1a64('🚗 motor-01')).toBe('f98b0bdee0c8e036');
  });
});
