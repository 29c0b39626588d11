import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { freePort } from '../local/emulators';
import { spawnLocalStack, type SpawnedLocalStack } from '../local/stack/spawn-local-stack';
import { PRICE_RRU, PRICE_WRU } from './dynamodb-usage';
import { startDynamoDbMeter, type TableUsage } from './dynamodb-meter';
import { Fleet, type BurstShape } from './load-fleet';
import { drained, queueDepth, readOutcome, visibilityTimeoutMs } from './load-outcome';
import { count, percentile, printTable } from './measure';

const MODEL = 'motorDetectorModel';
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** `--messages`, `--devices`, `--connections`, `--in-flight`, `--rate`; defaults: the issue's burst. */
function shapeOf(options: Readonly<Record<string, string>>): BurstShape {
  const number = (name: string, fallback: number, min: number) => {
    const value = options[name] === undefined ? fallback : Number(options[name]);
    if (!Number.isInteger(value) || value < min) throw new Error(`load: --${name} must be a whole number ≥ ${min}, not '${options[name]}'`);
    return value;
  };
  // At least 10 devices: a batch of 100 then holds at most about 10 messages of one device, within
  // the 20 traces a page keeps per detector, from which what was applied is read back.
  const devices = number('devices', 10_000, 10);
  return { messages: number('messages', 100_000, 1), devices, connections: Math.min(devices, number('connections', devices, 1)), inFlight: number('in-flight', 1_000, 1), rate: number('rate', 0, 0) };
}

const progress = (line: string) => process.stderr.write(`load: ${line}\n`);

/**
 * The deployed path under a bounded burst, on the local stack as `npm start` runs it (its own
 * process; the shipped motor model): a fleet of MQTT devices publishes M messages over K devices on
 * `vigil/queue/<id>/pressure`; the topic rule puts them on the ingest queue, whose event source
 * mapping invokes ingestQueue in batches of 100, which commits the detectors to DynamoDB Local.
 * The functions' DynamoDB requests pass through a metering proxy (bench/dynamodb-meter.ts). Prints
 * msgs/s, publish → evaluation latency, capacity per message by table, and what was lost.
 */
