import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { createHandler } from '../functions/ingest-queue';
import { loadConfig } from '../lib/config';
import { VirtualClock } from '../local/virtual-clock';
import type { Telemetry } from '../lib/ports';
import { createRuntime } from '../lib/wiring';
import { PRICE_RRU, PRICE_WRU, type Usage } from './dynamodb-usage';
import { count, printTable } from './measure';

const KEYS = 50;
const PER_KEY = 2;
/** One batch a virtual second: each detector receives PER_KEY messages a second. */
const SECONDS = 420;
const MEASURED = 120;
const REDELIVERY_DELAY_S = 240;

/** An SQS message id: a UUID, as SQS gives (36 characters), derived from `n`. */
function uuid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `6f1c${hex.slice(0, 4)}-9a2b-4c3d-8e4f-${hex}`;
}

function batch(second: number, receiveCount: number, queue: string): SQSEvent {
  return {
    Records: Array.from({ length: KEYS * PER_KEY }, (_, i) => {
      const n = second * KEYS * PER_KEY + i;
      const motorid = `busy-${i % KEYS}`;
      const payload = JSON.stringify({ motorid, sensorData: { pressure: 60, temperature: 39 } });
      return {
        messageId: uuid(n),
        body: JSON.stringify({ vigilRaw: Buffer.from(payload).toString('base64'), vigilInputName: 'PressureInput', motorid }),
        attributes: { ApproximateReceiveCount: String(receiveCount) },
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queue}`,
      };
    }),
  } as unknown as SQSEvent;
}

/**
 * The duplicate window's price on busy detectors: 50 motors sending 2 messages a second each, with
 * SQS message ids (UUIDs), for 7 minutes of virtual time (the window fills after 5); then every
 * message of the last 4 minutes delivered again, as SQS does after its visibility timeout. Prints
 * the write and read units per message in the steady state, the detector item's size, and how
 * many redelivered messages were applied a second time (must be 0).
 */
export async function busyDetectors(client: DynamoDBClient, usage: Usage & { reset(): void }, environment: Record<string, string | undefined>, queue: string): Promise<void> {
  const clock = new VirtualClock(Date.now());
  const counts: Record<string, number> = {};
  const telemetry: Telemetry = { log: () => undefined, count: (metric, value = 1) => void (counts[metric] = (counts[metric] ?? 0) + value) };
  const config = loadConfig({ ...environment, TRACE_DEPTH: '0' });
  const handler = createHandler(createRuntime(config, telemetry, clock, { dynamodb: client }));
  const context = { awsRequestId: 'bench' } as Context;
  const start = clock.now();
  const run = async (from: number, to: number, receiveCount: number) => {
    for (let second = from; second < to; second++) {
      clock.set(start + (receiveCount > 1 ? second + REDELIVERY_DELAY_S : second) * 1000);
      const { batchItemFailures } = await handler(batch(second, receiveCount, queue), context);
      if (batchItemFailures.length) throw new Error(`busy detectors: ${batchItemFailures.length} messages failed`);
    }
  };
  await run(0, SECONDS - MEASURED, 1);
  usage.reset();
  await run(SECONDS - MEASURED, SECONDS, 1);
  const steady = { ...usage, messages: MEASURED * KEYS * PER_KEY };
  const { Item } = await client.send(new GetItemCommand({ TableName: config.detectorsTable, Key: { pk: { S: 'motorDetectorModel|busy-0' } } }));
  const itemBytes = Object.entries(Item ?? {}).reduce((sum, [name, value]) => sum + name.length + (value.S?.length ?? value.N?.length ?? value.B?.length ?? 0), 0);
  usage.reset();
  const duplicatesBefore = counts.DuplicatesIgnored ?? 0;
  const from = SECONDS - REDELIVERY_DELAY_S;
  await run(from, SECONDS - 1, 2);
  const redelivered = (SECONDS - 1 - from) * KEYS * PER_KEY;
  const again = redelivered - ((counts.DuplicatesIgnored ?? 0) - duplicatesBefore);
  const per = (n: number, messages: number) => (n / messages).toFixed(3);
  printTable(
    `Duplicate window: ${KEYS} detectors × ${PER_KEY} msgs/s, UUID message ids, DynamoDB Local (virtual time)`,
    ['phase', 'messages', 'WRU/msg', 'RRU/msg', 'detector item bytes', 'applied twice', 'DynamoDB $/million msgs'],
    [
      ['steady state (minutes 5–7)', count(steady.messages), per(steady.write, steady.messages), per(steady.read, steady.messages), count(itemBytes), '-', `$${((steady.write * PRICE_WRU + steady.read * PRICE_RRU) / steady.messages).toFixed(2)}`],
      [`each redelivered ${REDELIVERY_DELAY_S} s later`, count(redelivered), per(usage.write, redelivered), per(usage.read, redelivered), '-', count(again), `$${((usage.write * PRICE_WRU + usage.read * PRICE_RRU) / redelivered).toFixed(2)}`],
    ],
  );
}
