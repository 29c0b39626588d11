/** Shared helpers for benchmarks: timing with warm-up (wall clock and CPU time), and table printing. */
import os from 'node:os';


/** Operations per second of each timed round, by the wall clock and by the process's CPU time. */
export interface Rates {
  readonly wall: number[];
  /**
   * Operations per second of CPU time (user + system, every thread of the process: the garbage
   * collector's helpers too). On a shared machine it moves far less than the wall clock when
   * other work competes for the cores, so A/B comparisons read it first.
   */
  readonly cpu: number[];
}

/** Runs `body(iterations)` for `rounds` rounds after a warm-up; returns operations/second per round. */
export function measure(body: (iterations: number) => void, iterations: number, rounds = 7): number[] {
  return measureRates(body, iterations, rounds).wall;
}

/** As {@link measure}, with the rate of each round by CPU time as well as by the wall clock. */
export function measureRates(body: (iterations: number) => void, iterations: number, rounds = 7): Rates {
  body(Math.max(1, Math.floor(iterations / 5))); // warm-up: let V8 optimise before timing
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const cpuStart = process.cpuUsage();
    const start = process.hrtime.bigint();
    body(iterations);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const used = process.cpuUsage(cpuStart);
    wall.push(iterations / seconds);
    cpu.push(iterations / ((used.user + used.system) / 1e6));
  }
  return { wall, cpu };
}

/** The load average (1, 5 and 15 minutes) as text, to print beside wall-clock figures. */
export function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(2)).join(' ');
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The p-th percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Formats an integer with thousands separators. */
export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
