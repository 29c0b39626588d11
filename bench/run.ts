/**
 * `npm run bench [-- <suite>…]`: runs the benchmark suites and prints their figures. Benchmarks
 * measure; they never assert. Suites that need DynamoDB Local start it themselves.
 */
import os from 'node:os';

const SUITES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  expression: () => import('./expression'),
  engine: () => import('./engine'),
  runtime: () => import('./runtime'),
  timers: () => import('./timers'),
  lambdas: () => import('./lambdas'),
  simulate: () => import('./simulate'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SUITES));
  if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Vigil benchmarks: Node ${process.version}, ${os.cpus().length} × ${cpu}`);
  for (const name of wanted.length ? wanted : Object.keys(SUITES)) await (await SUITES[name]()).run();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
