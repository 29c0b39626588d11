import { parseTypedJson } from '../../lib/expression';
import { normalizeSiteWiseNotification, type SiteWiseMessage } from '../../lib/lifecycle';

const TOPIC = '$aws/sitewise/asset-models/m-1/assets/boiler-7/properties/temp';

/** A notification as the topic rule outputs it (typed JSON), its values given as JSON text. */
function notification(values: string, payload = '"assetId": "boiler-7", "propertyId": "temp"'): Record<string, unknown> {
  return parseTypedJson(`{"type": "PropertyValueUpdate", "payload": {${payload}, "values": [${values}]}}`) as Record<string, unknown>;
}
const tqv = (value: string, seconds = 1_700_000_000, nanos = 0, quality = 'GOOD') => `{"timestamp": {"timeInSeconds": ${seconds}, "offsetInNanos": ${nanos}}, "quality": "${quality}", "value": {${value}}}`;

function message(values: string): SiteWiseMessage {
  const result = normalizeSiteWiseNotification(TOPIC, notification(values));
  if (!result.ok) throw new Error(result.error);
  return result.message;
}

describe('SiteWise property value notifications', () => {
  it('become a message of the property\'s built-in input, keyed by asset, stamped with the value\'s time', () => {
    // Act
    const found = message(tqv('"doubleValue": 72.5', 1_700_000_000, 250_000_000));

    // Assert
    expect(found).toEqual({
      inputName: '$sitewise/m-1/temp',
      messageId: expect.stringMatching(/^sitewise-[0-9a-f]{16}$/),
      payload: { assetId: 'boiler-7', assetModelId: 'm-1', propertyId: 'temp', propertyValue: { value: 72.5, timestamp: { timeInSeconds: 1_700_000_000n, offsetInNanos: 250_000_000n }, quality: 'GOOD' } },
      timestamp: 1_700_000_000_250,
    });
  });

  it.each<[string, unknown, string]>([
    ['"doubleValue": 30', 30, 'a Decimal, though its JSON text has no fraction'],
    ['"doubleValue": 0.1', 0.1, 'a Decimal'],
    ['"integerValue": 9007199254740993', 9007199254740993n, 'an Integer, exactly'],
    ['"booleanValue": true', true, 'a Boolean'],
    ['"stringValue": "HIGH"', 'HIGH', 'a String'],
  ])('types %s as %p (%s)', (value, expected, _why) => {
    // Act
    const found = message(tqv(value));

    // Assert
    expect((found.payload.propertyValue as { value: unknown }).value).toEqual(expected);
    expect(typeof (found.payload.propertyValue as { value: unknown }).value).toBe(typeof expected);
  });

  it('takes the newest of several values, the later one on a tie', () => {
    // Act
    const newest = message([tqv('"doubleValue": 1', 20, 5), tqv('"doubleValue": 2', 21, 0), tqv('"doubleValue": 3', 20, 999)].join(', '));
    const tie = message([tqv('"doubleValue": 1', 20, 5), tqv('"doubleValue": 2', 20, 5)].join(', '));

    // Assert
    expect(newest).toMatchObject({ payload: { propertyValue: { value: 2 } }, timestamp: 21_000 });
    expect(tie.payload.propertyValue).toMatchObject({ value: 2 });
  });

  it('gives the same value the same id, and a value SiteWise overwrote at the same timestamp another', () => {
    // Act
    const first = message(tqv('"doubleValue": 72.5'));
    const again = message(tqv('"doubleValue": 72.5'));
    const overwritten = message(tqv('"doubleValue": 73.5'));
    const requalified = message(tqv('"doubleValue": 72.5', 1_700_000_000, 0, 'BAD'));

    // Assert
    expect(again.messageId).toBe(first.messageId);
    expect(new Set([first.messageId, overwritten.messageId, requalified.messageId]).size).toBe(3);
  });

  it.each([
    ['a topic that is no property topic', '$aws/sitewise/asset-models/m-1/assets/a', notification(tqv('"doubleValue": 1')), 'is not a SiteWise property value topic'],
    ['another type', TOPIC, { type: 'Other', payload: {} }, 'has type PropertyValueUpdate, not "Other"'],
    ['no values', TOPIC, notification(''), 'needs payload.values, a list of at least one value'],
    ['another asset than the topic\'s', TOPIC, notification(tqv('"doubleValue": 1'), '"assetId": "boiler-8", "propertyId": "temp"'), 'must be the topic\'s (boiler-7, temp)'],
    ['two variants', TOPIC, notification(tqv('"doubleValue": 1, "integerValue": 1')), 'payload.values[0].value must set exactly one of doubleValue, integerValue, booleanValue, stringValue; it sets doubleValue, integerValue'],
    ['a fractional integerValue', TOPIC, notification(tqv('"integerValue": 1.5')), 'payload.values[0].integerValue must be a whole number'],
    ['a text doubleValue', TOPIC, notification(tqv('"doubleValue": "1"')), 'payload.values[0].doubleValue must be a finite number'],
    ['no timestamp', TOPIC, notification('{"value": {"doubleValue": 1}}'), 'payload.values[0].timestamp must have a whole timeInSeconds'],
    ['an unknown quality', TOPIC, notification(tqv('"doubleValue": 1', 1, 0, 'FINE')), 'payload.values[0].quality must be one of GOOD, BAD, UNCERTAIN'],
  ])('refuses %s, saying why', (_case, topic, output, error) => {
    // Act
    const result = normalizeSiteWiseNotification(topic, output as Record<string, unknown>);

    // Assert
    expect(result).toEqual({ ok: false, error: expect.stringContaining(error) });
  });
});
