import { backoffDelay } from '../lib/backoff';

describe('backoffDelay', () => {
  const backoff = { baseMs: 100, maxMs: 1000 };

  it('doubles the ceiling with each retry, up to the cap', () => {
    // Act: a random just below 1 gives each ceiling (less the floor's millisecond).
    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, backoff, () => 0.999999));

    // Assert
    expect(ceilings).toEqual([99, 199, 399, 799, 999, 999]);
  });

  it('draws the wait from zero up (full jitter), in whole milliseconds', () => {
    // Act
    const waits = [0, 0.25, 0.5].map((random) => backoffDelay(3, backoff, () => random));

    // Assert
    expect(waits).toEqual([0, 100, 200]);
  });
});
