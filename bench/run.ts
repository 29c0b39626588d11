/**
 * `npm run bench [-- <suite>… [--option value…]]`: runs the benchmark suites and prints their
 * figures. Benchmarks measure; they never assert. Suites that need DynamoDB Local (or the whole
 * local stack) start it themselves. `npm run bench -- load --messages 2000 --devices 200`: a
 * smaller burst than the load suite's default (100,000 messages over 10,000 devices).
 */
import os from 'node:os';

/** A suite: its options are the `--name value` pairs after the suite names. */
type Suite = { run(options?: Readonly<Record<string, string>>): Promise<void> };

const SUITES: Record<string, () => Promise<Suite>> = {
  expression: () => import('./expression'),
  engine: () => import('./engine'),
  alarm: () => import('./alarm'),
  runtime: () => import('./runtime'),
  timers: () => import('./timers'),
  lambdas: () => import('./lambdas'),
  simulate: () => import('./simulate'),
  console: () => import('./console'),
  infer: () => import('./infer'),
  load: () => import('./local-stack-load'),
};
/** Run only when named: `load` starts the whole local stack and takes minutes at full size. */
const BY_DEFAULT = ['expression', 'engine', 'alarm', 'runtime', 'timers', 'lambdas', 'simulate', 'console', 'infer'];

/** Splits the arguments into suite names and `--name value` options. */
function parseArguments(args: readonly string[]): { names: string[]; options: Record<string, string> } {
  const names: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    if (!args[i].startsWith('--')) names.push(args[i]);
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) options[args[i].slice(2)] = args[++i];
    else throw new Error(`option ${args[i]} needs a value`);
  }
  return { names, options };
}

async function main(): Promise<void> {
  const { names: wanted, options } = parseArguments(process.argv.slice(2));
  const unknown = wanted.filter((name) => !(name in SUITES));
  if (unknown.length) throw new Error(`unknown suite(s) ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}`);
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`Vigil benchmarks: Node ${process.version}, ${os.cpus().length} × ${cpu}`);
  for (const name of wanted.length ? wanted : BY_DEFAULT) await (await SUITES[name]()).run(options);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
