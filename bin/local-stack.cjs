#!/usr/bin/env node
'use strict';
// `npm start`: the whole system on this machine. The stack is TypeScript; tsx compiles it on the fly.
// The AWS SDK warns on every start that its 2027 releases need Node 22 (see the toolchain notes);
// the local stack's one-line output is not the place for it.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
const { main } = require('../local/stack/main.ts');

main(process.env, process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`vigil: ${error && error.stack ? error.stack : error}\n`);
    process.exit(70);
  },
);
