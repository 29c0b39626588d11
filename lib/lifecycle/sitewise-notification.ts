import { siteWiseInputName, stringifyTypedJson } from '../expression';
import { fnv1a64Hex } from '../hash';

/** Every SiteWise property value notification's topic starts with this. */
export const SITEWISE_TOPIC_PREFIX = '$aws/sitewise/';

/** `$aws/sitewise/asset-models/<assetModelId>/assets/<assetId>/properties/<propertyId>`. */
const TOPIC = /^\$aws\/sitewise\/asset-models\/([^/+#]+)\/assets\/([^/+#]+)\/properties\/([^/+#]+)$/;

const VARIANTS = ['doubleValue', 'integerValue', 'booleanValue', 'stringValue'] as const;
const QUALITIES = ['GOOD', 'BAD', 'UNCERTAIN'];

type Json = Record<string, unknown>;

/** A SiteWise property value as a message of its property's built-in input. */
export interface SiteWiseMessage {
  /** `$sitewise/<assetModelId>/<propertyId>`. */
  readonly inputName: string;
  readonly messageId: string;
  /** Typed JSON: `{assetId, assetModelId, propertyId, propertyValue: {value, timestamp, quality?}}`. */
  readonly payload: Json;
  /** The value's own time, epoch ms. */
  readonly timestamp: number;
}

/** The outcome of {@link normalizeSiteWiseNotification}: never an exception. */
export type SiteWiseNotificationResult = { readonly ok: true; readonly message: SiteWiseMessage } | { readonly ok: false; readonly error: string };
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole number of typed JSON (a `bigint`, or a `number` without a fraction) within `min`–`max`, or undefined. */
function whole(value: unknown, min: number, max: number): number | undefined {
  const number = typeof value === 'bigint' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= min && number <= max ? number : undefined;
}

/**
 * The value of a TQV as the expression language types it: `doubleValue` a Decimal even when its
 * JSON text has no fraction (`30` is SiteWise's 30.0), `integerValue` an Integer, `booleanValue`
 * a Boolean, `stringValue` a String; exactly one must be set.
 */
function typedValue(value: unknown): { value: unknown } | { error: string } {
  if (!isObject(value)) return { error: 'value must be an object with one of doubleValue, integerValue, booleanValue, stringValue' };
  const set = VARIANTS.filter((variant) => value[variant] !== undefined && value[variant] !== null);
  if (set.length !== 1) return { error: `value must set exactly one of ${VARIANTS.join(', ')}; it sets ${set.length ? set.join(', ') : 'none'}` };
  const [variant] = set;
  const raw = value[variant];
  switch (variant) {
    case 'doubleValue': {
      const number = typeof raw === 'bigint' ? Number(raw) : raw;
      return typeof number === 'number' && Number.isFinite(number) ? { value: number } : { error: 'doubleValue must be a finite number' };
    }
    case 'integerValue':
      if (typeof raw === 'bigint') return { value: raw };
      return typeof raw === 'number' && Number.isSafeInteger(raw) ? { value: BigInt(raw) } : { error: 'integerValue must be a whole number' };
    case 'booleanValue':
      return typeof raw === 'boolean' ? { value: raw } : { error: 'booleanValue must be true or false' };
    case 'stringValue':
      return typeof raw === 'string' ? { value: raw } : { error: 'stringValue must be a string' };
  }
}

interface Tqv {
  readonly seconds: number;
  readonly nanos: number;
  readonly quality: string | undefined;
  readonly value: unknown;
}

/** One entry of `payload.values`, checked. */
function readTqv(entry: unknown, index: number): Tqv | { error: string } {
  const at = `payload.values[${index}]`;
  if (!isObject(entry)) return { error: `${at} must be an object` };
  const timestamp = isObject(entry.timestamp) ? entry.timestamp : undefined;
  const seconds = whole(timestamp?.timeInSeconds, 0, Number.MAX_SAFE_INTEGER / 1000);
  const nanos = timestamp?.offsetInNanos === undefined ? 0 : whole(timestamp.offsetInNanos, 0, 999_999_999);
  if (seconds === undefined || nanos === undefined) return { error: `${at}.timestamp must have a whole timeInSeconds and an offsetInNanos from 0 to 999999999` };
  if (entry.quality !== undefined && (typeof entry.quality !== 'string' || !QUALITIES.includes(entry.quality))) return { error: `${at}.quality must be one of ${QUALITIES.join(', ')}` };
  const typed = typedValue(entry.value);
  if ('error' in typed) return { error: `${at}.${typed.error}` };
  return { seconds, nanos, quality: entry.quality as string | undefined, value: typed.value };
}

/**
 * Turns one AWS IoT SiteWise property value notification (the output of a `SELECT *, topic() AS
 * topic` rule on `$aws/sitewise/asset-models/+/assets/+/properties/+`) into a message of the
 * property's built-in input (`siteWiseInputName`), which alarm models read as
 * `$sitewise.assetModel.`<m>`.`<p>`.propertyValue.value` and `….assetId`. The notification
 * (https://docs.aws.amazon.com/iot-sitewise/latest/userguide/query-notification-messages.html) is
 * `{type: "PropertyValueUpdate", payload: {assetId, propertyId, values: [TQV…]}}`; of several
 * values the newest (by timestamp; the later one on a tie) is the message, stamped with its time.
 * The payload: `{assetId, assetModelId, propertyId, propertyValue: {value, timestamp, quality?}}`.
 * The id is a hash of the asset, property and TQV, so a notification delivered twice is one
 * message, and a value SiteWise overwrote at the same timestamp (another value or quality) another.
 * Pure; never throws.
 */
export function normalizeSiteWiseNotification(topic: string, output: Json): SiteWiseNotificationResult {
  const levels = TOPIC.exec(topic);
  if (!levels) return { ok: false, error: `${topic} is not a SiteWise property value topic ($aws/sitewise/asset-models/<assetModelId>/assets/<assetId>/properties/<propertyId>)` };
  const [, assetModelId, assetId, propertyId] = levels;
  if (output.type !== 'PropertyValueUpdate') return { ok: false, error: `a SiteWise notification has type PropertyValueUpdate, not ${JSON.stringify(output.type ?? null)}` };
  const payload = output.payload;
  if (!isObject(payload) || !Array.isArray(payload.values) || payload.values.length === 0) return { ok: false, error: 'a SiteWise notification needs payload.values, a list of at least one value' };
  if (payload.assetId !== assetId || payload.propertyId !== propertyId) {
    return { ok: false, error: `payload.assetId and payload.propertyId (${String(payload.assetId)}, ${String(payload.propertyId)}) must be the topic's (${assetId}, ${propertyId})` };
  }
  let newest: Tqv | undefined;
  for (const [index, entry] of payload.values.entries()) {
    const tqv = readTqv(entry, index);
    if ('error' in tqv) return { ok: false, error: tqv.error };
    if (!newest || tqv.seconds > newest.seconds || (tqv.seconds === newest.seconds && tqv.nanos >= newest.nanos)) newest = tqv;
  }
  const tqv = newest as Tqv;
  const propertyValue: Json = { value: tqv.value, timestamp: { timeInSeconds: BigInt(tqv.seconds), offsetInNanos: BigInt(tqv.nanos) } };
  if (tqv.quality !== undefined) propertyValue.quality = tqv.quality;
  const messageId = `sitewise-${fnv1a64Hex(JSON.stringify([assetModelId, assetId, propertyId, tqv.seconds, tqv.nanos, tqv.quality ?? '', stringifyTypedJson(tqv.value)]))}`;
  return {
    ok: true,
    message: {
      inputName: siteWiseInputName({ assetModelId, propertyId }),
      messageId,
      payload: { assetId, assetModelId, propertyId, propertyValue },
      timestamp: tqv.seconds * 1000 + Math.floor(tqv.nanos / 1_000_000),
    },
  };
}
