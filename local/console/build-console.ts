import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../lib/errors';
import { projectRoot } from '../project-root';

/** One file the console serves: its bytes and its `Content-Type`. */
export interface ConsoleFile {
  readonly body: Buffer;
  readonly type: string;
}

/** The console's files by URL path (`/index.html`, `/app.js`, …). */
export type ConsoleFiles = ReadonlyMap<string, ConsoleFile>;

/** The console's sources could not be bundled (a syntax or type-import error in `console/src`). */
export class ConsoleBuildError extends AppError {}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The `Content-Type` a file is served with, from its extension. */
export function contentType(name: string): string {
  return TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream';
}

/** Where the console's sources are: `console/` of this checkout (also from a bundle under `.bench/`). */
export function consoleDir(): string {
  return path.join(projectRoot(__dirname, path.join('console', 'src', 'main.tsx'), path.resolve(__dirname, '..', '..')), 'console');
}

/**
 * Builds the console in memory, as the console server starts: `console/src/main.tsx` bundled by
 * esbuild (Preact's automatic JSX runtime, minified, for the browsers of the last few years) into
 * `/app.js` with its source map beside it (`/app.js.map`), plus every file of `console/public/` at
 * its own path (`/index.html`, `/app.css`, …). Nothing is written to disk and no bundle is
 * committed: the console always matches the checkout (decision C1).
 *
 * @throws ConsoleBuildError with esbuild's messages when the sources do not bundle.
 */
export async function buildConsole(dir: string = consoleDir()): Promise<Map<string, ConsoleFile>> {
  // Loaded here: the CLI's other commands and the pure tests never pay for esbuild.
  const { build } = await import('esbuild');
  const files = new Map<string, ConsoleFile>();
  const outdir = path.join(dir, '.build');
  let result;
  try {
    result = await build({
      entryPoints: { app: path.join(dir, 'src', 'main.tsx') },
      bundle: true,
      write: false,
      outdir,
      format: 'iife',
      platform: 'browser',
      target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
      minify: true,
      sourcemap: 'linked',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      define: { 'process.env.NODE_ENV': '"production"' },
      // preact resolves from this checkout's node_modules, wherever the sources are.
      nodePaths: [path.join(projectRoot(__dirname, 'package.json', path.resolve(__dirname, '..', '..')), 'node_modules')],
      logLevel: 'silent',
      legalComments: 'none',
    });
  } catch (error) {
    const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors ?? [];
    const lines = errors.map(({ text, location }) => (location ? `${location.file}:${location.line}:${location.column}: ${text}` : text));
    throw new ConsoleBuildError(`the console does not build: ${lines.join('; ') || (error as Error).message}`, { cause: error });
  }
  for (const output of result.outputFiles) {
    const name = `/${path.relative(outdir, output.path).split(path.sep).join('/')}`;
    files.set(name, { body: Buffer.from(output.contents), type: contentType(name) });
  }
  const publicDir = path.join(dir, 'public');
  for (const entry of readdirSync(publicDir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(publicDir, entry);
    if (!statSync(file).isFile()) continue;
    const name = `/${entry.split(path.sep).join('/')}`;
    files.set(name, { body: readFileSync(file), type: contentType(name) });
  }
  return files;
}
