import { deliverWithRetry, retryDelay, retryOptions } from '../../../lib/adapters/dispatch/retry';
import { ActionDeliveryError } from '../../../lib/adapters/dispatch';
import { instantRetry } from './effects';

const throttled = () => new ActionDeliveryError('throttled', 'ThrottlingException', true);
const invalid = () => new ActionDeliveryError('invalid', 'InvalidParameter', false);

describe('retry policy', () => {
  it('defaults to 3 retries, 100 ms base and a 2 s cap', () => {
    // Act
    const options = retryOptions();

    // Assert
    expect(options).toMatchObject({ maxRetries: 3, baseDelayMs: 100, maxDelayMs: 2000 });
  });

  it('draws each backoff from [0, min(cap, base * 2^(retry-1)))', () => {
    // Arrange
    const highest = retryOptions({ random: () => 0.999999 });
    const lowest = retryOptions({ random: () => 0 });

    // Act
    const ceilings = [1, 2, 3, 4, 5, 6].map((retry) => retryDelay(retry, highest));

    // Assert
    expect(ceilings).toEqual([99, 199, 399, 799, 1599, 1999]);
    expect(retryDelay(3, lowest)).toBe(0);
  });

  it.each([{ maxRetries: -1 }, { maxRetries: 1.5 }, { baseDelayMs: -5 }, { baseDelayMs: 500, maxDelayMs: 100 }])('rejects %o', (overrides) => {
    expect(() => retryOptions(overrides)).toThrow(RangeError);
  });

  it('sends again only the failed transient items, with a backoff before each round', async () => {
    // Arrange
    const { retry, sleeps } = instantRetry();
    const rounds: string[][] = [];
    const call = async (items: readonly string[]) => {
      rounds.push([...items]);
      return items.map((item) => (item === 'b' && rounds.length < 3 ? throttled() : item === 'c' ? invalid() : undefined));
    };

    // Act
    const results = await deliverWithRetry(['a', 'b', 'c'], call, retryOptions(retry));

    // Assert
    expect(rounds).toEqual([['a', 'b', 'c'], ['b'], ['b']]);
    expect(results).toEqual([{ ok: true, attempts: 1 }, { ok: true, attempts: 3 }, { ok: false, attempts: 1, error: expect.objectContaining({ code: 'InvalidParameter' }) }]);
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after maxRetries + 1 attempts', async () => {
    // Arrange
    const { retry, sleeps } = instantRetry({ maxRetries: 2 });
    let calls = 0;

    // Act
    const [result] = await deliverWithRetry(
      ['a'],
      async () => {
        calls += 1;
        throw throttled();
      },
      retryOptions(retry),
    );

    // Assert
    expect(calls).toBe(3);
    expect(result).toMatchObject({ ok: false, attempts: 3, error: { code: 'ThrottlingException' } });
    expect(sleeps).toEqual([50, 100]);
  });
});