export async function run(options: Readonly<Record<string, string>> = {}): Promise<void> {
  const shape = shapeOf(options);
  const root = path.resolve(__dirname, '..');
  const modelsDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-load-models-'));
  for (const file of ['motor-detector-model.json', 'motor.inputs.json']) copyFileSync(path.join(root, 'models', file), path.join(modelsDir, file));
  // Ports chosen here, so that the meter and the bench's clients know them before the stack starts.
  const [dynamodbPort, sqsPort] = [await freePort(), await freePort()];
  const meter = await startDynamoDbMeter(`http://127.0.0.1:${dynamodbPort}`);
  let stack: SpawnedLocalStack | undefined;
  let fleet: Fleet | undefined;
  const sqs = new SQSClient({ region: 'us-east-1', credentials: CREDENTIALS, useQueueUrlAsEndpoint: false, endpoint: `http://127.0.0.1:${sqsPort}` });
  const dynamodb = new DynamoDBClient({ region: 'us-east-1', credentials: CREDENTIALS, endpoint: `http://127.0.0.1:${dynamodbPort}` });
  try {
    stack = await spawnLocalStack({ ports: { dynamodb: dynamodbPort, sqs: sqsPort }, modelsDir, functionsDynamodbEndpoint: meter.endpoint, onStderr: (line) => progress(`stack: ${line}`) });
    const { queues, tables } = stack.provisioned;
    progress(`stack ready in ${(stack.readyMs / 1000).toFixed(1)} s; connecting ${count(shape.connections)} devices`);
    fleet = await Fleet.connect(stack.endpoints.mqtt, shape.connections);
    // Their `connected` lifecycle events go through the lifecycle queue first: not part of the burst.
    await drained(sqs, [queues.LifecycleQueue.url], 120_000, () => undefined);
    meter.reset();
    const load = os.loadavg()[0];
    progress(`publishing ${count(shape.messages)} messages over ${count(shape.devices)} devices`);
    const firstPublish = await fleet.burst(shape, (published) => published % 10_000 === 0 && progress(`${count(published)} published`));
    const publishedIn = Date.now() - firstPublish;
    progress(`all published in ${(publishedIn / 1000).toFixed(1)} s; waiting for the queues to drain`);
    const ingest = [queues.IngestQueue.url, queues.InternalQueue.url];
    let polls = 0;
    // A batch whose invocation failed (a Lambda timeout on a busy machine) comes back only after the
    // queue's visibility timeout: waiting less would count its messages as lost.
    const stallMs = (await visibilityTimeoutMs(sqs, ingest)) + 60_000;
    const complete = await drained(sqs, ingest, stallMs, (depth) => ++polls % 10 === 0 && progress(`${count(depth)} messages on the ingest queues`));
    const usage = new Map(meter.tables);
    const outcome = await readOutcome(dynamodb, { detectors: tables.DetectorsTable, traces: tables.TracesTable }, MODEL, shape.messages, shape.devices);
    const deadLetters = await Promise.all(['IngestDeadLetterQueue', 'ActionsDeadLetterQueue', 'DispatchDeadLetterQueue'].map((id) => queueDepth(sqs, queues[id].url)));
    const seconds = (outcome.lastStep - firstPublish) / 1000;
    const ms = (p: number) => (outcome.latencies.length ? count(percentile(outcome.latencies, p)) : '-');
    printTable(
      `Local stack load: ${count(shape.messages)} messages over ${count(shape.devices)} devices (${count(shape.connections)} MQTT connections, ${count(shape.inFlight)} publishes in flight${shape.rate ? `, at most ${count(shape.rate)}/s` : ''}), MQTT → queue rule → SQS → ingestQueue → DynamoDB Local; load average ${load.toFixed(2)} at the start`,
      ['msgs/s (first publish → last step)', 'published in s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'detectors', 'lost', 'applied twice', 'applied, trace lost', 'dead letters', 'queues drained'],
      [[count(shape.messages / seconds), (publishedIn / 1000).toFixed(1), ms(50), ms(95), ms(99), ms(100), count(outcome.detectors), count(outcome.lost), count(outcome.appliedTwice), count(outcome.untraced), count(deadLetters.reduce((a, b) => a + b, 0)), complete ? 'yes' : 'NO (stalled)']],
    );
    console.log('Latency: publish (its time in the payload) → the evaluation that applied it (its time in the detector\'s committed evaluation trace); the conditional write that commits it follows in the same invocation.');
    printCapacity(usage, tables, shape.messages);
    // The devices' `disconnected` events, processed before the stack stops rather than cut short.
    await fleet.end();
    fleet = undefined;
    await drained(sqs, [queues.LifecycleQueue.url], 30_000, () => undefined);
  } finally {
    await fleet?.end().catch(() => undefined);
    await stack?.stop();
    await meter.stop();
    sqs.destroy();
    dynamodb.destroy();
    rmSync(modelsDir, { recursive: true, force: true });
  }
}

/** Capacity per message by table, as DynamoDB Local reported it to the functions' requests. */
function printCapacity(usage: ReadonlyMap<string, TableUsage>, tables: Readonly<Record<string, string>>, messages: number): void {
  const per = (n: number) => (n / messages).toFixed(3);
  const names: [string, string][] = [
    ['detectors', tables.DetectorsTable],
    ['message ids', tables.MessageIdsTable],
    ['traces', tables.TracesTable],
  ];
  const known = new Set(names.map(([, table]) => table));
  const others = [...usage.keys()].filter((table) => !known.has(table));
  const rows = [...names, ...others.map((table): [string, string] => [table, table])].map(([label, table]) => {
    const used = usage.get(table) ?? { requests: {}, read: 0, write: 0, refusedWrites: 0 };
    const requests = Object.entries(used.requests).map(([name, n]) => `${name} ${per(n)}`).join(', ') || '-';
    return [label, per(used.write), per(used.read), per(used.refusedWrites), requests];
  });
  const total = [...usage.values()].reduce((sum, used) => ({ read: sum.read + used.read, write: sum.write + used.write }), { read: 0, write: 0 });
  rows.push(['all tables', per(total.write), per(total.read), '-', `$${((total.write * PRICE_WRU + total.read * PRICE_RRU) / messages).toFixed(2)} per million messages`]);
  printTable('DynamoDB capacity per message, the functions\' requests as DynamoDB Local reported them (a metering proxy adds ReturnConsumedCapacity)', ['table', 'WRU/msg', 'RRU/msg', 'refused cond. writes/msg', 'requests/msg'], rows);
}
