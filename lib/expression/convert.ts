import type { Span } from './span';
import { Fault, formatDecimal, typeName, type Value } from './values';

/** The types `convert()` can produce. */
export type ConvertTarget = 'String' | 'Boolean' | 'Decimal';

const TARGETS: Readonly<Record<string, ConvertTarget>> = { string: 'String', boolean: 'Boolean', decimal: 'Decimal' };
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Resolves a `convert` target keyword (any letter case); undefined when it names no target. */
export function convertTarget(name: string): ConvertTarget | undefined {
  return Object.prototype.hasOwnProperty.call(TARGETS, name.toLowerCase()) ? TARGETS[name.toLowerCase()] : undefined;
}

/**
 * `convert(target, value)`. AWS documents Boolean→String, Decimal→String, String→Boolean and
 * String→Decimal; Integer→String and Integer→Decimal are allowed too because Integer and Decimal
 * are compatible types, and converting a value to its own type returns it. Everything else, and a
 * string that does not spell a Boolean or a decimal, is a Fault.
 */
export function convertValue(target: ConvertTarget, value: Value, at: Span): Value {
  if (value === undefined || value instanceof Fault) return value;
  switch (target) {
    case 'String':
      if (typeof value === 'string') return value;
      if (typeof value === 'boolean') return value ? 'true' : 'false';
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number') return formatDecimal(value);
      break;
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const lower = value.toLowerCase();
        if (lower === 'true' || lower === 'false') return lower === 'true';
        return new Fault(`cannot convert ${JSON.stringify(value)} to Boolean`, at);
      }
      break;
    case 'Decimal':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string') {
        const parsed = DECIMAL_TEXT.test(value) ? Number(value) : NaN;
        return Number.isFinite(parsed) ? parsed : new Fault(`cannot convert ${JSON.stringify(value)} to Decimal`, at);
      }
      break;
  }
  return new Fault(`cannot convert ${typeName(value)} to ${target}`, at);
}
