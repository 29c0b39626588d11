import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, SQSEvent } from 'aws-lambda';
import { createHandler } from '../functions/ingest-queue';
import { readModelFiles } from '../lib/adapters/model-files';
import { loadConfig } from '../lib/config';
import { builtInInputs } from '../lib/lifecycle';
import { freePort, startDynamoDbLocal } from '../local/emulators';
import { provisionTables } from '../local/provision';
import { serverlessConfig } from '../local/serverless-config';
import { SILENT } from '../lib/ports';
import { LOCAL_PLACEHOLDERS } from '../lib/model/placeholders';
import { seedModels } from '../lib/runtime/seed-models';
import { createRuntime } from '../lib/wiring';
import { busyDetectors } from './busy-detectors';
import { PRICE_RRU, PRICE_WRU, countUsage } from './dynamodb-usage';
import { count, printTable } from './measure';

const KEYS = 1_000;
const BATCH = 100;
const MESSAGES = 10_000;

const INGEST_QUEUE = 'vigil-bench-ingest';

/**
 * One SQS batch of motor telemetry as the shipped queue rule (`pressure_queue` in custom.vigil.rules) puts it on
 * the ingest queue: the payload as `vigilRaw`, the input and the key chosen by the rule. With
 * `receiveCount` 2, SQS is delivering the batch again.
 */
function sqsBatch(first: number, keyOf: (n: number) => number, receiveCount = 1): SQSEvent {
  return {
    Records: Array.from({ length: BATCH }, (_, i) => {
      const n = first + i;
      const motorid = `motor-${keyOf(n)}`;
      const payload = JSON.stringify({ motorid, sensorData: { pressure: n % 7 === 0 ? 80 : 60, temperature: 39 } });
      return {
        messageId: `sqs-${n}`,
        body: JSON.stringify({ vigilRaw: Buffer.from(payload).toString('base64'), vigilInputName: 'PressureInput', motorid }),
        attributes: { ApproximateReceiveCount: String(receiveCount) },
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${INGEST_QUEUE}`,
      };
    }),
  } as unknown as SQSEvent;
}

/**
 * Messages per second through the SQS-batch handler (ingestQueue) on DynamoDB Local, with the
 * motor model of models/ and 1,000 motors, and the DynamoDB requests and write/read capacity each
 * message costs. Two shapes of batch: 100 different motors (one conditional write per message),
 * and 10 messages for each of 10 motors (one write per motor per batch).
 */
export async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dynamo = await startDynamoDbLocal(await freePort());
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  try {
    const client = new DynamoDBClient({});
    const usage = countUsage(client);
    const tables = await provisionTables(await serverlessConfig(root, 'bench'), client);
    const environment = {
      DETECTORS_TABLE: tables.DetectorsTable,
      MODELS_TABLE: tables.ModelsTable,
      TIMERS_TABLE: tables.TimersTable,
      TRACES_TABLE: tables.TracesTable,
      MESSAGE_IDS_TABLE: tables.MessageIdsTable,
      INGEST_QUEUE,
      MODEL_REFRESH_MS: '600000',
    };
    const runtime = createRuntime(loadConfig({ ...environment, TRACE_DEPTH: '0' }), SILENT, undefined, { dynamodb: client });
    // The detector rows measure the motor detector model alone: the shipped alarm model reads the
    // same input, and is measured on its own below.
    const files = readModelFiles(path.join(root, 'models'), LOCAL_PLACEHOLDERS);
    const seed = (only: Partial<typeof files>) => seedModels(runtime.repository, { ...files, ...only }, builtInInputs(), { now: Date.now(), minTimerSeconds: 60 });
    await seed({ alarmModels: [] });
    const handler = createHandler(runtime);
    // The deployed default keeps each detector's last 20 evaluation traces.
    const traced = createHandler(createRuntime(loadConfig({ ...environment, TRACE_DEPTH: '20' }), SILENT, undefined, { dynamodb: client }));
    const context = { awsRequestId: 'bench' } as Context;
    await handler(sqsBatch(0, (n) => n), context); // warm-up: the model catalog, connections
    await traced(sqsBatch(0, (n) => n), context);

    const scenario = async (label: string, offset: number, keyOf: (n: number) => number, run = handler, receiveCount = 1) => {
      usage.reset();
      const started = process.hrtime.bigint();
      let failures = 0;
      for (let first = offset; first < offset + MESSAGES; first += BATCH) failures += (await run(sqsBatch(first, keyOf, receiveCount), context)).batchItemFailures.length;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (failures) throw new Error(`${label}: ${failures} messages failed`);
      const per = (n: number) => (n / MESSAGES).toFixed(3);
      return [
        label,
        count(MESSAGES / seconds),
        per(usage.requests.PutItem ?? 0),
        per(usage.requests.BatchGetItem ?? 0),
        per(Object.entries(usage.requests).filter(([name]) => name !== 'PutItem' && name !== 'BatchGetItem').reduce((sum, [, n]) => sum + n, 0)),
        per(usage.write),
        per(usage.read),
        `$${((usage.write * PRICE_WRU + usage.read * PRICE_RRU) / MESSAGES).toFixed(2)}`,
      ];
    };
    const rows = [
      // Each batch: 100 different motors, cycling through 1,000.
      await scenario('100 motors per batch', 1_000_000, (n) => n % KEYS),
      // Each batch: 10 motors with 10 messages each.
      await scenario('10 motors × 10 messages', 2_000_000, (n) => Math.floor((n % BATCH) / 10) + 10 * Math.floor(n / BATCH) % KEYS),
      // As the first, with the last 20 evaluation traces of each detector kept (TRACE_DEPTH=20).
      await scenario('100 motors per batch, traces kept', 3_000_000, (n) => n % KEYS, traced),
      // The first scenario's messages, all delivered again by SQS: each must be found and skipped,
      // among the ids its detector spilled too (a detector here has seen 40 ids in the window).
      await scenario('every message of the first delivered again', 1_000_000, (n) => n % KEYS, handler, 2),
    ];
    // The shipped alarm model (motorPressureAlarm) alone, on the same telemetry (issue floor: the
    // detectors' figure above): a runtime built afresh sees the catalog without the detector model.
    await runtime.repository.deleteModel('motorDetectorModel');
    await seed({ models: [] });
    const alarms = createHandler(createRuntime(loadConfig({ ...environment, TRACE_DEPTH: '0' }), SILENT, undefined, { dynamodb: client }));
    await alarms(sqsBatch(0, (n) => n), context);
    rows.push(await scenario('alarm model alone, 100 motors per batch', 4_000_000, (n) => n % KEYS, alarms));
    printTable(
      `Runtime: ${count(MESSAGES)} motor messages through the SQS-batch handler on DynamoDB Local (${count(KEYS)} keys, batches of ${BATCH}, one container)`,
      ['batch shape', 'msgs/s', 'PutItem/msg', 'BatchGetItem/msg', 'other req/msg', 'WRU/msg', 'RRU/msg', 'DynamoDB $/million msgs'],
      rows,
    );
    await busyDetectors(client, usage, environment, INGEST_QUEUE);
  } finally {
    await dynamo.stop();
  }
}
