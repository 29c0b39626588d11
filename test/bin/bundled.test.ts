import { mkdtempSync, rmSync, statSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

type LoadEntry = (entry: string, name: string, root?: string) => Promise<Record<string, unknown>>;

/** A checkout of two TypeScript files: `main.ts` re-exports what `lib/value.ts` says, and its folder. */
function checkout(value: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'vigil-bundle-'));
  mkdirSync(path.join(root, 'lib'));
  writeFileSync(path.join(root, 'main.ts'), "export { value, folder } from './lib/value';\n");
  writeValue(root, value, Date.now() / 1000 - 60);
  return root;
}

function writeValue(root: string, value: number, mtimeSeconds: number): void {
  const file = path.join(root, 'lib', 'value.ts');
  writeFileSync(file, `export const value: number = ${value};\nexport const folder: string = __dirname;\n`);
  utimesSync(file, mtimeSeconds, mtimeSeconds);
}

/** Loads the entry as a new CLI process would (no module registry from an earlier load). */
async function load(root: string): Promise<Record<string, unknown>> {
  jest.resetModules();
  // bin/ is plain CommonJS, run by node before any TypeScript loader.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { loadEntry } = require('../../bin/bundled.cjs') as { loadEntry: LoadEntry };
  return loadEntry('main.ts', 'test', root);
}

describe('the CLI bundle (bin/bundled.cjs)', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('runs the entry from a bundle, and reuses that bundle while no source changed', async () => {
    // Arrange
    const root = checkout(1);
    roots.push(root);
    const bundle = path.join(root, 'node_modules', '.cache', 'vigil', 'test.cjs');

    // Act
    const first = await load(root);
    const builtAt = statSync(bundle).mtimeMs;
    const second = await load(root);

    // Assert
    expect([first.value, second.value]).toEqual([1, 1]);
    expect(statSync(bundle).mtimeMs).toBe(builtAt);
  });

  it('rebuilds when a file the bundle was built from changed', async () => {
    // Arrange
    const root = checkout(1);
    roots.push(root);
    await load(root);
    const bundle = path.join(root, 'node_modules', '.cache', 'vigil', 'test.cjs');
    const builtAt = statSync(bundle).mtimeMs;

    // Act
    writeValue(root, 2, Date.now() / 1000);
    const after = await load(root);

    // Assert
    expect(after.value).toBe(2);
    expect(statSync(bundle).mtimeMs).not.toBe(builtAt);
  });

  it("gives each source file its own folder as __dirname, not the cache's", async () => {
    // Arrange
    const root = checkout(1);
    roots.push(root);

    // Act
    const loaded = await load(root);

    // Assert
    expect(loaded.folder).toBe(path.join(root, 'lib'));
  });
});
