import { formatValue } from '../../lib/expression';
import { evaluate } from '../helpers/expression';

// One operand of each type. Null comes from a payload (the language has no null literal), undefined
// from a variable that was never set.
const OPERANDS = {
  Integer: '7',
  Decimal: '2.5',
  String: "'a'",
  Boolean: 'true',
  Null: '$input.X.n',
  Undefined: '$variable.unset',
} as const;
type TypeName = keyof typeof OPERANDS;
const TYPES = Object.keys(OPERANDS) as TypeName[];
const PAIRS = TYPES.flatMap((left) => TYPES.map((right) => [left, right] as const));

function run(left: TypeName, operator: string, right: TypeName): string {
  return formatValue(evaluate(`${OPERANDS[left]} ${operator} ${OPERANDS[right]}`, { inputs: { X: '{"n": null}' } }));
}

/** The results the spec defines for well-typed operands, written out by hand. */
const VALID: Record<string, Record<string, string>> = {
  '+': { 'Integer,Integer': '14', 'Integer,Decimal': '9.5', 'Decimal,Integer': '9.5', 'Decimal,Decimal': '5.0', 'String,String': '"aa"' },
  '-': { 'Integer,Integer': '0', 'Integer,Decimal': '4.5', 'Decimal,Integer': '-4.5', 'Decimal,Decimal': '0.0' },
  '*': { 'Integer,Integer': '49', 'Integer,Decimal': '17.5', 'Decimal,Integer': '17.5', 'Decimal,Decimal': '6.25' },
  '/': { 'Integer,Integer': '1', 'Integer,Decimal': '2.8', 'Decimal,Integer': '0.35714285714285715', 'Decimal,Decimal': '1.0' },
  '<': { 'Integer,Integer': 'false', 'Integer,Decimal': 'false', 'Decimal,Integer': 'true', 'Decimal,Decimal': 'false', 'String,String': 'false' },
  '<=': { 'Integer,Integer': 'true', 'Integer,Decimal': 'false', 'Decimal,Integer': 'true', 'Decimal,Decimal': 'true', 'String,String': 'true' },
  '>': { 'Integer,Integer': 'false', 'Integer,Decimal': 'true', 'Decimal,Integer': 'false', 'Decimal,Decimal': 'false', 'String,String': 'false' },
  '>=': { 'Integer,Integer': 'true', 'Integer,Decimal': 'true', 'Decimal,Integer': 'false', 'Decimal,Decimal': 'true', 'String,String': 'true' },
  '&': { 'Integer,Integer': '7' },
  '|': { 'Integer,Integer': '7' },
  '^': { 'Integer,Integer': '0' },
};

describe.each(Object.keys(VALID))('operator %s', (operator) => {
  it.each(PAIRS)('%s %s', (left, right) => {
    const actual = run(left, operator, right);
    const valid = VALID[operator][`${left},${right}`];
    if (valid !== undefined) expect(actual).toBe(valid);
    // Missing data propagates; two defined values of the wrong types are an invalid operation.
    else if (left === 'Undefined' || right === 'Undefined') expect(actual).toBe('undefined');
    else expect(actual).toBe('invalid');
  });
});

describe('operator ==', () => {
  const EQUAL = new Set(['Integer,Integer', 'Decimal,Decimal', 'String,String', 'Boolean,Boolean', 'Null,Null']);
  it.each(PAIRS)('%s == %s', (left, right) => {
    // Values of different types are unequal, never an error; undefined equals nothing, not even itself.
    expect(run(left, '==', right)).toBe(EQUAL.has(`${left},${right}`) ? 'true' : 'false');
    expect(run(left, '!=', right)).toBe(EQUAL.has(`${left},${right}`) ? 'false' : 'true');
  });

  it('compares Integer and Decimal by value', () => {
    expect(evaluate('20 == 20.0')).toBe(true);
    expect(evaluate('20 != 20.0')).toBe(false);
  });
});

describe('operators && and ||', () => {
  const LOGICAL: Record<string, Record<string, string>> = {
    '&&': { Boolean: 'invalid', Undefined: 'false' },
    '||': { Boolean: 'true', Undefined: 'invalid' },
  };
  it.each(PAIRS)('%s && %s', (left, right) => {
    const actual = run(left, '&&', right);
    if (left === 'Undefined') expect(actual).toBe('false'); // undefined counts as false, right side skipped
    else if (left !== 'Boolean') expect(actual).toBe('invalid');
    else if (right === 'Boolean') expect(actual).toBe('true');
    else if (right === 'Undefined') expect(actual).toBe('false');
    else expect(actual).toBe(LOGICAL['&&'].Boolean);
  });

  it.each(PAIRS)('%s || %s', (left, right) => {
    const actual = run(left, '||', right);
    if (left === 'Boolean') expect(actual).toBe('true'); // short circuit: the right side is never read
    else if (left !== 'Undefined') expect(actual).toBe('invalid');
    else if (right === 'Boolean') expect(actual).toBe('true');
    else if (right === 'Undefined') expect(actual).toBe('false');
    else expect(actual).toBe(LOGICAL['||'].Undefined);
  });
});

describe('unary operators', () => {
  const VALID_UNARY: Record<string, Partial<Record<TypeName, string>>> = {
    '-': { Integer: '-7', Decimal: '-2.5' },
    '!': { Boolean: 'false' },
    '~': { Integer: '-8' },
  };
  describe.each(Object.keys(VALID_UNARY))('%s', (operator) => {
    it.each(TYPES)('on %s', (type) => {
      const actual = formatValue(evaluate(`${operator}${OPERANDS[type]}`, { inputs: { X: '{"n": null}' } }));
      expect(actual).toBe(VALID_UNARY[operator][type] ?? (type === 'Undefined' ? 'undefined' : 'invalid'));
    });
  });
});
