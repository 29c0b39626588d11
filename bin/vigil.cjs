#!/usr/bin/env node
'use strict';
// The CLI is TypeScript, run from a bundle esbuild keeps up to date (bin/bundled.cjs), so `npx
// vigil` works right after `npm ci` and starts in a fraction of what compiling it each time takes.
// The SDK's Node 22 notice would precede every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `vigil simulate … | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { loadEntry } = require('./bundled.cjs');

loadEntry('cli/main.ts', 'cli')
  .then(({ main }) => main(process.argv.slice(2)))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`vigil: ${error && error.stack ? error.stack : error}\n`);
      // The bundle has no source map (it would double the start-up time): tsx gives source lines.
      if (process.env.VIGIL_NO_BUNDLE !== '1') process.stderr.write('vigil: run with VIGIL_NO_BUNDLE=1 to see this error at its lines in the sources\n');
      process.exitCode = 70;
    },
  );
