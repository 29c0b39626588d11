import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count, loadAverage, printTable } from './measure';
import { seeded } from './random';

const ROOT = path.resolve(__dirname, '..');
const EPOCH = Date.UTC(2026, 0, 1);

/**
 * `vigil infer` as a user runs it (`node bin/vigil.cjs infer …`, a child process) on a generated
 * history of `--readings` (default 1,000,000) readings over `--keys` (default 1,000) devices, one
 * reading per device per second with two numeric attributes, as JSON lines and as CSV: wall clock,
 * CPU time and peak RSS (the file is read twice, streamed; memory grows with keys × attributes).
 */
export async function run(options: Readonly<Record<string, string>> = {}): Promise<void> {
  const readings = Number(options.readings ?? 1_000_000);
  const keys = Number(options.keys ?? 1_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-bench-infer-'));
  try {
    console.log(`\nvigil infer: load average before ${loadAverage()}`);
    const rows = (['jsonl', 'csv'] as const).map((format) => {
      const file = writeHistory(dir, format, readings, keys);
      const result = inferOnce(dir, file);
      return [format.toUpperCase(), count(readings), count(keys), (statSync(file).size / 1e6).toFixed(0), result.wallS.toFixed(1), result.cpuS.toFixed(1), count(readings / result.wallS), count(result.maxRssMb)];
    });
    printTable(`vigil infer (two streaming passes, detector model written; load average after ${loadAverage()})`,
      ['file', 'readings', 'keys', 'MB', 'wall s', 'CPU s', 'readings/s', 'peak RSS MB'], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A seeded history: each key its own level and noise; readings interleaved in time order. */
function writeHistory(dir: string, format: 'jsonl' | 'csv', readings: number, keys: number): string {
  const file = path.join(dir, `history.${format}`);
  const fd = openSync(file, 'w');
  const random = seeded(7);
  const levels = Array.from({ length: keys }, () => 15 + 10 * random());
  if (format === 'csv') writeSync(fd, 'timestamp,deviceId,temperature,humidity\n');
  let batch: string[] = [];
  for (let n = 0; n < readings; n++) {
    const key = n % keys;
    const time = EPOCH + Math.floor(n / keys) * 1000 + key;
    const temperature = (levels[key] + random() - 0.5).toFixed(3);
    const humidity = (40 + 10 * random()).toFixed(2);
    batch.push(format === 'csv'
      ? `${time},dev-${key},${temperature},${humidity}`
      : `{"inputName":"Telemetry","payload":{"deviceId":"dev-${key}","temperature":${temperature},"humidity":${humidity}},"timestamp":${time}}`);
    if (batch.length === 10_000) {
      writeSync(fd, batch.join('\n') + '\n');
      batch = [];
    }
  }
  if (batch.length) writeSync(fd, batch.join('\n') + '\n');
  closeSync(fd);
  return file;
}

function inferOnce(dir: string, file: string): { wallS: number; cpuS: number; maxRssMb: number } {
  const probe = path.join(dir, 'probe.cjs');
  // Reports the process's own CPU time and peak RSS on fd 3 as it exits.
  writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(3, JSON.stringify(u)); });\n");
  const args = ['--require', probe, path.join(ROOT, 'bin/vigil.cjs'), 'infer', file, '--key', 'deviceId', '--out', path.join(dir, 'out')];
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) throw new Error(`vigil infer exited ${child.status}: ${child.stderr?.toString().slice(0, 2000)}`);
  const usage = JSON.parse(child.output[3]?.toString() ?? '{}') as NodeJS.ResourceUsage;
  readFileSync(path.join(dir, 'out', 'Telemetry_anomalies.json'));
  return { wallS, cpuS: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMb: usage.maxRSS / 1024 };
}
