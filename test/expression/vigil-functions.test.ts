import fc from 'fast-check';
import { Fault, INT64_MIN, TYPE, compileExpression, describeTypes, formatValue, inferType, parseExpression, type TypeEnvironment, type Value } from '../../lib/expression';
import { context } from '../helpers/expression';

/** Evaluates `source` with `$variable.a`, `$variable.b`, … bound to `values` in order. */
function call(source: string, ...values: Value[]): Value {
  const variables: Record<string, Value> = {};
  values.forEach((value, i) => (variables[String.fromCharCode(97 + i)] = value));
  return compileExpression(source).evaluate(context({ variables }));
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const alpha = fc.double({ noNaN: true, min: 0, max: 1 });
const int = fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n });

// The reference implementations: the textbook formulas, written out plainly.
const refEwma = (prev: number, x: number, a: number) => a * x + (1 - a) * prev;
const refWeights = (n: number, a: number) => Array.from({ length: n }, (_, i) => (i === 0 ? (1 - a) ** (n - 1) : a * (1 - a) ** (n - 1 - i)));

describe('vigil_ewma and vigil_ewmvar', () => {
  it('match the exponentially weighted average of the reference on any decimals', () => {
    fc.assert(fc.property(finite, finite, alpha, (prev, x, a) => {
      const result = call('vigil_ewma($variable.a, $variable.b, $variable.c)', prev, x, a) as number;
      expect(result).toBeCloseTo(refEwma(prev, x, a), 6);
    }), { numRuns: 500 });
  });

  it('over a whole series equal the weighted mean and weighted variance computed directly, from the first sample on', () => {
    fc.assert(fc.property(fc.array(finite, { minLength: 1, maxLength: 40 }), fc.double({ noNaN: true, min: 0.01, max: 1 }), (xs, a) => {
      // Arrange: fold the series through the language, starting from undefined (no sample yet).
      let mean: Value;
      let variance: Value;
      for (const x of xs) {
        variance = call('vigil_ewmvar($variable.a, $variable.b, $variable.c, $variable.d)', variance, mean, x, a);
        mean = call('vigil_ewma($variable.a, $variable.b, $variable.c)', mean, x, a);
      }
      // Act: the reference, from the weights.
      const w = refWeights(xs.length, a);
      const refMean = xs.reduce((sum, x, i) => sum + w[i] * x, 0);
      const refVariance = xs.reduce((sum, x, i) => sum + w[i] * (x - refMean) ** 2, 0);
      // Assert
      const scale = Math.max(1, ...xs.map(Math.abs));
      expect(Math.abs((mean as number) - refMean)).toBeLessThan(1e-9 * scale);
      expect(Math.abs((variance as number) - refVariance)).toBeLessThan(1e-8 * scale * scale);
    }), { numRuns: 300 });
  });

  it('start the average at the first sample with variance 0 when there is no previous value', () => {
    expect(formatValue(call('vigil_ewma($variable.a, 20.5, 0.1)', undefined))).toBe('20.5');
    expect(formatValue(call('vigil_ewmvar($variable.a, $variable.b, 20.5, 0.1)', undefined, undefined))).toBe('0.0');
    expect(call('vigil_ewma($variable.a, 7, 1)', undefined)).toBe(7n);
  });

  it('keep Integers Integers when every argument is one, and make a Decimal of any Decimal', () => {
    fc.assert(fc.property(int, int, fc.constantFrom(0n, 1n), (prev, x, a) => {
      expect(call('vigil_ewma($variable.a, $variable.b, $variable.c)', prev, x, a)).toBe(a === 1n ? x : prev);
      expect(call('vigil_ewmvar(0, $variable.a, $variable.b, $variable.c)', prev, x, a)).toBe(0n);
    }));
    expect(call('vigil_ewma(10, 20, 0.5)')).toBe(15);
  });

  it('give undefined for a missing sample and refuse an alpha outside [0, 1] at its position', () => {
    expect(call('vigil_ewma(1.0, $variable.a, 0.5)', undefined)).toBeUndefined();
    expect(call('vigil_ewmvar(1.0, 2.0, $variable.a, 0.5)', undefined)).toBeUndefined();
    const fault = call('vigil_ewma(1.0, 2.0, -0.5)') as Fault;
    expect(fault).toBeInstanceOf(Fault);
    expect([fault.message, fault.span]).toEqual(['the smoothing factor alpha must be between 0 and 1, got -0.5', { start: 21, end: 25 }]);
  });
});

