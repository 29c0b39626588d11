import { createHash } from 'node:crypto';
import { parseTypedJson } from '../../lib/expression';
import type { Expr } from './sql-ast';
import { fn, fn2016, type ArgumentProblem, type SqlFunction } from './sql-function';
import { isSqlObject, kindOf, setField, toInt, toText, type SqlObject, type SqlValue } from './sql-values';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// "Currently, only 'base64' is supported" for encode and decode; decode's 'proto' scheme needs a
// descriptor file in S3, which the local stack does not have.
function schemeCheck(index: number, allowProto: boolean) {
  return (args: readonly Expr[]): ArgumentProblem | undefined => {
    const scheme = args[index];
    if (scheme?.kind !== 'literal' || typeof scheme.value !== 'string' || scheme.value === 'base64') return undefined;
    if (allowProto && scheme.value === 'proto') {
      return { description: "unsupported decoding scheme 'proto'", at: scheme.at, unsupported: true };
    }
    return { description: `unknown encoding scheme '${scheme.value}' (only 'base64' exists)`, at: scheme.at };
  };
}

// encode(*, 'base64') encodes the payload bytes "regardless of whether it's in JSON format";
// any other value is converted to a String first.
function encode([value, scheme]: readonly SqlValue[]): SqlValue {
  if (scheme !== 'base64') return undefined;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  const s = toText(value);
  return s === undefined ? undefined : Buffer.from(s, 'utf8').toString('base64');
}

// decode(value, 'base64'): a decoded JSON document becomes a value (an object, or `80` for the
// text 80, as the WHERE-clause example shows), other text stays a String, and a value that is not
// base64 gives Null ("returns NULL if the string cannot be decoded").
function decode([value, scheme]: readonly SqlValue[]): SqlValue {
  if (scheme !== 'base64' || typeof value !== 'string') return undefined;
  if (!BASE64.test(value)) return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  try {
    return parseTypedJson(decoded) as SqlValue;
  } catch {
    return decoded;
  }
}

function hash(algorithm: string): SqlFunction {
  return fn(1, ([value]) => {
    const s = toText(value);
    return s === undefined ? undefined : createHash(algorithm).update(s, 'utf8').digest('hex');
  });
}

// get(array|string, index) reads position `index` (0-based, converted to Int); get(object, key)
// reads a key, without conversion of the key.
function get([collection, key]: readonly SqlValue[]): SqlValue {
  const kind = kindOf(collection);
  if (kind === 'Object') return typeof key === 'string' && Object.hasOwn(collection as SqlObject, key) ? (collection as SqlObject)[key] : undefined;
  if (kind !== 'Array' && kind !== 'String') return undefined;
  const index = toInt(key, 'nearest');
  const items = collection as readonly SqlValue[] | string;
  if (index === undefined || index < 0n || index >= BigInt(items.length)) return undefined;
  return items[Number(index)];
}

// transform('enrichArray', object, array): each element of the array, extended with the
// object's attributes. Any other mode, or elements that are not objects, give Undefined.
function transform([mode, extra, items]: readonly SqlValue[]): SqlValue {
  if (mode !== 'enrichArray' || !isSqlObject(extra) || !Array.isArray(items)) return undefined;
  const elements = items as readonly SqlValue[];
  if (!elements.every(isSqlObject)) return undefined;
  return elements.map((element) => {
    const out: Record<string, SqlValue> = {};
    for (const source of [element as SqlObject, extra]) for (const key of Object.keys(source)) setField(out, key, source[key]);
    return out;
  });
}

function transformCheck(args: readonly Expr[]): ArgumentProblem | undefined {
  const mode = args[0];
  if (mode?.kind === 'literal' && mode.value !== 'enrichArray') {
    const shown = typeof mode.value === 'string' ? `'${mode.value}'` : String(mode.value);
    return { description: `unknown transform mode ${shown} (only 'enrichArray' exists)`, at: mode.at };
  }
  return undefined;
}

/** Encoding, hashing, null tests and collection functions of the IoT SQL function reference. */
export const DATA_FUNCTIONS: Readonly<Record<string, SqlFunction>> = {
  encode: fn2016(2, encode, { rawStar: true, check: schemeCheck(1, false) }),
  decode: fn2016(2, decode, { check: schemeCheck(1, true) }),
  md5: hash('md5'),
  sha1: hash('sha1'),
  sha224: hash('sha224'),
  sha256: hash('sha256'),
  sha384: hash('sha384'),
  sha512: hash('sha512'),
  isnull: fn(1, ([value]) => value === null),
  isundefined: fn2016(1, ([value]) => value === undefined),
  get: fn(2, get),
  transform: fn2016(3, transform, { check: transformCheck }),
};
