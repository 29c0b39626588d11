import { formatDecimal } from '../../lib/expression';
import { applyBinary } from './sql-operators';
import { fn, type SqlFunction } from './sql-function';
import { toInt, toNumeric, type SqlValue } from './sql-values';

// Functions AWS computes in double precision: Int, Decimal and numeric strings in, a Decimal out;
// "imaginary results are returned as Undefined" (NaN), and so are infinities.
function double(f: (...xs: number[]) => number, arity = 1): SqlFunction {
  return fn(arity, (args) => {
    const xs: number[] = [];
    for (const arg of args) {
      const n = toNumeric(arg);
      if (n === undefined) return undefined;
      xs.push(Number(n));
    }
    const result = f(...xs);
    return Number.isFinite(result) ? result : undefined;
  });
}

// Functions from a number to an Int (ceil, floor, round): an Int argument is returned unchanged.
function toWhole(rounding: 'ceil' | 'floor' | 'nearest'): SqlFunction {
  return fn(1, ([x]) => (typeof x === 'bigint' ? x : typeof x === 'boolean' ? undefined : toInt(x, rounding)));
}

// Bitwise functions work on Ints; "non-Int numbers are rounded down", strings go through Decimal.
function bitwise(f: (a: bigint, b: bigint) => bigint): SqlFunction {
  return fn(2, ([a, b]) => {
    const x = toInt(a, 'floor');
    const y = toInt(b, 'floor');
    return x === undefined || y === undefined ? undefined : f(x, y);
  });
}

const remainder = fn(2, ([a, b]) => applyBinary('%', a, b));

/** The numeric functions of the IoT SQL function reference. */
export const MATH_FUNCTIONS: Readonly<Record<string, SqlFunction>> = {
  abs: fn(1, ([x]) => {
    const n = toNumeric(x);
    return n === undefined ? undefined : typeof n === 'bigint' ? (n < 0n ? -n : n) : Math.abs(n);
  }),
  acos: double(Math.acos),
  asin: double(Math.asin),
  atan: double(Math.atan),
  atan2: double(Math.atan2, 2),
  cos: double(Math.cos),
  cosh: double(Math.cosh),
  exp: double(Math.exp),
  ln: double(Math.log),
  log: double(Math.log10),
  power: double(Math.pow, 2),
  sin: double(Math.sin),
  sinh: double(Math.sinh),
  sqrt: double(Math.sqrt),
  tan: double(Math.tan),
  tanh: double(Math.tanh),
  ceil: toWhole('ceil'),
  floor: toWhole('floor'),
  // "If the Decimal is equidistant from two Int values, it is rounded up": round(-1.5) = -2.
  round: toWhole('nearest'),
  sign: fn(1, ([x]) => {
    const n = toNumeric(x);
    if (n === undefined) return undefined;
    return typeof n === 'bigint' ? (n > 0n ? 1n : n < 0n ? -1n : 0n) : BigInt(Math.sign(n) || 0);
  }),
  mod: remainder,
  remainder,
  trunc: fn(2, ([x, places]) => truncate(x, places)),
  nanvl: fn(2, ([a, b]) => (a === undefined || a === null || Number.isNaN(a) ? b : a)),
  bitand: bitwise((a, b) => a & b),
  bitor: bitwise((a, b) => a | b),
  bitxor: bitwise((a, b) => a ^ b),
  // Two's complement, as Java's BigInteger.not(); AWS's page shows bitnot(13) = 2, which no
  // integer NOT gives, so the example is taken to be a typo. [inferred]
  bitnot: fn(1, ([a]) => {
    const x = toInt(a, 'floor');
    return x === undefined ? undefined : ~x;
  }),
};

// trunc(2.3123, 2) = 2.31 and "trailing zeroes are stripped": trunc(2.00, 5) = 2 prints without a
// fraction, so a whole result is returned as an Int. Places are clamped to 0..34.
function truncate(x: SqlValue, places: SqlValue): SqlValue {
  if (typeof places === 'string' || typeof places === 'boolean') return undefined;
  const digits = toInt(places, 'floor');
  const n = toNumeric(x);
  if (n === undefined || digits === undefined) return undefined;
  if (typeof n === 'bigint') return n;
  const keep = Number(digits < 0n ? 0n : digits > 34n ? 34n : digits);
  const [whole, fraction = ''] = formatDecimal(n).split('.');
  const kept = fraction.slice(0, keep).replace(/0+$/, '');
  if (kept.length === 0) return BigInt(whole === '-0' ? '0' : whole);
  return Number(`${whole}.${kept}`);
}
