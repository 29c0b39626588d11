/**
 * Exact decimal arithmetic for IoT SQL. AWS computes with 34-digit decimals
 * (https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-data-types.html), so `0.1 + 0.2`
 * is `0.3`, not the binary `0.30000000000000004`. Operands are read back from their shortest
 * decimal text, computed exactly on scaled `bigint`s and rounded once to a double at the end.
 */

/** `m × 10^-s`: the exact value of a decimal or integer. */
interface Exact {
  readonly m: bigint;
  readonly s: number;
}

const TEN = 10n;

function exact(value: bigint | number): Exact {
  if (typeof value === 'bigint') return { m: value, s: 0 };
  const [mantissa, exponentText = '0'] = String(value).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  const m = BigInt(whole + fraction);
  const s = fraction.length - Number(exponentText);
  return s >= 0 ? { m, s } : { m: m * TEN ** BigInt(-s), s: 0 };
}

function align(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.s === b.s) return [a.m, b.m, a.s];
  return a.s > b.s ? [a.m, b.m * TEN ** BigInt(a.s - b.s), a.s] : [a.m * TEN ** BigInt(b.s - a.s), b.m, b.s];
}

function toDecimal(m: bigint, s: number): number | undefined {
  const value = Number(`${m}e${-s}`);
  return Number.isFinite(value) ? value : undefined;
}

/** `a + b` as a Decimal; undefined on overflow. */
export function decimalAdd(a: bigint | number, b: bigint | number): number | undefined {
  const [x, y, s] = align(exact(a), exact(b));
  return toDecimal(x + y, s);
}

/** `a - b` as a Decimal; undefined on overflow. */
export function decimalSubtract(a: bigint | number, b: bigint | number): number | undefined {
  const [x, y, s] = align(exact(a), exact(b));
  return toDecimal(x - y, s);
}

/** `a × b` as a Decimal; undefined on overflow. */
export function decimalMultiply(a: bigint | number, b: bigint | number): number | undefined {
  const x = exact(a);
  const y = exact(b);
  return toDecimal(x.m * y.m, x.s + y.s);
}

/** `a ÷ b` as a Decimal, to more digits than a double holds; undefined when `b` is zero. */
export function decimalDivide(a: bigint | number, b: bigint | number): number | undefined {
  const x = exact(a);
  const y = exact(b);
  if (y.m === 0n) return undefined;
  const extra = 40 + y.m.toString().length;
  const quotient = (x.m * TEN ** BigInt(extra)) / y.m;
  return toDecimal(quotient, x.s - y.s + extra);
}

/** The remainder of `a ÷ b` with the sign of `a` (like Java's `BigDecimal.remainder`); undefined when `b` is zero. */
export function decimalRemainder(a: bigint | number, b: bigint | number): number | undefined {
  const [x, y, s] = align(exact(a), exact(b));
  if (y === 0n) return undefined;
  return toDecimal(x % y, s);
}

/** Compares two numbers exactly: negative, zero or positive. */
export function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  const [x, y] = align(exact(a), exact(b));
  return x < y ? -1 : x > y ? 1 : 0;
}
