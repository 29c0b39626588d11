'use strict';
// Loads a TypeScript entry point (the CLI) from an esbuild bundle kept in node_modules/.cache/vigil,
// rebuilt whenever one of the files it was built from changed. Compiling through tsx on every run
// costs a CLI command ~0.3 s before it does anything (0.46 s → 0.21 s for `vigil --help` measured);
// `vigil simulate` on a file of a few thousand messages spent most of its time there.
// Anything unexpected (no esbuild, a build error) falls back to tsx, which reports source errors
// as before; VIGIL_NO_BUNDLE=1 always uses tsx.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const cacheOf = (root) => path.join(root, 'node_modules', '.cache', 'vigil');

/** Whether the bundle's record of its inputs (and their modification times) still matches the checkout. */
function fresh(metaFile, root) {
  let meta;
  try {
    meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
  } catch {
    return false;
  }
  if (meta.node !== process.version) return false;
  for (const [file, mtimeMs] of Object.entries(meta.inputs)) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, file));
    } catch {
      return false;
    }
    if (stat.mtimeMs !== mtimeMs) return false;
  }
  return true;
}

// Code of local/ finds the checkout from its own folder (`__dirname`); in a bundle that would be
// the cache folder, so each project file's `__dirname`/`__filename` become its real ones.
const sourcePaths = {
  name: 'vigil-source-paths',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const text = fs.readFileSync(args.path, 'utf8');
      if (!/__dirname|__filename/.test(text)) return undefined;
      const contents = text.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path))).replace(/\b__filename\b/g, JSON.stringify(args.path));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

async function build(entry, outfile, metaFile, root) {
  const esbuild = require('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: false,
    metafile: true,
    write: false,
    logLevel: 'silent',
    plugins: [sourcePaths],
  });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) inputs[file] = fs.statSync(path.join(root, file)).mtimeMs;
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  // Written aside and renamed: two commands starting at once never read half a bundle.
  const suffix = `.${process.pid}.tmp`;
  fs.writeFileSync(outfile + suffix, result.outputFiles[0].contents);
  fs.writeFileSync(metaFile + suffix, JSON.stringify({ node: process.version, inputs }));
  fs.renameSync(outfile + suffix, outfile);
  fs.renameSync(metaFile + suffix, metaFile);
}

/**
 * The exports of `entry` (a path from the checkout's root): from the cached bundle when it is
 * up to date, from a new bundle otherwise, or through tsx when bundling is off or fails.
 */
async function loadEntry(entry, name, root = ROOT) {
  if (process.env.VIGIL_NO_BUNDLE !== '1') {
    const outfile = path.join(cacheOf(root), `${name}.cjs`);
    const metaFile = path.join(cacheOf(root), `${name}.inputs.json`);
    try {
      if (!fresh(metaFile, root)) await build(entry, outfile, metaFile, root);
      return require(outfile);
    } catch {
      // Fall through to tsx, which names the source's problem if there is one.
    }
  }
  require('tsx/cjs');
  return require(path.join(root, entry));
}

module.exports = { loadEntry };
