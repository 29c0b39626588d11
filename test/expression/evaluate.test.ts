import { Fault, INT64_MAX, INT64_MIN, compileExpression, formatValue } from '../../lib/expression';
import { context, evaluate } from '../helpers/expression';

const text = (source: string, options = {}) => formatValue(evaluate(source, options));

describe('integer and decimal arithmetic', () => {
  it.each([
    ['7 / 2', '3'],
    ['-7 / 2', '-3'],
    ['7 / -2', '-3'],
    ['7.0 / 2', '3.5'],
    ['1 / 0', 'undefined'],
    ['1.5 / 0', 'undefined'],
    ['1 / 0.0', 'undefined'],
    ['10.01 * 9 / 5 + 32', '50.018'],
    ['0.1 + 0.2', '0.30000000000000004'],
    ['2 * 3 + 4 * 5', '26'],
    ['(2 + 3) * 4', '20'],
    ['10 - 4 - 3', '3'],
    ['100 / 10 / 5', '2'],
    ['-2.5 * 2', '-5.0'],
  ])('%s gives %s', (source, expected) => {
    expect(text(source)).toBe(expected);
  });

  it('wraps Integer overflow at 64 bits like a Java long', () => {
    expect(evaluate('9223372036854775807 + 1')).toBe(INT64_MIN);
    expect(evaluate('-9223372036854775808 - 1')).toBe(INT64_MAX);
    expect(evaluate('-9223372036854775808')).toBe(INT64_MIN);
  });

  it('applies bitwise operators in 64-bit two\'s complement', () => {
    expect(evaluate('-1 & 255')).toBe(255n);
    expect(evaluate('~0')).toBe(-1n);
    expect(evaluate('bitnot(-9223372036854775808)')).toBe(INT64_MAX);
  });

  it('keeps a decimal a decimal even when it is integral', () => {
    expect(text('$input.T.t', { inputs: { T: '{"t": 20.0}' } })).toBe('20.0');
    expect(text('$input.T.t + 1', { inputs: { T: '{"t": 20.0}' } })).toBe('21.0');
    expect(text('$input.T.t + 1', { inputs: { T: '{"t": 20}' } })).toBe('21');
  });
});

describe('precedence', () => {
  it.each([
    ['1 + 2 * 3 == 7', true],
    ['1 < 2 == true', true],
    ['true || false && false', true],
    ['(true || false) && false', false],
    ['6 & 3 | 8', 10n],
    ['1 | 6 ^ 3', 5n],
    ['!false && true', true],
    ['- 2 * 3', -6n],
    ['2 - -2', 4n],
  ])('%s is %p', (source, expected) => {
    expect(evaluate(source)).toBe(expected);
  });
});

describe('short-circuit evaluation', () => {
  it('does not check a timer behind a false &&, so the expiry is not consumed', () => {
    const ctx = context({ expired: ['awake'] });
    expect(compileExpression('triggerType("Message") && timeout("awake")').evaluate({ ...ctx, trigger: 'Timer' })).toBe(false);
    expect(ctx.checked).toEqual([]);
  });

  it('checks a timer behind a true &&', () => {
    const ctx = context({ expired: ['awake'] });
    expect(compileExpression('triggerType("Message") && timeout("awake")').evaluate(ctx)).toBe(true);
    expect(ctx.checked).toEqual(['awake']);
  });

  it('does not evaluate the right side of a true ||', () => {
    const ctx = context({ expired: ['t'] });
    expect(compileExpression('true || timeout("t")').evaluate(ctx)).toBe(true);
    expect(ctx.checked).toEqual([]);
  });
});

describe('literals', () => {
  it('accepts both quote styles and takes the other quote literally', () => {
    expect(evaluate(`"it's" + 'say "hi"'`)).toBe(`it'ssay "hi"`);
  });

  it('reads true and false in any letter case', () => {
    expect(evaluate('TRUE && True')).toBe(true);
    expect(evaluate('FALSE')).toBe(false);
  });

  it('keeps a literal with a fraction a decimal', () => {
    expect(text('30.0')).toBe('30.0');
    expect(text('30')).toBe('30');
  });
});

describe('substitution templates', () => {
  it('renders every type the way it is written', () => {
    const variables = { i: 3n, d: 2.0, s: 'x', b: false };
    expect(evaluate("'${$variable.i}|${$variable.d}|${$variable.s}|${$variable.b}'", { variables })).toBe('3|2.0|x|false');
    expect(evaluate("'${$input.X.n}'", { inputs: { X: '{"n": null}' } })).toBe('null');
  });

  it('interpolates double-quoted strings too', () => {
    expect(evaluate('"a${1 + 1}b"')).toBe('a2b');
  });

  it('is undefined when a substituted value is missing', () => {
    expect(evaluate("'id=${$variable.missing}'")).toBeUndefined();
  });

  it('allows quotes of the same kind inside a substitution', () => {
    expect(evaluate(`'\${contains($input.X.s, 'b')}'`, { inputs: { X: '{"s": "abc"}' } })).toBe('true');
  });

  it('leaves a $ that starts no substitution alone', () => {
    expect(evaluate("'costs $5'")).toBe('costs $5');
  });
});

