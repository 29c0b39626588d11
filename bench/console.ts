import { gzipSync } from 'node:zlib';
import { buildConsole } from '../local/console/build-console';
import { count, median, printTable } from './measure';

const BUILDS = 5;

/**
 * `npm run bench -- console`: what the browser downloads (each file of the console, raw and
 * gzip-compressed at level 9, the source map aside: a browser fetches it only with its developer
 * tools open) and how long the in-memory build takes when the console server starts.
 */
export async function run(): Promise<void> {
  const times: number[] = [];
  let files = await buildConsole();
  for (let i = 0; i < BUILDS; i++) {
    const started = process.hrtime.bigint();
    files = await buildConsole();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const served = [...files].filter(([name]) => !name.endsWith('.map')).sort(([a], [b]) => a.localeCompare(b));
  const rows = served.map(([name, file]) => [name, count(file.body.length), count(gzipSync(file.body, { level: 9 }).length)]);
  const total = (size: (body: Buffer) => number) => count(served.reduce((sum, [, file]) => sum + size(file.body), 0));
  rows.push(['total', total((body) => body.length), total((body) => gzipSync(body, { level: 9 }).length)]);
  printTable('Console bundle (bytes; what a browser downloads, source map aside)', ['file', 'raw', 'gzip'], rows);
  console.log(`\nIn-memory build (esbuild), median of ${BUILDS}: ${median(times).toFixed(0)} ms`);
}