describe('vigil_zscore, vigil_sqrt, vigil_abs, vigil_min, vigil_max, vigil_rate', () => {
  it('vigil_zscore is (x - mean) / sqrt(variance), undefined for a zero or negative variance', () => {
    fc.assert(fc.property(finite, finite, fc.double({ noNaN: true, min: 1e-6, max: 1e6 }), (x, mean, variance) => {
      expect(call('vigil_zscore($variable.a, $variable.b, $variable.c)', x, mean, variance)).toBeCloseTo((x - mean) / Math.sqrt(variance), 6);
    }), { numRuns: 500 });
    expect(call('vigil_zscore(5, 5, 0)')).toBeUndefined();
    expect(call('vigil_zscore(5.0, 4.0, -1.0)')).toBeUndefined();
    expect(formatValue(call('vigil_zscore(-12, -10, 4)'))).toBe('-1.0');
  });

  it('vigil_sqrt is the correctly rounded root as a Decimal, undefined below zero', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, min: 0, max: 1e300 }), (x) => {
      expect(call('vigil_sqrt($variable.a)', x)).toBe(Math.sqrt(x));
    }), { numRuns: 500 });
    expect(formatValue(call('vigil_sqrt(16)'))).toBe('4.0');
    expect(call('vigil_sqrt(-0.01)')).toBeUndefined();
  });

  it('vigil_abs, vigil_min and vigil_max agree with the reference and keep the type of Integers', () => {
    fc.assert(fc.property(int, int, (a, b) => {
      expect(call('vigil_abs($variable.a)', a)).toBe(a < 0n ? -a : a);
      expect(call('vigil_min($variable.a, $variable.b)', a, b)).toBe(a < b ? a : b);
      expect(call('vigil_max($variable.a, $variable.b)', a, b)).toBe(a > b ? a : b);
    }));
    fc.assert(fc.property(finite, finite, (a, b) => {
      expect(call('vigil_abs($variable.a)', a)).toBe(Math.abs(a));
      // Zero's sign is not a value of the language (both print 0.0): compared with ===.
      expect(call('vigil_min($variable.a, $variable.b)', a, b) === Math.min(a, b)).toBe(true);
      expect(call('vigil_max($variable.a, $variable.b)', a, b) === Math.max(a, b)).toBe(true);
    }));
    expect(formatValue(call('vigil_max(3, 2.0)'))).toBe('3.0');
    // Like Java's Math.abs on a long: the smallest Integer has no positive counterpart.
    expect(call('vigil_abs($variable.a)', INT64_MIN)).toBe(INT64_MIN);
  });

  it('vigil_rate is the change per second between two (value, epoch ms) pairs', () => {
    fc.assert(fc.property(finite, finite, fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (v1, v2, t1, dt) => {
      expect(call('vigil_rate($variable.a, $variable.b, $variable.c, $variable.d)', v1, BigInt(t1), v2, BigInt(t1 + dt))).toBeCloseTo(((v2 - v1) * 1000) / dt, 6);
    }), { numRuns: 500 });
    expect(formatValue(call('vigil_rate(10, 1000, 4, 4000)'))).toBe('-2.0');
    expect(call('vigil_rate(10, 1000, 4, 1000)')).toBeUndefined();
  });
});

describe('argument types', () => {
  it.each([
    ['vigil_abs("3")', 'vigil_abs() expects a number as argument 1, got String', { start: 10, end: 13 }],
    ['vigil_min(1, true)', 'vigil_min() expects a number as argument 2, got Boolean', { start: 13, end: 17 }],
  ])('%s is invalid at the argument', (source, message, span) => {
    const value = call(source) as Fault;
    expect(value).toBeInstanceOf(Fault);
    expect([value.message, value.span]).toEqual([message, span]);
  });

  it('refuses a null from a payload like any other non-number', () => {
    const value = call('vigil_zscore(1, 2, $variable.a)', null) as Fault;
    expect([value.message, value.span]).toEqual(['vigil_zscore() expects a number as argument 3, got Null', { start: 19, end: 30 }]);
  });

  it('passes an invalid argument through unchanged and gives undefined for an undefined one', () => {
    const inner = call('vigil_sqrt("a" + 1)') as Fault;
    expect(inner.message).toBe("operator '+' cannot be applied to String and Integer");
    fc.assert(fc.property(fc.constantFrom('vigil_abs(X)', 'vigil_sqrt(X)', 'vigil_min(1, X)', 'vigil_max(X, 1)', 'vigil_zscore(X, 1, 1)', 'vigil_rate(1, X, 2, 3)'), (source) => {
      expect(call(source.replace('X', '$variable.a'), undefined)).toBeUndefined();
    }));
  });
});

describe('vigil_timestamp', () => {
  it('reads the cycle event time as an Integer of epoch ms, and is undefined outside a cycle', () => {
    const compiled = compileExpression('vigil_timestamp()');
    expect(compiled.evaluate({ ...context(), timestamp: 1_767_225_600_123 })).toBe(1_767_225_600_123n);
    expect(compiled.evaluate(context())).toBeUndefined();
  });
});

describe('type inference of the extension functions', () => {
  const env: TypeEnvironment = { variable: (name) => (name === 'n' ? TYPE.Integer : TYPE.Decimal | TYPE.Undefined), input: () => TYPE.String };
  const infer = (source: string) => inferType(parseExpression(source), env);

  it.each([
    ['vigil_abs($variable.n)', '[Integer]'],
    ['vigil_max($variable.n, 1.5)', '[Decimal]'],
    ['vigil_ewma($variable.m, $variable.n, 0.5)', '[Decimal]'],
    ['vigil_sqrt($variable.n)', '[Decimal, Undefined]'],
    ['vigil_timestamp()', '[Integer, Undefined]'],
  ])('%s is %s', (source, types) => {
    expect(describeTypes(infer(source).type)).toBe(types);
  });

  it('finds an argument that can never be a number, at its position', () => {
    expect(infer('vigil_abs($input.In.name)').findings).toEqual([{ message: 'vigil_abs() expects a number as argument 1, not [String]', span: { start: 10, end: 24 } }]);
  });
});
