/**
 * Below this, an epoch value is taken to be in seconds: 1e12 ms is 2001-09-09, before any AWS IoT
 * event, while 1e12 s is far in the future. The job examples carry 10-digit seconds next to 13-digit
 * milliseconds (spec §3.1).
 */
export const SECONDS_BELOW = 1e12;

const NUMERIC_TEXT = /^\d+(\.\d+)?$/;
const INT64_MAX = 2n ** 63n - 1n;

/** A timestamp read from a payload: epoch milliseconds, or why the value is not one. */
export type TimestampResult = { readonly ok: true; readonly millis: bigint } | { readonly ok: false; readonly error: string };

/**
 * Normalises an epoch timestamp to integer milliseconds. Accepts Integers (`bigint`), Decimals
 * (`number`) and numeric strings (the certificate event's `certificateRegistrationTimestamp` may be
 * one); values below {@link SECONDS_BELOW} are seconds. Fractions of a millisecond are rounded.
 * The original is not kept: it is recoverable (seconds are ms / 1000; a string has the same digits),
 * and one unit and type per field is what lets a model compare timestamps across families.
 */
export function toEpochMillis(value: unknown): TimestampResult {
  let number: number;
  if (typeof value === 'bigint') {
    if (value < 0n) return invalid(value);
    return withinRange(value < BigInt(SECONDS_BELOW) ? value * 1000n : value, value);
  }
  if (typeof value === 'number') number = value;
  else if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) {
    const text = value.trim();
    // Whole numbers go through BigInt so 19-digit strings keep every digit.
    if (!text.includes('.')) return toEpochMillis(BigInt(text));
    number = Number(text);
  } else return invalid(value);
  if (!Number.isFinite(number) || number < 0) return invalid(value);
  const millis = number < SECONDS_BELOW ? number * 1000 : number;
  return withinRange(BigInt(Math.round(millis)), value);
}

function withinRange(millis: bigint, original: unknown): TimestampResult {
  return millis <= INT64_MAX ? { ok: true, millis } : invalid(original);
}

function invalid(value: unknown): TimestampResult {
  return { ok: false, error: `must be an epoch timestamp in ms or s (a non-negative number or numeric string), got ${describe(value)}` };
}

/** Describes a JSON value for an error message: `"abc"`, `-5`, `an object`, `null`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
    case 'bigint':
    case 'number':
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
