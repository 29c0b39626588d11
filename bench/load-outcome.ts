import { inflateRawSync } from 'node:zlib';
import { paginateScan, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

/** One message as its detector applied it: its evaluation trace. */
interface Applied {
  readonly seq: number;
  readonly sentAt: number;
  /** The evaluation's time (the runtime's clock when it stepped the detector for this message). */
  readonly steppedAt: number;
}

/** What the burst did to the detectors, read back after it. */
export interface BurstOutcome {
  /** Detectors of the fleet found in the table. */
  readonly detectors: number;
  /** Published messages that no committed evaluation applied. */
  readonly lost: number;
  /** Messages applied more than once. */
  readonly appliedTwice: number;
  /** Milliseconds from publish to evaluation, one per applied message. */
  readonly latencies: number[];
  /** The last evaluation's time (epoch ms). */
  readonly lastStep: number;
}

type PageEntry = { d: string; p?: string; t: { status?: string; message?: string; timestamp?: string }[] };

/**
 * Reads back what the detectors applied: every detector item of the fleet, and the chain of
 * evaluation-trace pages its `traceRef` starts (a page is written only for committed writes, and
 * each page names the detector's previous one), so each applied message is seen once per commit
 * that applied it. Compares that with what was published: `seq` 0 … n-1 for each device.
 */
export async function readOutcome(dynamodb: DynamoDBClient, tables: { detectors: string; traces: string }, model: string, messages: number, devices: number): Promise<BurstOutcome> {
  const pages = new Map<string, Map<string, PageEntry>>();
  for await (const { Items = [] } of paginateScan({ client: dynamodb }, { TableName: tables.traces })) {
    for (const item of Items) {
      const id = (item.pk.S ?? '').replace(/^page#/, '');
      const entries = parseTypedJson(inflateRawSync(item.page?.B as Uint8Array).toString('utf8')) as PageEntry[];
      const page = pages.get(id) ?? new Map<string, PageEntry>();
      for (const entry of entries) page.set(entry.d, entry);
      pages.set(id, page);
    }
  }
  const heads = new Map<string, string | undefined>();
  for await (const { Items = [] } of paginateScan({ client: dynamodb }, { TableName: tables.detectors, ProjectionExpression: 'pk, traceRef' })) {
    for (const item of Items as Record<string, AttributeValue>[]) if (item.pk.S?.startsWith(`${model}|`)) heads.set(item.pk.S, item.traceRef?.S);
  }
  let lost = 0;
  let appliedTwice = 0;
  let lastStep = 0;
  const latencies: number[] = [];
  for (let k = 0; k < devices; k++) {
    const id = `${model}|${deviceId(k)}`;
    const applied: Applied[] = [];
    const visited = new Set<string>();
    for (let page = heads.get(id); page && !visited.has(page); ) {
      visited.add(page);
      const entry = pages.get(page)?.get(id);
      if (!entry) break;
      for (const trace of entry.t) {
        if (trace.status !== 'Success' || !trace.message) continue;
        const { seq, sentAt } = JSON.parse(trace.message) as { seq: number; sentAt: number };
        applied.push({ seq, sentAt, steppedAt: Date.parse(trace.timestamp ?? '') });
      }
      page = entry.p;
    }
    const published = Math.floor(messages / devices) + (k < messages % devices ? 1 : 0);
    const seen = new Set<number>();
    for (const message of applied) {
      if (seen.has(message.seq)) appliedTwice++;
      seen.add(message.seq);
      latencies.push(message.steppedAt - message.sentAt);
      lastStep = Math.max(lastStep, message.steppedAt);
    }
    for (let seq = 0; seq < published; seq++) if (!seen.has(seq)) lost++;
  }
  return { detectors: heads.size, lost, appliedTwice, latencies, lastStep };
}