describe('references', () => {
  const inputs = { In: '{"a": {"b": [10, {"c": "deep"}]}, "obj": {"x": 1}, "arr": [1], "`odd`": 1, "motor pressure": 4, "_value": 5}' };

  it('walks nested attributes and array indexes', () => {
    expect(evaluate('$input.In.a.b[0]', { inputs })).toBe(10n);
    expect(evaluate('$input.In.a.b[1].c', { inputs })).toBe('deep');
  });

  it('reads attributes with spaces and leading underscores through backticks', () => {
    expect(evaluate('$input.In.`motor pressure`', { inputs })).toBe(4n);
    expect(evaluate('$input.In.`_value`', { inputs })).toBe(5n);
  });

  it('is undefined for missing attributes, out-of-range indexes and unknown inputs', () => {
    expect(evaluate('$input.In.nope', { inputs })).toBeUndefined();
    expect(evaluate('$input.In.a.b[7]', { inputs })).toBeUndefined();
    expect(evaluate('$input.Other.a', { inputs })).toBeUndefined();
    expect(evaluate('$input.In.arr.length', { inputs })).toBeUndefined();
  });

  it('treats objects and arrays as undefined, since only primitives are values', () => {
    expect(evaluate('isUndefined($input.In.obj)', { inputs })).toBe(true);
    expect(evaluate('isUndefined($input.In.arr)', { inputs })).toBe(true);
  });

  it('never reads inherited properties', () => {
    expect(evaluate('$input.In.constructor', { inputs })).toBeUndefined();
    expect(evaluate('$input.In.a.toString', { inputs })).toBeUndefined();
    expect(evaluate('$variable.constructor', { variables: {} })).toBeUndefined();
    expect(evaluate('$input.hasOwnProperty.a', { inputs })).toBeUndefined();
  });

  it('reads variables', () => {
    expect(evaluate('$variable.count + 1', { variables: { count: 41n } })).toBe(42n);
  });
});

describe('functions', () => {
  it.each([
    ['convert(String, true)', '"true"'],
    ['convert(String, 20.0)', '"20.0"'],
    ['convert(String, 20)', '"20"'],
    ['convert(String, "s")', '"s"'],
    ['convert(Boolean, "TRUE")', 'true'],
    ['convert(Boolean, "false")', 'false'],
    ['convert(Boolean, "yes")', 'invalid'],
    ['convert(Boolean, 1)', 'invalid'],
    ['convert(Decimal, "19.572")', '19.572'],
    ['convert(Decimal, "12")', '12.0'],
    ['convert(Decimal, 3)', '3.0'],
    ['convert(Decimal, "abc")', 'invalid'],
    ['convert(Decimal, true)', 'invalid'],
    ['convert(String, $variable.unset)', 'undefined'],
    ['convert("Decimal", "1.5")', '1.5'],
    ['convert($variable.to, "2")', '2.0'],
    ['convert(Decimal, "1.5") > 1', 'true'],
  ])('%s gives %s', (source, expected) => {
    expect(text(source, { variables: { to: 'decimal' } })).toBe(expected);
  });

  it('gives undefined from string functions on non-strings, without converting', () => {
    expect(evaluate('startsWith(12, "1")')).toBeUndefined();
    expect(evaluate('contains("abc", $variable.unset)')).toBeUndefined();
  });

  it('gives undefined from bit functions on non-integers', () => {
    expect(evaluate('bitor(1.0, 2)')).toBeUndefined();
    expect(evaluate('bitnot("1")')).toBeUndefined();
  });

  it('tells which input and trigger started the evaluation', () => {
    const options = { inputs: { A: '{}', B: '{}' }, currentInput: 'B' };
    expect(evaluate('currentInput("B") && !currentInput("A")', options)).toBe(true);
    expect(evaluate('triggerType("Timer")', { trigger: 'Timer' })).toBe(true);
    expect(evaluate('triggerType("timer")', { trigger: 'Message' })).toBe(false);
    expect(evaluate('currentInput("B")', { trigger: 'Timer', currentInput: undefined })).toBe(false);
  });

  it('accepts timer names in either quote style or from a variable', () => {
    expect(evaluate("timeout('t1')", { expired: ['t1'] })).toBe(true);
    expect(evaluate('timeout($variable.name)', { expired: ['t1'], variables: { name: 't1' } })).toBe(true);
    expect(evaluate('timeout($variable.name)', { expired: ['t1'], variables: { name: 3n } })).toBeInstanceOf(Fault);
  });

  it('passes faults through isNull and isUndefined instead of hiding them', () => {
    expect(evaluate("isUndefined('a' + 1)")).toBeInstanceOf(Fault);
  });
});

describe('faults', () => {
  it('records the message and span of the failing operation', () => {
    const value = evaluate("1 + ('a' + 2)");
    expect(value).toEqual(new Fault("operator '+' cannot be applied to String and Integer", { start: 5, end: 12 }));
  });

  it('makes the whole expression invalid, so a condition holding one is never true', () => {
    expect(evaluate("'a' + 1 == 3")).toBeInstanceOf(Fault);
    expect(evaluate("'a' + 1 != 3")).toBeInstanceOf(Fault);
    expect(evaluate('!(1 > true)')).toBeInstanceOf(Fault);
  });
});
