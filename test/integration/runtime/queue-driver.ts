import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext, queueRecord, type IngestQueueId, type TestStack } from '../stack';

/** The queues' `maxReceiveCount` in serverless.yml: SQS moves a record to the DLQ after as many receives. */
const SQS_MAX_RECEIVES = 6;

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * Lambda's SQS event source mapping and SQS's redelivery, in process and in order, so a test sees
 * every redelivery without waiting for visibility timeouts: records the function reports failed
 * come back with their receive count one higher; when an invocation "crashes", whatever it wrote
 * stays written and every record of its batch comes back; a record received too often is moved to
 * the stack's real dead-letter queue, as SQS's redrive policy does.
 */
export class QueueDriver {
  private readonly pending: SQSRecord[] = [];
  invocations = 0;

  constructor(private readonly stack: TestStack) {}

  /** Puts a record on one of the ingest queues. */
  send(queue: IngestQueueId, messageId: string, body: string, receiveCount = 1): void {
    this.pending.push(queueRecord(this.stack, queue, messageId, body, receiveCount));
  }

  /** Moves what sits on the stack's real internal queue (redrives, narrowed retries) into this driver. */
  async pullInternalQueue(): Promise<number> {
    const url = this.stack.provisioned.queues.InternalQueue.url;
    let pulled = 0;
    for (;;) {
      const { Messages = [] } = await this.stack.clients.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }));
      if (!Messages.length) return pulled;
      for (const message of Messages) {
        this.send('InternalQueue', message.MessageId as string, message.Body as string);
        await this.stack.clients.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: message.ReceiptHandle }));
        pulled++;
      }
    }
  }

  /**
   * Delivers until nothing is pending here nor on the stack's internal queue, where narrowed
   * retries go.
   */
  async settle(handler: Handler, options: { batchSize?: number; crash?: (invocation: number) => boolean } = {}): Promise<void> {
    do await this.drain(handler, options);
    while (await this.pullInternalQueue());
  }

  /**
   * Delivers batches until nothing is pending. `crash(n)` says whether invocation n dies after
   * doing its work (its response is lost).
   */
  async drain(handler: Handler, options: { batchSize?: number; crash?: (invocation: number) => boolean } = {}): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, options.batchSize ?? 10);
      const invocation = ++this.invocations;
      let failed: Set<string>;
      try {
        const response = await handler({ Records: batch }, lambdaContext());
        failed = options.crash?.(invocation) ? new Set(batch.map((record) => record.messageId)) : new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
      } catch {
        failed = new Set(batch.map((record) => record.messageId));
      }
      for (const record of batch.filter((r) => failed.has(r.messageId))) await this.redeliver(record);
    }
  }

  private async redeliver(record: SQSRecord): Promise<void> {
    const receives = Number(record.attributes.ApproximateReceiveCount);
    if (receives < SQS_MAX_RECEIVES) {
      this.pending.push({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: String(receives + 1) } });
      return;
    }
    // SQS's redrive policy: the record moves, body unchanged, without Vigil's attributes.
    await this.stack.clients.sqs.send(new SendMessageCommand({ QueueUrl: this.stack.provisioned.queues.IngestDeadLetterQueue.url, MessageBody: record.body }));
  }
}
