import { isThrottlingError } from '../../../lib/errors';
import { UnprocessedItemsError, retryUnprocessed } from '../../../lib/adapters/dynamodb/unprocessed';

describe('retryUnprocessed', () => {
  afterEach(() => jest.restoreAllMocks());

  it('calls the round once when nothing is left over', async () => {
    // Arrange
    const round = jest.fn(async () => false);
    const sleep = jest.fn(async () => undefined);

    // Act
    await retryUnprocessed(round, 'BatchGetItem', sleep);

    // Assert
    expect(round).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('backs off exponentially between rounds, with full jitter, up to one second', async () => {
    // Arrange: a random 0.999… makes each wait its ceiling.
    let left = 7;
    const sleeps: number[] = [];

    // Act
    await retryUnprocessed(async () => --left >= 0, 'BatchWriteItem', async (ms: number) => void sleeps.push(ms), () => 0.999999);

    // Assert
    expect(sleeps).toEqual([49, 99, 199, 399, 799, 999, 999]);
  });

  it('may retry at once: full jitter draws from zero up', async () => {
    // Arrange
    const sleeps: number[] = [];
    let left = 2;

    // Act
    await retryUnprocessed(async () => --left >= 0, 'BatchWriteItem', async (ms: number) => void sleeps.push(ms), () => 0);

    // Assert
    expect(sleeps).toEqual([0, 0]);
  });

  it('gives up after eight rounds as a throttling error, without waiting after the last', async () => {
    // Arrange
    const round = jest.fn(async () => true);
    const sleep = jest.fn(async () => undefined);

    // Act
    const error = await retryUnprocessed(round, 'BatchWriteItem', sleep).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect(error).toMatchObject({ name: 'UnprocessedItemsError', message: 'BatchWriteItem left unprocessed items after 8 rounds' });
    expect(isThrottlingError(error)).toBe(true);
    expect(round).toHaveBeenCalledTimes(8);
    expect(sleep).toHaveBeenCalledTimes(7);
  });

  it('passes on a failure of a round at once', async () => {
    // Arrange
    const round = jest.fn(async () => Promise.reject(new Error('ValidationException')));

    // Act & Assert
    await expect(retryUnprocessed(round, 'BatchGetItem', async () => undefined)).rejects.toThrow('ValidationException');
    expect(round).toHaveBeenCalledTimes(1);
  });
});
