import { inflateRawSync } from 'node:zlib';
import { paginateScan, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { parseTypedJson } from '../lib/expression';
import { deviceId } from './load-fleet';

/** Messages on a queue: visible, in flight and delayed. */
export async function queueDepth(sqs: SQSClient, url: string): Promise<number> {
  const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] as const;
  const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...names] }));
  return names.reduce((sum, name) => sum + Number(Attributes[name] ?? 0), 0);
}

/** The longest visibility timeout of `urls`, ms: how long a batch whose invocation failed stays invisible. */
export async function visibilityTimeoutMs(sqs: SQSClient, urls: readonly string[]): Promise<number> {
  const answers = await Promise.all(urls.map((url) => sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] }))));
  return Math.max(0, ...answers.map(({ Attributes = {} }) => Number(Attributes.VisibilityTimeout ?? 30) * 1000));
}

/**
 * Waits until every queue of `urls` is empty, polling once a second (cheap next to the work it
 * waits for). Gives up when nothing moved for `stallMs`: the caller then reports what was lost.
 */
export async function drained(sqs: SQSClient, urls: readonly string[], stallMs: number, onPoll: (depth: number) => void): Promise<boolean> {
  let last = -1;
  let movedAt = Date.now();
  for (;;) {
    const depth = (await Promise.all(urls.map((url) => queueDepth(sqs, url)))).reduce((a, b) => a + b, 0);
    onPoll(depth);
    if (depth === 0) return true;
    if (depth !== last) [last, movedAt] = [depth, Date.now()];
    if (Date.now() - movedAt > stallMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** What the burst did to the detectors, read back after it. */
export interface BurstOutcome {
  /** Detectors of the fleet found in the table. */
  readonly detectors: number;
  /** Published messages that no committed evaluation applied. */
  readonly lost: number;
  /** Messages applied more than once. */
  readonly appliedTwice: number;
  /**
   * Messages applied whose trace page was never written (their invocation ended between the
   * detector writes and the page): known applied because the redelivery found them duplicates.
   */
  readonly untraced: number;
  /** Milliseconds from publish to evaluation, one per traced applied message. */
  readonly latencies: number[];
  /** The last evaluation's time (epoch ms). */
  readonly lastStep: number;
}

type Trace = { status?: string; skipReason?: string; message?: string; timestamp?: string };

/**
 * Reads back what the detectors applied, from their evaluation traces: a trace page is written
 * only for the detector writes an invocation committed, so a `Success` trace is a committed
 * application, and a `Skipped` one "already processed" says its detector had applied it before.
 * Compares that with what was published: `seq` 0 … n-1 for each device.
 */
export async function readOutcome(dynamodb: DynamoDBClient, tables: { detectors: string; traces: string }, model: string, messages: number, devices: number): Promise<BurstOutcome> {
  const applied = new Map<string, number>();
  const duplicates = new Set<string>();
  const latencies: number[] = [];
  let lastStep = 0;
  for await (const { Items = [] } of paginateScan({ client: dynamodb }, { TableName: tables.traces })) {
    for (const item of Items) {
      const entries = parseTypedJson(inflateRawSync(item.page?.B as Uint8Array).toString('utf8')) as { d: string; t: Trace[] }[];
      for (const trace of entries.filter((entry) => entry.d.startsWith(`${model}|`)).flatMap((entry) => entry.t)) {
        if (!trace.message) continue;
        const { motorid, seq, sentAt } = JSON.parse(trace.message) as { motorid: string; seq: number; sentAt: number };
        const id = `${motorid}#${seq}`;
        if (trace.status === 'Skipped' && trace.skipReason?.includes('already processed')) duplicates.add(id);
        if (trace.status !== 'Success') continue;
        applied.set(id, (applied.get(id) ?? 0) + 1);
        const steppedAt = Date.parse(trace.timestamp ?? '');
        latencies.push(steppedAt - sentAt);
        lastStep = Math.max(lastStep, steppedAt);
      }
    }
  }
  let detectors = 0;
  for await (const { Count = 0 } of paginateScan({ client: dynamodb }, { TableName: tables.detectors, Select: 'COUNT', FilterExpression: 'begins_with(pk, :model)', ExpressionAttributeValues: { ':model': { S: `${model}|` } } })) detectors += Count;
  let lost = 0;
  let appliedTwice = 0;
  let untraced = 0;
  for (let n = 0; n < messages; n++) {
    const id = `${deviceId(n % devices)}#${Math.floor(n / devices)}`;
    const times = applied.get(id) ?? 0;
    if (times > 1) appliedTwice++;
    if (times === 0 && duplicates.has(id)) untraced++;
    else if (times === 0) lost++;
  }
  return { detectors, lost, appliedTwice, untraced, latencies, lastStep };
}
