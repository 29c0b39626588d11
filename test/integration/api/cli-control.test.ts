import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processBatch } from '../../../lib/runtime/process-batch';
import { runCli } from '../../helpers/cli';
import { createTestStack, type TestStack } from '../stack';
import { stageOf, startTestApi, type TestApi } from './api-server';

const ROOT = path.resolve(__dirname, '../../..');
const MODELS = path.join(ROOT, 'models');

/**
 * The `vigil` control-plane commands against the test stack's API on DynamoDB Local, with the
 * shipped model files deployed as they are: the API fills their placeholders for this stack.
 */
describe('vigil control-plane commands against a running API', () => {
  let stack: TestStack;
  let api: TestApi;
  const cli = (...args: string[]) => runCli(...args, '--endpoint', api.server.url);

  beforeAll(async () => {
    stack = await createTestStack();
    api = await startTestApi(stack);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('deploys a shipped model file with its ARNs filled for this stack; the same file again is unchanged', async () => {
    // Act
    const first = await cli('deploy-model', path.join(MODELS, 'device-connectivity.json'));
    const second = await cli('deploy-model', path.join(MODELS, 'device-connectivity.json'));
    const versions = await cli('list-detector-model-versions', 'deviceConnectivity', '--json');
    // Assert
    const stored = (await api.runtime.repository.getModel('deviceConnectivity'))?.request;
    const targets = [...JSON.stringify(stored).matchAll(/"targetArn":"([^"]*)"/g)].map((match) => match[1]);
    expect(first).toMatchObject({ code: 0, stdout: 'detector model deviceConnectivity: created, version 1 (ACTIVATING)' });
    expect(second).toEqual({ code: 0, stdout: 'detector model deviceConnectivity: unchanged, version 1', stderr: '' });
    expect(JSON.parse(versions.stdout).detectorModelVersionSummaries).toHaveLength(1);
    expect(new Set(targets)).toEqual(new Set([stack.provisioned.topics.AlertsTopic.arn]));
    expect(stored?.roleArn).toBe(`arn:aws:iam::000000000000:role/vigil-${stageOf(stack)}-models`);
  });

  it('describes, lists and deletes inputs', async () => {
    // Arrange
    await cli('deploy-input', path.join(MODELS, 'motor.inputs.json'));
    // Act
    const described = await cli('describe-input', 'PressureInput');
    const listed = await cli('list-inputs');
    const deleted = await cli('delete-input', 'PressureInput');
    const gone = await cli('describe-input', 'PressureInput');
    // Assert
    expect(described.stdout.split('\n').slice(0, 3)).toEqual(['PressureInput (ACTIVE)', '  Pressure readings from a motor', '  attributes: sensorData.pressure, motorid']);
    expect(listed.stdout).toMatch(/^PressureInput\s+ACTIVE\s+created \S+Z {2}Pressure readings from a motor$/);
    expect(deleted).toEqual({ code: 0, stdout: 'input PressureInput: deleted', stderr: '' });
    expect(gone).toMatchObject({ code: 1, stderr: expect.stringMatching(/^vigil describe-input: ResourceNotFoundException: /) });
  });

  it('analyzes a model file, listing each finding, and exits 1 on an ERROR', async () => {
    // Arrange
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-analyze-'));
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, JSON.stringify({ detectorModelName: 'broken', detectorModelDefinition: { initialStateName: 'A', states: [{ stateName: 'A', onInput: { transitionEvents: [{ eventName: 'go', condition: 'true', nextState: 'Nowhere' }] } }] } }));
    // Act
    const clean = await cli('analyze-model', path.join(MODELS, 'job-failures.json'));
    const failed = await cli('analyze-model', broken);
    // Assert
    expect(clean.code).toBe(0);
    expect(clean.stdout).not.toMatch(/^ERROR/m);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/^ERROR states\[0\]\.onInput\.transitionEvents\[0\]\.nextState: /m);
  });

  it('refuses a built-in lifecycle input from a caller not among LIFECYCLE_PUBLISHERS, naming it', async () => {
    // Act
    const sent = await cli('batch-put-message', '--input', 'AwsIotPresence', '--payload', '{"clientId": "d0", "eventType": "disconnected", "timestamp": 1700000000000, "versionNumber": 99}');
    const detectors = await cli('list-detectors', 'deviceConnectivity');

    // Assert
    expect(sent.code).not.toBe(0);
    expect(sent.stdout + sent.stderr).toMatch(/AwsIotPresence is a built-in lifecycle input: it is fed by the \$aws\/events topic rule/);
    expect(detectors.stdout).not.toMatch(/^d0\s/m);
  });

  it('deletes a detector model with its detectors', async () => {
    // Arrange: a detector of the connectivity model, from a lifecycle event as the lifecycle rule delivers it.
    const [outcome] = await processBatch(
      [{ messageId: 'presence-d1', inputName: 'AwsIotPresence', payload: '{"clientId": "d1", "eventType": "connected", "timestamp": 1700000000000, "versionNumber": 1}', origin: 'lifecycle' }],
      api.runtime,
      api.runtime.settings,
    );
    const sent = { code: outcome.status === 'processed' ? 0 : 1 };
    const before = await cli('list-detectors', 'deviceConnectivity');
    // Act
    const deleted = await cli('delete-detector-model', 'deviceConnectivity');
    const models = await cli('list-detector-models');
    const detectors = await cli('list-detectors', 'deviceConnectivity');
    // Assert
    expect(sent.code).toBe(0);
    expect(before.stdout).toMatch(/^d1\s/);
    expect(deleted).toEqual({ code: 0, stdout: 'detector model deviceConnectivity: deleted, with its detectors', stderr: '' });
    expect(models).toEqual({ code: 0, stdout: '', stderr: 'no detector models' });
    expect(detectors.stdout).toBe('');
  });
});
