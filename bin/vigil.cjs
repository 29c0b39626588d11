#!/usr/bin/env node
'use strict';
// The CLI is TypeScript; tsx compiles it on the fly so `npx vigil` works right after `npm ci`.
// The SDK's Node 22 notice would precede every command's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// `vigil simulate … | head` closes the pipe early: stop quietly, as other Unix tools do.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
require('tsx/cjs');
const { main } = require('../cli/main.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`vigil: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 70;
  },
);
