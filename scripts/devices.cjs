#!/usr/bin/env node
'use strict';
// `npm run devices`: simulated motors publishing to the local stack's MQTT broker (see local/devices).
require('tsx/cjs');
const { main } = require('../local/devices/main.ts');

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`devices: ${error && error.stack ? error.stack : error}\n`);
    process.exit(70);
  },
);
