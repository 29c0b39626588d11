// `npm run docs`: regenerates the documentation pages that are generated from code.
'use strict';
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { require: tsRequire } = require('tsx/cjs/api');

const { lifecycleInputsPage } = tsRequire('../lib/lifecycle/index.ts', __filename);
writeFileSync(path.join(__dirname, '..', 'docs', 'lifecycle-inputs.md'), lifecycleInputsPage());
console.log('docs/lifecycle-inputs.md written');
