import fc from 'fast-check';
import { Reservoir, medianAndMad, poissonUpperBound, quantile } from '../../lib/inference';

describe('Reservoir', () => {
  it('holds the whole stream while it fits, so its quantiles are exact', () => {
    fc.assert(fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 64 }), (values) => {
      const reservoir = new Reservoir(64);
      values.forEach((value) => reservoir.add(value));
      expect([...reservoir.sorted()]).toEqual([...values].sort((a, b) => a - b));
    }));
  });

  it('keeps at most its capacity of a long stream, the same sample every time, spread over the whole stream', () => {
    // Arrange: 100,000 numbers 0, 1, 2, …
    const fill = () => {
      const reservoir = new Reservoir(256, 3);
      for (let i = 0; i < 100_000; i++) reservoir.add(i);
      return reservoir;
    };

    // Act
    const [first, second] = [fill(), fill()];

    // Assert: a uniform sample's median is near the stream's (50,000), within a few standard errors.
    expect(first.sorted().length).toBe(256);
    expect(first.count).toBe(100_000);
    expect([...first.sorted()]).toEqual([...second.sorted()]);
    expect(Math.abs(quantile(first.sorted(), 0.5) - 50_000)).toBeLessThan(10_000);
  });
});

describe('robust statistics', () => {
  it('computes the median and the median absolute deviation', () => {
    expect(medianAndMad(Float64Array.from([1, 2, 3, 4, 100]))).toEqual({ median: 3, mad: 1 });
    expect(quantile(Float64Array.from([10, 20]), 0.25)).toBe(12.5);
    expect(quantile(new Float64Array(0), 0.5)).toBeNaN();
  });

  it('bounds a Poisson count from above at 95%, within 1% of the exact limit', () => {
    // Exact one-sided 95% upper limits (λ with P(X ≤ n) = 0.05), within 1%.
    for (const [n, exact] of [[0, 2.996], [1, 4.744], [10, 16.962], [24, 33.752], [100, 118.079]]) {
      expect(Math.abs(poissonUpperBound(n) - exact) / exact).toBeLessThan(0.01);
    }
  });
});
