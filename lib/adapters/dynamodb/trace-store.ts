import { randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { QueryCommand, type AttributeValue, type DynamoDBClient, type WriteRequest } from '@aws-sdk/client-dynamodb';
import { parseTypedJson, stringifyTypedJson } from '../../expression';
import { traceRecord } from '../../engine';
import { SYSTEM_CLOCK, detectorId, type Clock, type DetectorKey, type TraceEntry, type TraceStore } from '../../ports';
import { batchWrite } from './batch';
import { DynamoFailureNotes, type FailureNote } from './failure-notes';

/** Options of {@link DynamoTraceStore}. */
export interface DynamoTraceStoreOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** Traces kept per detector: those a reader gives back, and the most one page keeps of one detector. */
  readonly depth?: number;
  /** How long a trace is kept at most, via DynamoDB TTL. */
  readonly retentionMs?: number;
  /** Reads the time, to leave out expired traces that TTL has not removed yet. */
  readonly clock?: Clock;
}

/** One detector's part of a page: its id, where its earlier traces are, its new trace records. */
interface PageEntry {
  readonly d: string;
  readonly p?: string;
  readonly t: readonly unknown[];
}

/** A page's compressed size at most, per item (DynamoDB holds 400 KB). */
const MAX_CHUNK_BYTES = 300 * 1024;
const PAGE_PREFIX = 'page#';

/**
 * The last `depth` evaluation traces of each detector, in AWS's DEBUG log shape, kept as pages: the
 * traces of one whole batch (every detector it wrote) in one item (`pk` = `page#<id>`, more items
 * if it outgrows one), compressed together — traces of one model share most of their text, so a
 * trace costs about 40 bytes there instead of 500 alone (and a write unit each). A detector item
 * names its latest page (`traceRef`); each page says, per detector, which page holds its earlier
 * traces, and a reader follows that chain back until it has `depth` traces or the chain ends
 * (TTL). Traces of earlier releases (one item per trace, `pk` = the detector) are still read.
 */
export class DynamoTraceStore implements TraceStore {
  private readonly client: DynamoDBClient;
  private readonly table: string;
  private readonly depth: number;
  private readonly retentionMs: number;
  private readonly clock: Clock;
  private readonly failures: DynamoFailureNotes;

  constructor(options: DynamoTraceStoreOptions) {
    this.client = options.client;
    this.table = options.tableName;
    this.depth = options.depth ?? 20;
    this.retentionMs = options.retentionMs ?? 30 * 24 * 3_600_000;
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.failures = new DynamoFailureNotes({ client: this.client, tableName: this.table, retentionMs: this.retentionMs, clock: this.clock });
  }

  newPage(): string {
    return `${this.clock.now().toString(36)}-${randomBytes(6).toString('base64url')}`;
  }

  async append(page: string, entries: readonly TraceEntry[]): Promise<void> {
    if (!entries.length) return;
    const records: PageEntry[] = entries.map(({ key, traces, previous }) => ({
      d: detectorId(key),
      ...(previous ? { p: previous } : {}),
      // Only the newest `depth` of them can ever be read back.
      t: traces.slice(-this.depth).map(traceRecord),
    }));
    const at = Math.max(...entries.flatMap((entry) => entry.traces.map((trace) => trace.time)));
    const ttl = { N: String(Math.floor((at + this.retentionMs) / 1000)) };
    const requests: WriteRequest[] = chunks(records).map((body, slot) => ({
      PutRequest: { Item: { pk: { S: PAGE_PREFIX + page }, slot: { N: String(slot) }, at: { N: String(at) }, page: { B: body }, ttl } },
    }));
    await batchWrite(this.client, this.table, requests);
  }

  /** The detector's most recent traces; an action that failed for good carries its `failure` (see DynamoFailureNotes). */
  async recent(key: DetectorKey, head: string | undefined): Promise<Record<string, unknown>[]> {
    const records = await this.records(key, head);
    const acting = records.some((record) => Array.isArray(record.actions) && record.actions.length > 0);
    return acting ? withFailures(records, await this.failures.of(key)) : records;
  }

