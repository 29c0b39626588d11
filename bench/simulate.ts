import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, median, printTable } from './measure';
import { seeded } from './random';

const ROOT = path.resolve(__dirname, '..');
const EXAMPLES = path.join(ROOT, 'test/fixtures/aws-examples');
const MESSAGES = 200_000;
const KEYS = 10_000;
const RUNS = Number(process.env.VIGIL_BENCH_RUNS ?? 3);
/** A checkout of the base commit (with node_modules) to measure the same run on, for a before/after. */
const BASE = process.env.VIGIL_BENCH_BASE;

/** A model and the messages to replay through it. */
interface Workload {
  readonly model: string;
  readonly inputs?: string;
  /** One message's JSON for message `n` of detector `key`. */
  readonly message: (n: number, key: number, random: () => number) => string;
}

/** What one `vigil simulate` process cost. */
interface Run {
  readonly wallS: number;
  readonly cpuS: number;
  readonly maxRssMb: number;
  readonly output: string;
}

/** The AWS motor model as Vigil ships it (models/; the same logic as the AWS example, its ARNs templated). */
const motor: Workload = {
  model: path.join(ROOT, 'models/motor-detector-model.json'),
  inputs: path.join(ROOT, 'models/motor.inputs.json'),
  // Pressures 40–99: about half the messages over the 70 threshold, so detectors change state and notify.
  message: (n, key, random) =>
    `{"messageId":"m${n}","inputName":"PressureInput","payload":{"motorid":"motor-${key}","sensorData":{"pressure":${40 + Math.floor(random() * 60)},"temperature":39}},"timestamp":${1_700_000_000_000 + n * 10}}`,
};

/**
 * `vigil simulate` as a user runs it — `node bin/vigil.cjs simulate …` on a generated JSONL
 * file, output to a file — for the AWS motor model: messages per second (wall clock, startup
 * included, and CPU), time per message from 100 to 100,000 detectors (same messages, 10 ms apart;
 * and the marginal cost of as many messages again, once the detectors exist),
 * and peak memory (RSS) for 200,000 and 1,000,000 messages. The machine is shared: each figure is
 * the median of several runs, and the load average is printed with them.
 */
