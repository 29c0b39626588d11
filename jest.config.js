/**
 * Three projects: `unit` (pure code and adapters with mocked clients, no setup), `integration`
 * (real DynamoDB Local and fauxqs, started once per run) and `browser` (the console in Chromium,
 * one local stack per test file; `scripts/install-chromium.sh` installs the browser). `npm test`
 * runs them all; `npx jest --selectProjects unit` is the fast loop.
 */
// The AWS SDK warns about Node 20 once per worker and client; the notice drowns the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', {}] },
  // middy ships ESM with import-only exports; jest runs CJS.
  moduleNameMapper: { '^@middy/([^/]+)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  transformIgnorePatterns: ['/node_modules/(?!(@middy|lossless-json)/)'],
  setupFilesAfterEnv: ['aws-sdk-client-mock-jest'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/', '<rootDir>/test/browser/'],
    },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration'],
      testMatch: ['**/*.test.ts'],
      // .mjs: jest imports it natively, so ESM-only packages (fauxqs) load.
      globalSetup: '<rootDir>/test/integration/global-setup.mjs',
      globalTeardown: '<rootDir>/test/integration/global-teardown.mjs',
      setupFiles: ['<rootDir>/test/integration/dns-localhost.cjs'],
    },
    {
      ...shared,
      displayName: 'browser',
      roots: ['<rootDir>/test/browser'],
      testMatch: ['**/*.test.ts'],
    },
  ],
  testTimeout: 60000,
};
