import type { SQSEvent } from 'aws-lambda';
import { SqsPoller, type QueueSource, type ReceivedMessage, type SqsMapping } from '../../../local/stack/sqs-poller';

/** An in-memory queue: received messages stay in flight until deleted (no visibility timeout). */
function fakeQueue(bodies: string[]) {
  const ready: ReceivedMessage[] = bodies.map((body, i) => ({ messageId: `m${i + 1}`, receiptHandle: `r${i + 1}`, body, md5OfBody: 'md5', attributes: { ApproximateReceiveCount: '1' } }));
  const inFlight = new Map<string, ReceivedMessage>();
  const receives: number[] = [];
  const source: QueueSource = {
    async receive(max, waitSeconds, signal) {
      receives.push(max);
      if (!ready.length && waitSeconds > 0) {
        // A long poll on an empty queue: nothing arrives, so it lasts its wait (or until aborted).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, waitSeconds * 1000);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        return [];
      }
      const batch = ready.splice(0, max);
      for (const message of batch) inFlight.set(message.receiptHandle, message);
      return batch;
    },
    async delete(handles) {
      for (const handle of handles) inFlight.delete(handle);
    },
  };
  return { source, inFlight, ready, receives };
}

const MAPPING: SqsMapping = { queueArn: 'arn:aws:sqs:us-east-1:000000000000:vigil-local-ingest', region: 'us-east-1', batchSize: 10, batchingWindowMs: 0, reportBatchItemFailures: true };

describe('SqsPoller, the local SQS event source mapping', () => {
  it('invokes the function with the batch as a Lambda SQS event and deletes what it processed', async () => {
    // Arrange
    const queue = fakeQueue(['{"a":1}', '{"b":2}']);
    const events: SQSEvent[] = [];
    const poller = new SqsPoller(queue.source, MAPPING, async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    });

    // Act
    const outcome = await poller.pollOnce();

    // Assert
    expect(outcome).toEqual({ received: 2, deleted: 2, retried: 0 });
    expect(events[0].Records[0]).toEqual({
      messageId: 'm1',
      receiptHandle: 'r1',
      body: '{"a":1}',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {},
      md5OfBody: 'md5',
      eventSource: 'aws:sqs',
      eventSourceARN: MAPPING.queueArn,
      awsRegion: 'us-east-1',
    });
    expect(queue.inFlight.size).toBe(0);
  });

  it('leaves the records named in batchItemFailures on the queue and deletes the rest', async () => {
    // Arrange
    const queue = fakeQueue(['one', 'two', 'three']);
    const poller = new SqsPoller(queue.source, MAPPING, async () => ({ batchItemFailures: [{ itemIdentifier: 'm2' }] }));

    // Act
    const outcome = await poller.pollOnce();

    // Assert
    expect(outcome).toEqual({ received: 3, deleted: 2, retried: 1 });
    expect([...queue.inFlight.values()].map((message) => message.messageId)).toEqual(['m2']);
  });

  it('deletes nothing when the invocation fails, so every record returns after the visibility timeout', async () => {
    // Arrange
    const queue = fakeQueue(['one', 'two']);
    const errors: Error[] = [];
    const poller = new SqsPoller(
      queue.source,
      MAPPING,
      async () => {
        throw new Error('function error');
      },
      (error) => errors.push(error),
    );

    // Act
    const outcome = await poller.pollOnce();

    // Assert
    expect(outcome).toEqual({ received: 2, deleted: 0, retried: 2 });
    expect(queue.inFlight.size).toBe(2);
    expect(errors.map((error) => error.message)).toEqual(['function error']);
  });

  it.each([
    ['an id that is not in the batch', { batchItemFailures: [{ itemIdentifier: 'm9' }] }],
    ['an empty id', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a list that is not a list', { batchItemFailures: 'm1' }],
  ])('fails the whole batch for a response naming %s, as Lambda does', async (_what, response) => {
    // Arrange
    const queue = fakeQueue(['one', 'two']);
    const poller = new SqsPoller(queue.source, MAPPING, async () => response);

    // Act
    const outcome = await poller.pollOnce();

    // Assert
    expect(outcome).toEqual({ received: 2, deleted: 0, retried: 2 });
  });

  it('ignores batchItemFailures when the function does not report them', async () => {
    // Arrange
    const queue = fakeQueue(['one', 'two']);
    const poller = new SqsPoller(queue.source, { ...MAPPING, reportBatchItemFailures: false }, async () => ({ batchItemFailures: [{ itemIdentifier: 'm1' }] }));

    // Act
    const outcome = await poller.pollOnce();

    // Assert
    expect(outcome).toEqual({ received: 2, deleted: 2, retried: 0 });
  });

  it('gathers up to the batch size within the batching window, ten messages per receive', async () => {
    // Arrange
    const queue = fakeQueue(Array.from({ length: 25 }, (_, i) => `message ${i}`));
    const sizes: number[] = [];
    const poller = new SqsPoller(queue.source, { ...MAPPING, batchSize: 20, batchingWindowMs: 1000 }, async (event) => {
      sizes.push(event.Records.length);
    });

    // Act
    await poller.pollOnce();
    await poller.pollOnce();

    // Assert
    expect(sizes).toEqual([20, 5]);
    expect(queue.receives.slice(0, 2)).toEqual([10, 10]);
  });

  it('does not invoke the function for an empty queue, and stops its loop on request', async () => {
    // Arrange
    const queue = fakeQueue([]);
    const handler = jest.fn();
    const poller = new SqsPoller(queue.source, MAPPING, handler);

    // Act
    poller.start();
    await poller.stop();

    // Assert
    expect(handler).not.toHaveBeenCalled();
  });
});
