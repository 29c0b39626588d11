import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { settingsFromEnv } from './env-options';
import { importantLine } from './offline-log';
import { startLocalStack, type LocalStack } from './start-local-stack';
import { describeState } from './find-local-stack';
import { CHECKOUT, localStackDir, readStateFile, removeStateFile, stateFilePath, writeStateFile } from './state-file';

/** What a parent process (`spawnLocalStack`) receives over the IPC channel. */
export type LocalStackMessage =
  | { readonly type: 'ready'; readonly endpoints: LocalStack['endpoints']; readonly ports: LocalStack['ports']; readonly provisioned: LocalStack['provisioned']; readonly readyMs: number }
  | { readonly type: 'failed'; readonly message: string };

const USAGE = `usage: npm start [-- --persist]

  --persist   keep the stack's data (DynamoDB Local's tables: models, detectors, timers, traces)
              in .vigil/dynamodb/ across restarts; also VIGIL_PERSIST=1. Default: in memory,
              every start begins empty.`;

/**
 * `npm start`: starts the local stack, prints one line when it is ready, then only what needs
 * attention (function warnings and errors, failed rule actions; everything goes to
 * `.vigil/local-stack.log`, or `VIGIL_LOG_FILE`), and stops everything on Ctrl-C or SIGTERM. Its
 * state file (`local-stack.json`) and log live in `.vigil/`, or `VIGIL_DIR`. Resolves with the exit code.
 */
export async function main(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const unknown = argv.filter((arg) => arg !== '--persist');
  if (unknown.length) {
    process.stderr.write(`vigil: unknown option '${unknown[0]}'\n\n${USAGE}\n`);
    return 2;
  }
  // Another project folder (serverless.yml, serverless/, models/): tests edit a copy, never the checkout.
  const root = env.VIGIL_ROOT ? path.resolve(env.VIGIL_ROOT) : CHECKOUT;
  // The tools of this checkout look for the state file here, whichever project folder runs.
  const dir = localStackDir(env);
  const logFile = env.VIGIL_LOG_FILE ? path.resolve(env.VIGIL_LOG_FILE) : path.join(dir, 'local-stack.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  const logStream = createWriteStream(logFile, { flags: 'w' });
  let ready = false;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const log = (message: string, error?: Error) => {
    const line = `${message}${error ? `: ${error.message}` : ''}`;
    logStream.write(`[vigil] ${line}\n`);
    if (ready) say(`vigil: ${line}`);
  };
  let settings;
  try {
    settings = settingsFromEnv(env);
  } catch (error) {
    say(`vigil: ${(error as Error).message}`);
    return 2;
  }
  const { options, verbose } = settings;
  const persist = argv.includes('--persist') || env.VIGIL_PERSIST === '1' || env.VIGIL_PERSIST === 'true';
  const dataDir = persist ? path.join(dir, 'dynamodb') : undefined;
  // A stack started by a parent (tests) leaves the developer's state file alone, unless given a folder of its own.
  const stateFile = process.send && !env.VIGIL_DIR ? undefined : stateFilePath(dir);
  const running = stateFile && readStateFile(stateFile);
  if (running && dataDir) {
    // Two DynamoDB Locals on one database file corrupt it.
    say(`vigil: a local stack already runs from ${dir} (${describeState(running)}): stop it first, or give this one another VIGIL_DIR`);
    return 1;
  }
  // The first Ctrl-C (or SIGTERM) stops everything; a second one means "now".
  let requested = false;
  let onRequest = () => undefined as void;
  const stopRequested = new Promise<void>((resolve) => (onRequest = resolve));
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals | 'disconnect' | 'parent exited' | 'failure') => {
    if (requested) {
      if (signal !== 'SIGINT' && signal !== 'SIGTERM' && signal !== 'SIGHUP') return;
      say(`vigil: ${signal} again, exiting without waiting`);
      process.exit(130);
    }
    requested = true;
    onRequest();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Started by a parent (tests): when the parent goes away, so does the stack.
  process.on('disconnect', () => onSignal('disconnect'));
  // `npm start` runs us under `sh -c`: a SIGTERM sent to npm kills that shell, not us. Whoever
  // started the stack going away (this process reparented) means stop, so nothing is orphaned.
  const parent = process.ppid;
  // Once the parent is gone, its end of our output may be too: stopping must not die of EPIPE.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
  const orphaned = setInterval(() => process.ppid !== parent && onSignal('parent exited'), 500);
  orphaned.unref();
  let stack: LocalStack;
  try {
    stack = await startLocalStack({
      ...options,
      root,
      ...(dataDir ? { dataDir } : {}),
      log,
      onFatal: (error) => {
        // On Ctrl-C the terminal signals offline too: its exit is then expected.
        if (requested) return;
        say(`vigil: ${error.message}`);
        exitCode = 1;
        onSignal('failure');
      },
      onOfflineLine: (line) => {
        logStream.write(`${line}\n`);
        if (!ready) return;
        const important = verbose ? line : importantLine(line);
        if (important !== undefined) say(important);
      },
    });
  } catch (error) {
    say(`vigil: the local stack did not start: ${(error as Error).message}`);
    process.send?.({ type: 'failed', message: (error as Error).message } satisfies LocalStackMessage);
    return 1;
  }
  if (requested) {
    // A signal (or a failure) arrived while starting: stop what just started.
    await stack.stop();
    return exitCode;
  }
  ready = true;
  if (stateFile) writeStateFile(stateFile, { pid: process.pid, startedAt: Date.now(), stage: stack.stage, endpoints: stack.endpoints, ports: stack.ports, provisioned: stack.provisioned, ...(dataDir ? { dataDir } : {}) });
  const { endpoints } = stack;
  // From process start, tsx compiling included: what the developer waited.
  const seconds = process.uptime().toFixed(1);
  process.stdout.write(
    `Vigil local stack ready in ${seconds} s: Console ${endpoints.console} · HTTP ${endpoints.http} · MQTT ${endpoints.mqtt} · DynamoDB ${endpoints.dynamodb} · SNS/SQS ${endpoints.sqs} · Lambda ${endpoints.lambda} · data ${dataDir ? `kept in ${path.relative(process.cwd(), dataDir) || dataDir}` : 'in memory (--persist keeps it)'} (logs: ${path.relative(process.cwd(), logFile) || logFile}; Ctrl-C stops)\n`,
  );
  for (const notice of stack.modelNotices) log(notice);
  if (options.auth?.mode === 'off') say('vigil: VIGIL_LOCAL_AUTH=off: the HTTP and Lambda APIs take unsigned requests from anyone on this machine');
  process.send?.({ type: 'ready', endpoints, ports: stack.ports, provisioned: stack.provisioned, readyMs: stack.readyMs } satisfies LocalStackMessage);
  await stopRequested;
  say('vigil: stopping…');
  await stack.stop();
  if (stateFile) removeStateFile(stateFile, process.pid);
  await new Promise<void>((resolve) => logStream.end(resolve));
  return exitCode;
}
