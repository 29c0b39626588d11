import { isSqlObject, kindOf, toInt, toNumeric, toText, type SqlValue } from './sql-values';
import type { SqlVersion } from './types';

/** What `cast(x AS T)` converts to. */
export type CastTarget = 'String' | 'Int' | 'Double' | 'Decimal' | 'Boolean';

// https://docs.aws.amazon.com/iot/latest/developerguide/iot-sql-functions.html#iot-sql-function-cast
const TYPES_2015: Readonly<Record<string, CastTarget>> = {
  string: 'String', nvarchar: 'String', text: 'String', ntext: 'String', varchar: 'String',
  int: 'Int', integer: 'Int', double: 'Double',
};
const TYPES_2016: Readonly<Record<string, CastTarget>> = { ...TYPES_2015, decimal: 'Decimal', bool: 'Boolean', boolean: 'Boolean' };

/** The cast target a type keyword names in `version`, or undefined when the version has none. */
export function castTarget(keyword: string, version: SqlVersion): CastTarget | undefined {
  const table = version === '2015-10-08' ? TYPES_2015 : TYPES_2016;
  const key = keyword.toLowerCase();
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The keywords `cast` accepts in `version`, for error messages. */
export function castKeywords(version: SqlVersion): string[] {
  return Object.keys(version === '2015-10-08' ? TYPES_2015 : TYPES_2016);
}

/** Applies `cast(value AS target)` by the casting tables of the function reference. */
export function castValue(value: SqlValue, target: CastTarget, version: SqlVersion): SqlValue {
  if (value === null || value === undefined || Array.isArray(value) || isSqlObject(value) || Buffer.isBuffer(value)) {
    // Only the String cast reads collections (as JSON); nothing casts Null or Undefined.
    return target === 'String' && kindOf(value) !== 'Null' && kindOf(value) !== 'Undefined' ? toText(value) : undefined;
  }
  switch (target) {
    case 'String':
      return toText(value);
    case 'Int':
      if (typeof value === 'boolean') return value ? 1n : 0n;
      return toInt(value, 'floor');
    case 'Double':
      return typeof value === 'boolean' ? (value ? 1 : 0) : numberOf(value);
    case 'Decimal': {
      const decimal = typeof value === 'boolean' ? (value ? 1 : 0) : numberOf(value);
      // "With SQL V2 (2016-03-23), numeric values that are whole numbers, such as 10.0, return an
      // Int value (10) instead of the expected Decimal value (10.0)."
      return version !== '2015-10-08' && typeof decimal === 'number' && Number.isInteger(decimal) ? BigInt(decimal) : decimal;
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        return lower === 'true' ? true : lower === 'false' ? false : undefined;
      }
      return typeof value === 'bigint' ? value !== 0n : value !== 0;
  }
}

function numberOf(value: SqlValue): number | undefined {
  const n = toNumeric(value);
  return n === undefined ? undefined : Number(n);
}
