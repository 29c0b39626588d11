import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SYSTEM_CLOCK, type Clock } from '../lib/ports';
import { processBatch } from '../lib/runtime/process-batch';
import { sweepRunOptions } from '../lib/runtime/scheduled-run';
import { runTimerSweep, type TimerSweepReport } from '../lib/runtime/timer-sweep';
import type { Runtime } from '../lib/wiring';
import { count, printTable } from './measure';

const DETECTORS = 10_000;
const BATCH = 100;
const HOUR = 3_600_000;
/** The item operations that can report their consumed capacity: reads, and writes. */
const READS = new Set(['ScanCommand', 'QueryCommand', 'GetItemCommand', 'BatchGetItemCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** Capacity consumed through a client, summed from every response (`ReturnConsumedCapacity` is asked on every request). */
export interface CapacityMeter {
  readUnits: number;
  writeUnits: number;
  requests: number;
}

/** Makes every request through `client` report its consumed capacity, and adds it to the returned meter. */
export function meterCapacity(client: DynamoDBClient): CapacityMeter {
  const meter: CapacityMeter = { readUnits: 0, writeUnits: 0, requests: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      const command = context.commandName as string;
      if (READS.has(command) || WRITES.has(command)) input.ReturnConsumedCapacity ??= 'TOTAL';
      const result = await next(args);
      meter.requests++;
      const consumed = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity].flat() as ({ CapacityUnits?: number } | undefined)[];
      const units = consumed.reduce((sum, entry) => sum + (entry?.CapacityUnits ?? 0), 0);
      if (READS.has(command)) meter.readUnits += units;
      if (WRITES.has(command)) meter.writeUnits += units;
      return result;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return meter;
}

/**
 * The timer sweep on DynamoDB Local over the detectors already in the table plus 10,000 more, each
 * holding a one-hour timer: once healthy (every wake-up in place: the sweep reads and wakes
 * nothing), once after an "outage" (the clock two hours on, every timer overdue and woken). Prints
 * read units per 1,000 detectors read and the time taken, with no read-rate limit.
 */
export async function runSweepBench(runtime: Runtime, meter: CapacityMeter, input: string): Promise<void> {
  const keys = Array.from({ length: DETECTORS }, (_, i) => `s${i}`);
  for (let i = 0; i < DETECTORS; i += BATCH) {
    await processBatch(keys.slice(i, i + BATCH).map((key) => ({ messageId: `sweep-${key}`, inputName: input, payload: JSON.stringify({ id: key, seconds: 3600 }) })), runtime, runtime.settings);
  }
  const sweep = async (clock: Clock) => {
    Object.assign(meter, { readUnits: 0, writeUnits: 0, requests: 0 });
    const started = Date.now();
    const options = sweepRunOptions(clock.now(), 15 * 60_000, { periodMs: 24 * HOUR, segments: 4, readUnitsPerSecond: Infinity, concurrency: 16 });
    const report = await runTimerSweep({ ...runtime, clock, scan: runtime.detectorScan, sweeps: runtime.sweepState }, runtime.settings, options);
    return { report, seconds: (Date.now() - started) / 1000, capacity: { ...meter } };
  };
  const healthy = await sweep(SYSTEM_CLOCK);
  // Two hours on: every one-hour timer is overdue, as after an outage that took its wake-up.
  const later: Clock = { now: () => Date.now() + 2 * HOUR, sleep: SYSTEM_CLOCK.sleep };
  await runtime.schedulerState.requestSweep(later.now(), 'benchmark: the wake-ups are gone');
  const recovery = await sweep(later);
  const rows = (name: string, { report, seconds, capacity }: { report: TimerSweepReport; seconds: number; capacity: CapacityMeter }) => {
    const perThousand = (value: number) => ((value / report.scanned) * 1000).toFixed(1);
    return [
      [`${name}: detectors read (with a timer)`, `${count(report.scanned)} (${count(DETECTORS)}${report.scanned > DETECTORS ? '+' : ''})`],
      [`${name}: overdue, fired`, `${count(report.overdue)}, ${count(report.fired)}`],
      [`${name}: time, s (detectors read per s)`, `${seconds.toFixed(1)} (${count(report.scanned / seconds)})`],
      [`${name}: scan read units per 1,000 detectors read`, perThousand(report.readUnits)],
      [`${name}: all read units per 1,000 detectors read`, perThousand(capacity.readUnits)],
      [`${name}: write units per 1,000 detectors read`, perThousand(capacity.writeUnits)],
      [`${name}: DynamoDB requests per 1,000 detectors read`, perThousand(capacity.requests)],
    ];
  };
  printTable(`Timer sweep: parallel scan (4 segments, pages of 500) of ${count(healthy.report.scanned)} detectors on DynamoDB Local, no read limit`, ['measure', 'value'], [
    ...rows('healthy', healthy),
    ...rows('after an outage', recovery),
  ]);
}
