// Starts DynamoDB Local and fauxqs (local SNS/SQS) once for every integration test file, and
// resolves serverless.yml once. Each test file then provisions its own copy of the stack's tables
// and queues (see test/integration/stack.ts), so files run in parallel without sharing state.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { require as tsxRequire } from 'tsx/cjs/api';

export default async function setup(globalConfig) {
  const root = globalConfig.rootDir;
  // The local stack's own starters: the same 127.0.0.1-only DynamoDB Local and fauxqs as `npm start`.
  const { freePort, startDynamoDbLocal, startSnsSqs } = tsxRequire(path.join(root, 'local/emulators.ts'), import.meta.url);
  const started = await Promise.allSettled([freePort().then((port) => startDynamoDbLocal(port)), startSnsSqs(0)]);
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    // Jest runs no teardown after a failed setup: stop what did start, or a Java process outlives the run.
    await Promise.all(started.map((result) => result.status === 'fulfilled' && result.value.stop()));
    throw failed.reason;
  }
  const [dynamo, fauxqs] = started.map((result) => result.value);
  globalThis.__VIGIL_SERVICES__ = { dynamo, fauxqs };
  const dynamodbEndpoint = dynamo.endpoint;

  // The resolved serverless.yml, shared with every test file.
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/serverless/bin/serverless.js'), 'print', '--format', 'json', '--stage', 'test'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SLS_TELEMETRY_DISABLED: '1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
  });
  const configFile = path.join(root, '.vigil', 'test-serverless.json');
  mkdirSync(path.dirname(configFile), { recursive: true });
  writeFileSync(configFile, stdout);

  // Inherited by the test workers.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamodbEndpoint,
    AWS_ENDPOINT_URL_DYNAMODB_STREAMS: dynamodbEndpoint,
    AWS_ENDPOINT_URL_SQS: fauxqs.endpoint,
    AWS_ENDPOINT_URL_SNS: fauxqs.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    VIGIL_TEST_SERVERLESS: configFile,
    POWERTOOLS_DEV: 'true',
  });
}
