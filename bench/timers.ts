import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../lib/config';
import { builtInInputs } from '../lib/lifecycle';
import { freePort, startDynamoDbLocal } from '../local/emulators';
import { provisionTables } from '../local/provision';
import { serverlessConfig } from '../local/serverless-config';
import type { CreateDetectorModelRequest } from '../lib/model';
import { SILENT } from '../lib/ports';
import { processBatch } from '../lib/runtime/process-batch';
import { runScheduler } from '../lib/runtime/scheduler';
import { seedModels } from '../lib/runtime/seed-models';
import { createRuntime } from '../lib/wiring';
import { count, percentile, printTable } from './measure';
import { meterCapacity, runSweepBench } from './timer-sweep';

const TIMERS = 10_000;
const RESETS = 1_000;
const BATCH = 100;

/** A detector per key whose timer is set by its first message, reset by a `reset` one, and counted when it fires. */
const model: CreateDetectorModelRequest = {
  detectorModelName: 'benchTimers',
  key: 'id',
  detectorModelDefinition: {
    initialStateName: 'Armed',
    states: [
      {
        stateName: 'Armed',
        onEnter: { events: [{ eventName: 'arm', actions: [{ setTimer: { timerName: 't', durationExpression: '$input.Arm.seconds' } }] }] },
        onInput: {
          events: [{ eventName: 'reset', condition: 'currentInput("Arm") && $input.Arm.reset', actions: [{ resetTimer: { timerName: 't' } }] }],
          transitionEvents: [{ eventName: 'fire', condition: 'timeout("t")', nextState: 'Fired' }],
        },
      },
      { stateName: 'Fired' },
    ],
  },
};

/**
 * Lateness of 10,000 timers fired by the real scheduler on DynamoDB Local (target p99 ≤ 1 s, never
 * negative), and the DynamoDB requests per timer set, reset and fire; then the timer sweep over
 * those detectors and 10,000 more (`runSweepBench`).
 */
export async function run(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dynamo = await startDynamoDbLocal(await freePort());
  Object.assign(process.env, { AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  try {
    const requests: Record<string, number> = {};
    const client = new DynamoDBClient({});
    client.middlewareStack.add((next, context) => async (args) => {
      requests[context.commandName as string] = (requests[context.commandName as string] ?? 0) + 1;
      return next(args);
    }, { step: 'initialize', name: 'countRequests' });
    const meter = meterCapacity(client);
    const tables = await provisionTables(await serverlessConfig(root, 'bench'), client);
    const config = loadConfig({ DETECTORS_TABLE: tables.DetectorsTable, MODELS_TABLE: tables.ModelsTable, TIMERS_TABLE: tables.TimersTable, TRACES_TABLE: tables.TracesTable, MIN_TIMER_SECONDS: '1', MODEL_REFRESH_MS: '600000', TRACE_DEPTH: '0' });
    const runtime = createRuntime(config, SILENT, undefined, { dynamodb: client });
    await seedModels(runtime.repository, { models: [model], inputs: [{ inputName: 'Arm', inputDefinition: { attributes: [{ jsonPath: 'id' }] } }] }, builtInInputs(), { now: Date.now(), minTimerSeconds: 1 });
    await runtime.models.catalog();

    const phase = async (work: () => Promise<void>) => {
      for (const key of Object.keys(requests)) delete requests[key];
      const started = Date.now();
      await work();
      return { requests: { ...requests }, seconds: (Date.now() - started) / 1000 };
    };
    const send = (ids: number[], body: (id: number) => object) =>
      processBatch(ids.map((id) => ({ messageId: `m-${id}-${Date.now()}`, inputName: 'Arm', payload: JSON.stringify(body(id)) })), runtime, runtime.settings);
    const keys = Array.from({ length: TIMERS }, (_, i) => i);
    // Set: all 10,000 due within one minute, 90–150 s after the first is set (the issue's "10,000
    // timers due in the same minute"); durations are whole seconds, counted from each message.
    const firstDue = Date.now() + 90_000;
    const set = await phase(async () => {
      for (let i = 0; i < TIMERS; i += BATCH) {
        await send(keys.slice(i, i + BATCH), (id) => ({ id: `k${id}`, seconds: Math.ceil((firstDue + (id % 60) * 1000 - Date.now()) / 1000) }));
      }
    });
    // Reset: the first 1,000 again (a heartbeat's reset on every message).
    const reset = await phase(async () => {
      for (let i = 0; i < RESETS; i += BATCH) await send(keys.slice(i, i + BATCH), (id) => ({ id: `k${id}`, reset: true }));
    });
    const resetDone = Date.now();
    let report = { handled: 0, fired: 0, lateness: [] as number[] };
    const fire = await phase(async () => {
      report = await runScheduler({ ...runtime, state: runtime.schedulerState }, runtime.settings, {
        // A reset timer restarts with its first duration: the last ones fall due up to 150 s after their reset.
        until: Math.max(firstDue + 65_000, resetDone + 155_000),
        pollMs: 1000,
        lookaheadMs: 2000,
        firstLookbackMs: 3_600_000,
        maxLookbackMs: 3_600_000,
        concurrency: 16,
      });
    });
    const per = (phaseRequests: Record<string, number>, n: number) =>
      Object.entries(phaseRequests).sort().map(([command, calls]) => `${command.replace('Command', '')} ${(calls / n).toFixed(3)}`).join(', ');
    printTable(`Timers: ${count(TIMERS)} timers on DynamoDB Local, fired by the scheduler in real time`, ['measure', 'value'], [
      ['timers fired', `${count(report.fired)} of ${count(TIMERS)}`],
      ['time to set them, s', set.seconds.toFixed(1)],
      ['due within, s', '60'],
      ['lateness p50, ms', String(percentile(report.lateness, 50))],
      ['lateness p99, ms', String(percentile(report.lateness, 99))],
      ['lateness max, ms', String(Math.max(...report.lateness))],
      ['lateness min, ms (never negative)', String(Math.min(...report.lateness))],
      ['DynamoDB requests per timer set', per(set.requests, TIMERS)],
      ['DynamoDB requests per timer reset', per(reset.requests, RESETS)],
      ['DynamoDB requests per timer fire', per(fire.requests, Math.max(1, report.fired))],
    ]);
    await runSweepBench(runtime, meter, 'Arm');
  } finally {
    await dynamo.stop();
  }
}