  private async records(key: DetectorKey, head: string | undefined): Promise<Record<string, unknown>[]> {
    const id = detectorId(key);
    const now = Math.floor(this.clock.now() / 1000);
    const found: unknown[][] = [];
    let count = 0;
    const visited = new Set<string>();
    for (let page = head; page && count < this.depth && !visited.has(page); ) {
      visited.add(page);
      const entries = (await this.query(PAGE_PREFIX + page)).filter((item) => live(item, now)).flatMap((item) => parsePage(item.page.B as Uint8Array));
      const mine = entries.find((entry) => entry.d === id);
      if (!mine) break;
      found.unshift([...mine.t]);
      count += mine.t.length;
      page = mine.p;
    }
    const paged = found.flat() as Record<string, unknown>[];
    // Short of `depth`: what an earlier release kept comes before (a detector's first page has no `p`).
    if (count >= this.depth) return paged.slice(-this.depth);
    return [...(await this.legacy(id, now)), ...paged].slice(-this.depth);
  }

  /** Traces written one item each (`pk` = the detector, `slot` ring), by releases before pages. */
  private async legacy(id: string, now: number): Promise<Record<string, unknown>[]> {
    // Ordered by time, then number: a detector deleted and created again numbers from 0 anew.
    return (await this.query(id))
      .filter((item) => live(item, now) && item.trace?.B)
      .sort((a, b) => Number(a.at?.N ?? 0) - Number(b.at?.N ?? 0) || Number(a.n?.N ?? 0) - Number(b.n?.N ?? 0))
      .map((item) => parseTypedJson(inflateRawSync(item.trace.B as Uint8Array).toString('utf8')) as Record<string, unknown>);
  }

  private async query(pk: string): Promise<Record<string, AttributeValue>[]> {
    // A Query answer stops at 1 MB: a page of large payloads, or `depth` legacy traces, can exceed it.
    const items: Record<string, AttributeValue>[] = [];
    let after: Record<string, AttributeValue> | undefined;
    do {
      const response = await this.client.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': 'pk' }, ExpressionAttributeValues: { ':pk': { S: pk } }, ExclusiveStartKey: after }),
      );
      items.push(...(response.Items ?? []));
      after = response.LastEvaluatedKey;
    } while (after);
    return items;
  }
}

/** The records with each failed action marked: `failure: { error, attempts, failedAt, target }`. */
function withFailures(records: Record<string, unknown>[], failures: ReadonlyMap<string, FailureNote>): Record<string, unknown>[] {
  if (!failures.size) return records;
  return records.map((record) => {
    if (!Array.isArray(record.actions)) return record;
    const actions = (record.actions as Record<string, unknown>[]).map((action) => {
      const note = failures.get(String(action.actionExecutionId));
      return note ? { ...action, failure: { error: note.error, attempts: note.attempts, failedAt: new Date(note.failedAt).toISOString(), target: note.target } } : action;
    });
    return { ...record, actions };
  });
}

/** DynamoDB deletes expired items within days, not at once: expired ones are left out here. */
function live(item: Record<string, AttributeValue>, now: number): boolean {
  return item.ttl === undefined || Number(item.ttl.N) > now;
}

function parsePage(body: Uint8Array): PageEntry[] {
  return parseTypedJson(inflateRawSync(body).toString('utf8')) as PageEntry[];
}

/** The page's entries compressed, in as many items as their size needs (most pages: one). */
function chunks(records: readonly PageEntry[]): Uint8Array[] {
  const body = deflateRawSync(stringifyTypedJson(records), { level: 6 });
  if (body.length <= MAX_CHUNK_BYTES || records.length === 1) return [body];
  const half = Math.ceil(records.length / 2);
  return [...chunks(records.slice(0, half)), ...chunks(records.slice(half))];
}
