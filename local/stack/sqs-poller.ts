import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

/** One message as received from a queue. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly body: string;
  readonly md5OfBody: string;
  /** System attributes: ApproximateReceiveCount, SentTimestamp, … */
  readonly attributes: Record<string, string>;
}

/** The queue operations an event source mapping uses. */
export interface QueueSource {
  /** Receives up to `max` (≤ 10) messages, waiting up to `waitSeconds` for the first. */
  receive(max: number, waitSeconds: number, signal: AbortSignal): Promise<ReceivedMessage[]>;
  /** Deletes processed messages. */
  delete(receiptHandles: readonly string[]): Promise<void>;
}

/** The `sqs` event of a function, as serverless.yml declares it. */
export interface SqsMapping {
  readonly queueArn: string;
  readonly region: string;
  /** Records per invocation (Lambda default 10). */
  readonly batchSize: number;
  /** How long to gather a batch, ms (`maximumBatchingWindow` × 1000). */
  readonly batchingWindowMs: number;
  /** `functionResponseType: ReportBatchItemFailures`. */
  readonly reportBatchItemFailures: boolean;
}

/** Invokes the function with a batch; throws when the invocation failed (function error). */
export type SqsHandler = (event: SQSEvent) => Promise<SQSBatchResponse | void | unknown>;

/** What one batch did, for logs and tests. */
export interface BatchOutcome {
  readonly received: number;
  readonly deleted: number;
  /** Left on the queue: visible again after its visibility timeout, redriven by its RedrivePolicy. */
  readonly retried: number;
}

/**
 * Lambda's SQS event source mapping, locally: long-polls a queue, gathers up to `batchSize`
 * records within the batching window, invokes the function, and deletes what succeeded.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 *
 * - The invocation fails (throws): nothing is deleted; every record comes back after the queue's
 *   visibility timeout, and the queue's RedrivePolicy moves it to the dead-letter queue after
 *   `maxReceiveCount` receives. The poller never deletes or moves a failed record itself.
 * - With `ReportBatchItemFailures`, the records named in `batchItemFailures` stay; the rest are
 *   deleted. A response naming an id that is not in the batch (or an empty one) fails the whole
 *   batch, as Lambda does. An empty or missing list means success.
 */
export class SqsPoller {
  private readonly controller = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    private readonly source: QueueSource,
    private readonly mapping: SqsMapping,
    private readonly handler: SqsHandler,
    private readonly onError: (error: Error) => void = () => undefined,
    /** Long-poll wait per receive; short so that stop() is quick even without abort support. */
    private readonly waitSeconds = 5,
  ) {}

  /** Polls until {@link stop}. */
  start(): void {
    this.loop ??= (async () => {
      while (!this.controller.signal.aborted) {
        try {
          await this.pollOnce();
        } catch (error) {
          if (this.controller.signal.aborted) return;
          this.onError(error as Error);
          // Do not spin on a queue that keeps failing (emulator restarting, queue deleted).
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
    })();
  }

  /** Stops polling and waits for the batch in hand to finish. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  /** Receives one batch (waiting for the first message) and delivers it; undefined when none came. */
  async pollOnce(): Promise<BatchOutcome | undefined> {
    const batch = await this.gather();
    if (!batch.length) return undefined;
    const event: SQSEvent = { Records: batch.map((message) => this.record(message)) };
    let response: unknown;
    try {
      response = await this.handler(event);
    } catch (error) {
      this.onError(error as Error);
      return { received: batch.length, deleted: 0, retried: batch.length };
    }
    const failed = this.failedIds(response, batch);
    const done = batch.filter((message) => !failed.has(message.messageId));
    if (done.length) await this.source.delete(done.map((message) => message.receiptHandle));
    return { received: batch.length, deleted: done.length, retried: batch.length - done.length };
  }

  private async gather(): Promise<ReceivedMessage[]> {
    const signal = this.controller.signal;
    const batch = await this.source.receive(Math.min(10, this.mapping.batchSize), this.waitSeconds, signal);
    if (!batch.length) return batch;
    const deadline = Date.now() + this.mapping.batchingWindowMs;
    while (batch.length < this.mapping.batchSize && Date.now() < deadline && !signal.aborted) {
      const wait = Math.min(20, Math.floor((deadline - Date.now()) / 1000));
      const more = await this.source.receive(Math.min(10, this.mapping.batchSize - batch.length), wait, signal);
      batch.push(...more);
      if (!more.length && wait === 0) await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(0, deadline - Date.now()))));
    }
    return batch;
  }

  // The ids to leave on the queue: every record when the response is invalid.
  private failedIds(response: unknown, batch: readonly ReceivedMessage[]): Set<string> {
    const all = new Set(batch.map((message) => message.messageId));
    if (!this.mapping.reportBatchItemFailures || response === null || typeof response !== 'object') return new Set();
    const failures = (response as SQSBatchResponse).batchItemFailures;
    if (failures === undefined || failures === null) return new Set();
    if (!Array.isArray(failures)) return all;
    const failed = new Set<string>();
    for (const failure of failures) {
      const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
      if (typeof id !== 'string' || !all.has(id)) return all;
      failed.add(id);
    }
    return failed;
  }

  private record(message: ReceivedMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle,
      body: message.body,
      attributes: message.attributes as unknown as SQSRecord['attributes'],
      messageAttributes: {},
      md5OfBody: message.md5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: this.mapping.queueArn,
      awsRegion: this.mapping.region,
    };
  }
}
