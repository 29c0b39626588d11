import { fn, fn2016, type SqlFunction } from './sql-function';
import { toInt, toText, type SqlValue } from './sql-values';
import { javaRegex, replaceAllJava } from './java-regex';

// A function of string arguments: each goes through AWS's standard String conversion, and a
// Null or Undefined argument (which has no string form) makes the result Undefined.
function text(arity: number, f: (...xs: string[]) => SqlValue, since2016 = false): SqlFunction {
  const call = (args: readonly SqlValue[]): SqlValue => {
    const xs: string[] = [];
    for (const arg of args) {
      const s = toText(arg);
      if (s === undefined) return undefined;
      xs.push(s);
    }
    return f(...xs);
  };
  return since2016 ? fn2016(arity, call) : fn(arity, call);
}

// lpad/rpad: the count is rounded down and clamped to 0..1000; it may not be a Boolean or a
// collection. A non-numeric string count is Undefined.
function pad(side: 'start' | 'end'): SqlFunction {
  return fn(2, ([value, count]) => {
    const s = toText(value);
    if (s === undefined || typeof count === 'boolean') return undefined;
    const n = toInt(count, 'floor');
    if (n === undefined) return undefined;
    const spaces = ' '.repeat(Number(n < 0n ? 0n : n > 1000n ? 1000n : n));
    return side === 'start' ? spaces + s : s + spaces;
  });
}

// substring indices are rounded down and clamped into the string; a start at or after the end
// gives the empty string.
function substring(args: readonly SqlValue[]): SqlValue {
  const s = toText(args[0]);
  if (s === undefined) return undefined;
  const bounds: number[] = [];
  for (const arg of args.slice(1)) {
    if (typeof arg === 'boolean') return undefined;
    const n = toInt(arg, 'floor');
    if (n === undefined) return undefined;
    bounds.push(Math.max(0, Math.min(s.length, Number(n))));
  }
  const [start, end = s.length] = bounds;
  return start >= end ? '' : s.slice(start, end);
}

// concat: no argument is Undefined, one is returned as is; with an Array among them the result is
// one array holding every argument (arrays spliced in), otherwise with a String among them the
// string forms joined. Other mixes are not described, and give Undefined. [inferred]
function concat(args: readonly SqlValue[]): SqlValue {
  if (args.length === 0) return undefined;
  if (args.length === 1) return args[0];
  if (args.some(Array.isArray)) return args.flatMap((arg) => (Array.isArray(arg) ? arg : [arg]));
  if (!args.some((arg) => typeof arg === 'string')) return undefined;
  const parts = args.map(toText);
  return parts.some((part) => part === undefined) ? undefined : parts.join('');
}

const TRIMMED = '[ \\t\\n\\r\\f\\v]+';

/** The string functions of the IoT SQL function reference. */
export const STRING_FUNCTIONS: Readonly<Record<string, SqlFunction>> = {
  chr: fn(1, ([x]) => {
    if (typeof x === 'boolean') return undefined;
    const code = toInt(x, 'floor');
    return code === undefined || code < 0n || code > 127n ? undefined : String.fromCharCode(Number(code));
  }),
  concat: fn([0, Number.MAX_SAFE_INTEGER], concat),
  endswith: text(2, (s, suffix) => s.endsWith(suffix)),
  startswith: text(2, (s, prefix) => s.startsWith(prefix)),
  indexof: text(2, (s, part) => BigInt(s.indexOf(part)), true),
  length: text(1, (s) => BigInt(s.length), true),
  numbytes: text(1, (s) => BigInt(Buffer.byteLength(s, 'utf8')), true),
  lower: text(1, (s) => s.toLowerCase()),
  upper: text(1, (s) => s.toUpperCase()),
  lpad: pad('start'),
  rpad: pad('end'),
  ltrim: text(1, (s) => s.replace(new RegExp(`^${TRIMMED}`), '')),
  rtrim: text(1, (s) => s.replace(new RegExp(`${TRIMMED}$`), '')),
  trim: text(1, (s) => s.replace(new RegExp(`^${TRIMMED}|${TRIMMED}$`, 'g'), '')),
  replace: text(3, (s, search, replacement) => s.split(search).join(replacement)),
  substring: fn([2, 3], substring),
  // AWS evaluates Java regular expressions; JavaScript's cover the common syntax. An invalid
  // pattern or replacement gives Undefined, as documented.
  regexp_matches: text(2, (s, pattern) => javaRegex(pattern)?.test(s)),
  regexp_replace: text(3, (s, pattern, replacement) => replaceAllJava(s, pattern, replacement)),
  // No match is not described; the result is then Undefined. [inferred]
  regexp_substr: text(2, (s, pattern) => javaRegex(pattern)?.exec(s)?.[0]),
};
