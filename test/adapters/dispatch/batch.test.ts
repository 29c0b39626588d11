import { batchResultErrors, chunkIndices } from '../../../lib/adapters/dispatch/batch';

describe('chunkIndices', () => {
  const size = { bytes: (item: number) => item };

  it('fills requests up to the entry limit, in order', () => {
    expect(chunkIndices([1, 1, 1, 1, 1], { maxEntries: 2, maxBytes: 100 }, size)).toEqual([[0, 1], [2, 3], [4]]);
  });

  it('starts a new request when the next item would pass the byte limit', () => {
    expect(chunkIndices([60, 30, 20, 90], { maxEntries: 10, maxBytes: 100 }, size)).toEqual([[0, 1], [2], [3]]);
  });

  it('gives an item larger than the limit a request of its own', () => {
    expect(chunkIndices([10, 500, 10], { maxEntries: 10, maxBytes: 100 }, size)).toEqual([[0], [1], [2]]);
  });

  it('keeps items with the same key in different requests', () => {
    const measure = { bytes: () => 0, key: (item: string) => item };
    expect(chunkIndices(['a', 'b', 'a', 'c'], { maxEntries: 10, maxBytes: 100 }, measure)).toEqual([[0, 1], [2, 3]]);
  });

  it('returns no requests for no items', () => {
    expect(chunkIndices([], { maxEntries: 10, maxBytes: 100 }, size)).toEqual([]);
  });
});

describe('batchResultErrors', () => {
  it('maps Failed entries to their positions and classifies them by SenderFault and code', () => {
    // Act
    const errors = batchResultErrors(
      4,
      [
        { Id: '1', Code: 'InternalError', SenderFault: false },
        { Id: '2', Code: 'RequestThrottled', SenderFault: true, Message: 'slow' },
        { Id: '3', Code: 'InvalidParameter', SenderFault: true, Message: 'bad' },
        { Id: 'unknown', Code: 'X', SenderFault: true },
      ],
      'SQS SendMessageBatch to q',
    );

    // Assert
    expect(errors[0]).toBeUndefined();
    expect(errors.slice(1)).toEqual([
      expect.objectContaining({ code: 'InternalError', transient: true }),
      expect.objectContaining({ code: 'RequestThrottled', transient: true }),
      expect.objectContaining({ code: 'InvalidParameter', transient: false, message: 'SQS SendMessageBatch to q failed for this entry: InvalidParameter: bad' }),
    ]);
  });
});
