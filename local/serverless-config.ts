import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../lib/errors';

/** The parts of a resolved serverless.yml the local stack reads. */
export interface ServerlessConfig {
  readonly service: string;
  readonly provider: { readonly stage: string; readonly region: string; readonly environment?: Record<string, string> };
  readonly functions: Record<string, { readonly handler: string; readonly name?: string; readonly events?: Record<string, unknown>[]; readonly environment?: Record<string, string> }>;
  readonly resources?: { readonly Resources?: Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }> };
  readonly [key: string]: unknown;
}

/** `serverless print` failed: the message is what Serverless said (a YAML error, a variable it cannot resolve, an invalid declared rule). */
export class ServerlessPrintError extends AppError {}

/**
 * The resolved configuration (`serverless print --format json`), cached under `.vigil/` by the
 * content of everything it is built from, so only the first start after a change pays the ~3 s.
 */
export async function serverlessConfig(root: string, stage: string): Promise<ServerlessConfig> {
  // The declared rules' generator (serverless/declared-rules.cjs runs it) shapes the output too.
  const sources = ['serverless.yml', ...list(root, 'serverless'), 'scripts/model-files.cjs', ...list(root, 'models'), ...list(root, 'lib/declared-rules')];
  const hash = createHash('sha256');
  for (const file of sources) hash.update(file).update(readFileSync(path.join(root, file)));
  const cache = path.join(root, '.vigil', 'cache', `serverless-${stage}-${hash.digest('hex').slice(0, 16)}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as ServerlessConfig;
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules', 'serverless', 'bin', 'serverless.js'), 'print', '--format', 'json', '--stage', stage], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    // Dummy credentials: printing needs no AWS call, and must not try one.
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local', AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local' },
  }).catch((error: Error & { stdout?: string }) => {
    // Serverless prints why on stdout, after `Error:` (stderr has only its version lines): say that.
    const said = error.stdout?.split(/^Error:\s*$/m)[1]?.trim();
    throw new ServerlessPrintError(said || error.message, { cause: error });
  });
  const config = JSON.parse(stdout) as ServerlessConfig;
  mkdirSync(path.dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify(config));
  return config;
}

/** The files of a folder (not its subfolders: `models/examples` is not loaded, so it does not count). */
function list(root: string, folder: string): string[] {
  const full = path.join(root, folder);
  return existsSync(full) ? readdirSync(full, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(folder, entry.name)).sort() : [];
}