export async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-simulate-'));
  const heartbeat = heartbeatWorkload(dir);
  try {
    const load = () => os.loadavg().map((value) => value.toFixed(2)).join(' ');
    console.log(`\nvigil simulate: load average before ${load()}; ${RUNS} runs each, medians`);
    const startup = measure(ROOT, motor, writeMessages(dir, 'empty.jsonl', 0, 1, motor), RUNS);
    const main = writeMessages(dir, 'motor.jsonl', MESSAGES, KEYS, motor);
    const current = measure(ROOT, motor, main, RUNS);
    const rows = [row(`this checkout, ${count(MESSAGES)} msgs / ${count(KEYS)} keys`, current, MESSAGES, startup)];
    if (BASE) {
      const before = measure(BASE, motor, main, Math.min(RUNS, 2));
      rows.push(row(`base checkout (${path.basename(BASE)}), same file`, before, MESSAGES, startup));
      console.log(`same output as the base checkout: ${before.output === current.output ? 'yes' : 'NO'}`);
    }
    rows.push(row('startup alone (empty messages file)', startup, 0, startup));
    printTable(`vigil simulate, AWS motor model (whole command, via bin/vigil.cjs; output to a file)`, ['run', 'wall s', 'msgs/s', 'CPU s', 'msgs/s of CPU', 'µs/msg past startup', 'peak RSS MB'], rows);

    for (const [name, workload] of [['motor model', motor], ['heartbeat model (a timer reset by every message)', heartbeat]] as const) {
      const flat = [100, 1_000, 10_000, 100_000].map((keys) => {
        const file = writeMessages(dir, `flat-${keys}.jsonl`, MESSAGES, keys, workload);
        const result = measure(ROOT, workload, file, RUNS);
        // The same keys sent twice as many messages: what a message costs once its detector exists
        // (at 100,000 keys half of the first 200,000 messages create one).
        const twice = measure(ROOT, workload, writeMessages(dir, `flat-${keys}-twice.jsonl`, 2 * MESSAGES, keys, workload), RUNS);
        return { keys, result, perMessage: (1e6 * (result.cpuS - startup.cpuS)) / MESSAGES, marginal: (1e6 * (twice.cpuS - result.cpuS)) / MESSAGES };
      });
      printTable(
        `Time per message against the number of keys: ${name}, ${count(MESSAGES)} msgs 10 ms apart (CPU past startup; marginal: the next ${count(MESSAGES)} msgs, to the same keys)`,
        ['keys', 'µs/msg', '× 100 keys', 'marginal µs/msg', '× 100 keys', 'wall s', 'peak RSS MB'],
        flat.map(({ keys, result, perMessage, marginal }) => [
          count(keys),
          perMessage.toFixed(2),
          (perMessage / flat[0].perMessage).toFixed(2),
          marginal.toFixed(2),
          (marginal / flat[0].marginal).toFixed(2),
          result.wallS.toFixed(2),
          count(result.maxRssMb),
        ]),
      );
    }

    const million = writeMessages(dir, 'million.jsonl', 1_000_000, KEYS, motor);
    const array = writeMessages(dir, 'million.json', 1_000_000, KEYS, motor, true);
    printTable(`Memory: ${count(KEYS)} keys (one run each)`, ['messages', 'file MB', 'wall s', 'msgs/s', 'peak RSS MB'], [
      memoryRow('200,000 (JSON lines)', main, measure(ROOT, motor, main, 1), MESSAGES),
      memoryRow('1,000,000 (JSON lines)', million, measure(ROOT, motor, million, 1), 1_000_000),
      memoryRow('1,000,000 (one JSON array)', array, measure(ROOT, motor, array, 1), 1_000_000),
    ]);
    console.log(`load average after ${load()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(label: string, run: Run, messages: number, startup: Run): string[] {
  const past = messages ? ((1e6 * (run.cpuS - startup.cpuS)) / messages).toFixed(2) : '';
  return [label, run.wallS.toFixed(2), messages ? count(messages / run.wallS) : '', run.cpuS.toFixed(2), messages ? count(messages / run.cpuS) : '', past, count(run.maxRssMb)];
}

function memoryRow(label: string, file: string, run: Run, messages: number): string[] {
  return [label, (readFileSync(file).length / 1e6).toFixed(0), run.wallS.toFixed(2), count(messages / run.wallS), count(run.maxRssMb)];
}

/** Runs `vigil simulate` of `checkout` on `messages` `runs` times; the median of each figure. */
function measure(checkout: string, workload: Workload, messages: string, runs: number): Run {
  const results = Array.from({ length: runs }, () => simulateOnce(checkout, workload, messages));
  return {
    wallS: median(results.map((r) => r.wallS)),
    cpuS: median(results.map((r) => r.cpuS)),
    maxRssMb: median(results.map((r) => r.maxRssMb)),
    output: results[0].output,
  };
}

function simulateOnce(checkout: string, workload: Workload, messages: string): Run {
  const dir = path.dirname(messages);
  const probe = path.join(dir, 'probe.cjs');
  // Reports the process's own CPU time and peak RSS on fd 3 as it exits.
  writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(3, JSON.stringify(u)); });\n");
  const outFile = path.join(dir, 'out.jsonl');
  const out = openSync(outFile, 'w');
  const args = ['--require', probe, path.join(checkout, 'bin/vigil.cjs'), 'simulate', workload.model, ...(workload.inputs ? ['--inputs', workload.inputs] : []), '--messages', messages];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: checkout, stdio: ['ignore', out, 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  closeSync(out);
  if (child.status !== 0) throw new Error(`vigil simulate exited ${child.status}: ${child.stderr?.toString().slice(0, 2000)}`);
  const usage = JSON.parse(child.output[3]?.toString() ?? '{}') as NodeJS.ResourceUsage;
  return { wallS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024, output: readFileSync(outFile, 'utf8') };
}

/** Writes `messages` messages over `keys` keys (each message picks a key at random) as JSON lines, or one JSON array. */
function writeMessages(dir: string, name: string, messages: number, keys: number, workload: Workload, array = false): string {
  const file = path.join(dir, name);
  const fd = openSync(file, 'w');
  const random = seeded(42);
  let block = '';
  for (let n = 0; n < messages; n++) {
    block += (array ? (n ? ',\n' : '[\n') : '') + workload.message(n, Math.floor(random() * keys), random) + (array ? '' : '\n');
    if (block.length > 1 << 20) {
      writeSync(fd, block);
      block = '';
    }
  }
  writeSync(fd, block + (array ? (messages ? '\n]\n' : '[]\n') : ''));
  closeSync(fd);
  return file;
}

/** AWS's device heartbeat blueprint, keyed by device: every message resets a 5-minute timer, which fires for a silent device. */
function heartbeatWorkload(dir: string): Workload {
  const blueprint = JSON.parse(readFileSync(path.join(EXAMPLES, 'deviceHeartbeatBlueprint.json'), 'utf8')) as object;
  const model = path.join(dir, 'heartbeat.json');
  writeFileSync(model, JSON.stringify({ ...blueprint, detectorModelName: 'heartbeat', key: 'id' }));
  return {
    model,
    message: (n, key) => `{"messageId":"h${n}","inputName":"AWS_IoTEvents_Blueprints_Heartbeat_Input","payload":{"id":"device-${key}","value":1},"timestamp":${1_700_000_000_000 + n * 10}}`,
  };
}
