import type { Node } from './ast';
import { TYPE, describeTypes, type TypeFinding, type TypeSet } from './infer-types';
import { isVigilFunction } from './vigil-functions';

/** Arguments where undefined means "no sample yet" rather than making the result undefined. */
const SEEDS: Readonly<Record<string, readonly number[]>> = { vigil_ewma: [0], vigil_ewmvar: [0, 1] };

/**
 * The result type of a call of a Vigil extension function, and a finding for each argument that can
 * never be a number; undefined when `node` calls no extension function. Follows the rules of
 * `vigil-functions.ts`: a Decimal argument makes a Decimal (Integers alone stay Integers), `sqrt`,
 * `zscore` and `rate` are Decimal, `timestamp` an Integer; undefined is possible when an argument
 * may be undefined, and where the function itself can give it (a negative or zero spread, equal times).
 */
export function inferVigilCall(node: Extract<Node, { kind: 'call' }>, args: readonly TypeSet[], findings: TypeFinding[]): TypeSet | undefined {
  const name = node.callee;
  if (!isVigilFunction(name)) return undefined;
  if (name === 'vigil_timestamp') return TYPE.Integer | TYPE.Undefined;
  // Read here, not at load: this module and infer-types.ts import each other.
  const numeric = TYPE.Integer | TYPE.Decimal;
  const seeds = SEEDS[name] ?? [];
  let undefinedPossible = false;
  let anyDecimal = false;
  args.forEach((type, i) => {
    const defined = type & ~TYPE.Undefined;
    if (defined && !(defined & numeric)) {
      findings.push({ message: `${name}() expects a number as argument ${i + 1}, not ${describeTypes(defined)}`, span: node.args[i].span });
    }
    if (type & TYPE.Undefined && !seeds.includes(i)) undefinedPossible = true;
    if (type & TYPE.Decimal) anyDecimal = true;
  });
  const undefinedBit = undefinedPossible ? TYPE.Undefined : 0;
  switch (name) {
    case 'vigil_sqrt':
    case 'vigil_zscore':
    case 'vigil_rate':
      return TYPE.Decimal | TYPE.Undefined;
    default:
      return (anyDecimal ? TYPE.Decimal | (args.every((type) => type & TYPE.Integer) ? TYPE.Integer : 0) : TYPE.Integer) | undefinedBit;
  }
}
