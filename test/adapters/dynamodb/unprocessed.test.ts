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

  it('backs off exponentially between rounds, with jitter, up to one second', async () => {
    // Arrange: random() of 0.999… makes each wait its ceiling; 0 makes it half.
    jest.spyOn(Math, 'random').mockReturnValue(0.999999);
    let left = 7;
    const sleeps: number[] = [];

    // Act
    await retryUnprocessed(async () => --left >= 0, 'BatchWriteItem', async (ms) => void sleeps.push(ms));

    // Assert
    expect(sleeps.map(Math.round)).toEqual([25, 50, 100, 200, 400, 800, 1000]);
  });

  it('never waits less than half the ceiling', async () => {
    // Arrange
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const sleeps: number[] = [];
    let left = 2;

    // Act
    await retryUnprocessed(async () => --left >= 0, 'BatchWriteItem', async (ms) => void sleeps.push(ms));

    // Assert
    expect(sleeps).toEqual([12.5, 25]);
  });

  it('gives up after eight rounds as a throttling error, without waiting after the last', async () => {
    // Arrange
    const round = jest.fn(async () => true);
    const sleep = jest.fn(async () => undefined);

    // Act
    const error = await retryUnprocessed(round, 'BatchWriteItem', sleep).catch((thrown: unknown) => thrown);

    // Assert
    expect(error).toBeInstanceOf(UnprocessedItemsError);
    expect(error).toMatchObject({ name: 'ProvisionedThroughputExceededException', message: 'BatchWriteItem left unprocessed items after 8 rounds' });
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
