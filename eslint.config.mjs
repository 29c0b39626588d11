import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeGlobals = {
  require: 'readonly', module: 'writable', exports: 'writable', process: 'readonly', console: 'readonly',
  __dirname: 'readonly', __filename: 'readonly', Buffer: 'readonly', setTimeout: 'readonly',
  clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly',
};

// The pure core runs unchanged in Lambda, the local stack, tests and the CLI: no I/O, no clock, no env.
const PURE = ['lib/expression/**/*.ts', 'lib/model/**/*.ts', 'lib/engine/**/*.ts', 'lib/lifecycle/**/*.ts', 'lib/migration/**/*.ts', 'lib/declared-rules/**/*.ts', 'lib/inference/**/*.ts'];

// The layers (docs/architecture.md draws them): every arrow there is one of these rules.
const SDK = { group: ['@aws-sdk/*', 'aws-sdk', 'aws-sdk/*', '@smithy/*'], message: 'Only lib/adapters (and local/, cli/, bench/, test/) talk to AWS: go through a port or lib/wiring.' };
const OUTSIDE_LIB = { group: ['**/local/**', '**/cli/**', '**/bench/**', '**/test/**', '**/scripts/**'], message: 'What ships (lib/, functions/) never depends on the local stack, the CLI, benchmarks or tests.' };
const HANDLERS = { group: ['**/functions/**'], message: 'Handlers are entry points; nothing imports them.' };
const WIRING = { group: ['**/wiring', '**/wiring/**'], message: 'Only handlers (and tools) build the runtime: lib/wiring is the composition root.' };
const ADAPTERS = { group: ['**/adapters/**'], message: 'Use cases talk to ports (lib/ports), never to adapters: lib/wiring plugs adapters in.' };
const USE_CASES = { group: ['**/runtime/**', '**/api/**', '**/simulation/**'], message: 'Adapters implement ports; they never call the use cases that use them.' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
// The console (console/) runs in the browser: browser globals, and nothing of Node or of the server side.
const browserGlobals = {
  window: 'readonly', document: 'readonly', navigator: 'readonly', location: 'readonly', history: 'readonly', fetch: 'readonly',
  console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
  requestAnimationFrame: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', AbortController: 'readonly',
  HTMLElement: 'readonly', Event: 'readonly', KeyboardEvent: 'readonly', MouseEvent: 'readonly',
};
const NODE_OR_SERVER = { group: ['node:*', 'fs', 'path', 'http', 'child_process', '@aws-sdk/*', '@smithy/*', '**/local/**', '**/cli/**', '**/lib/adapters/**', '**/lib/wiring/**', '**/functions/**'], message: 'The console runs in the browser: it reaches Vigil only through fetch(\'/api/…\').' };

export default tseslint.config(
  { ignores: ['node_modules/', '.serverless/', '.esbuild/', '.esbuild-stack-*/', '.bench/', 'dist/', 'coverage/', '.vigil/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: nodeGlobals },
    rules: {
      'no-eval': 'error',
      'no-new-func': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.cjs', '**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['console/**/*.{ts,tsx,js,mjs}'], languageOptions: { globals: browserGlobals }, rules: restrict(NODE_OR_SERVER) },
  { files: ['lib/**/*.ts', 'functions/**/*.ts'], rules: restrict(OUTSIDE_LIB, HANDLERS) },
  { files: ['lib/runtime/**/*.ts', 'lib/api/**/*.ts', 'lib/simulation/**/*.ts', 'lib/ports/**/*.ts'], rules: restrict(OUTSIDE_LIB, HANDLERS, SDK, ADAPTERS, WIRING) },
  { files: ['lib/adapters/**/*.ts'], rules: restrict(OUTSIDE_LIB, HANDLERS, USE_CASES, WIRING) },
  { files: ['lib/wiring/**/*.ts', 'lib/*.ts'], rules: restrict(OUTSIDE_LIB, HANDLERS, SDK) },
  { files: ['functions/**/*.ts'], rules: restrict(OUTSIDE_LIB, HANDLERS, SDK, { ...ADAPTERS, message: 'Handlers get adapters from lib/wiring (the composition root), never directly.' }) },
  {
    files: PURE,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['@aws-sdk/*', 'aws-sdk', 'aws-sdk/*', '@smithy/*', '@middy/*', 'aws-lambda', '@aws-lambda-powertools/*'], message: 'The pure core must not depend on AWS or Lambda libraries; use a port.' },
          { group: ['fs', 'node:fs', 'fs/*', 'node:fs/*', 'net', 'node:net', 'http', 'node:http', 'https', 'node:https', 'child_process', 'node:child_process'], message: 'The pure core does no I/O.' },
          { group: ['**/adapters/**', '**/runtime/**', '**/functions/**', '**/api/**', '**/simulation/**', '**/ports/**', '**/ports', '**/wiring', '**/wiring/**'], message: 'The pure core must not import impure layers.' },
          OUTSIDE_LIB,
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'process', property: 'env', message: 'Configuration reaches the pure core as arguments, never from process.env.' },
        { object: 'Date', property: 'now', message: 'The pure core receives `now` as an argument.' },
        { object: 'Math', property: 'random', message: 'The pure core is deterministic; take ids as inputs.' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The pure core receives `now` as an argument.' },
        // process.env reached another way: globalThis.process, process['env'], const { env } = process.
        { selector: "MemberExpression[object.name='globalThis'][property.name='process']", message: 'Configuration reaches the pure core as arguments, never from process.env.' },
        { selector: "MemberExpression[object.name='process'][computed=true]", message: 'Configuration reaches the pure core as arguments, never from process.env.' },
        { selector: "VariableDeclarator[init.name='process']", message: 'Configuration reaches the pure core as arguments, never from process.env.' },
        { selector: "MemberExpression[object.name='Date'][computed=true]", message: 'The pure core receives `now` as an argument.' },
      ],
    },
  },
);
