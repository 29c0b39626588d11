import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../helpers/cli';
import { createTestStack, motorModel, type TestStack } from '../stack';
import { startTestApi, type TestApi } from './api-server';

const ROOT = path.resolve(__dirname, '../../..');

/** The `vigil` API commands against the test stack's API on DynamoDB Local. */
describe('vigil against a running API', () => {
  let stack: TestStack;
  let api: TestApi;
  let endpoint: string[];
  let model: string;

  beforeAll(async () => {
    stack = await createTestStack();
    api = await startTestApi(stack);
    endpoint = ['--endpoint', api.server.url];
    // The shipped model, with its placeholders filled for this stack, as seeding would.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-int-'));
    model = path.join(dir, 'motor.json');
    writeFileSync(model, JSON.stringify(motorModel(stack.provisioned.topics.AlertsTopic.arn)));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('deploys models/ files and walks a detector through its life', async () => {
    // Act
    const input = await runCli('deploy-input', path.join(ROOT, 'models/motor.inputs.json'), ...endpoint);
    const created = await runCli('deploy-model', model, ...endpoint);
    const sent = await runCli('batch-put-message', '--input', 'PressureInput', '--payload', '{"motorid": "Fulton-A32", "sensorData": {"pressure": 80}}', '--message-id', '00001', ...endpoint);
    const dangerous = await runCli('describe-detector', 'motorDetectorModel', '--key', 'Fulton-A32', ...endpoint);
    const updated = await runCli('batch-update-detector', 'motorDetectorModel', '--key', 'Fulton-A32', '--state', 'Normal', '--var', 'pressureThresholdBreached=0', ...endpoint);
    const listed = await runCli('list-detectors', 'motorDetectorModel', ...endpoint);
    const deleted = await runCli('delete-detector', 'motorDetectorModel', '--key', 'Fulton-A32', ...endpoint);
    const gone = await runCli('describe-detector', 'motorDetectorModel', '--key', 'Fulton-A32', ...endpoint);
    // Assert
    expect(input).toMatchObject({ code: 0, stdout: 'input PressureInput: created' });
    expect(created).toMatchObject({ code: 0, stdout: 'detector model motorDetectorModel: created, version 1 (ACTIVATING)' });
    expect(sent).toMatchObject({ code: 0, stdout: '00001: accepted' });
    expect(dangerous.stdout).toMatch(/state: Dangerous\n {2}variables:\n {4}pressureThresholdBreached = 3\n/);
    expect(updated).toMatchObject({ code: 0, stdout: 'motorDetectorModel Fulton-A32: now in Normal' });
    expect(listed.stdout).toMatch(/^Fulton-A32\s+Normal\s+v1\s+updated /);
    expect(deleted).toMatchObject({ code: 0, stdout: 'Fulton-A32: deleted' });
    expect(gone).toMatchObject({ code: 1, stderr: expect.stringMatching(/^vigil describe-detector: ResourceNotFoundException: /) });
  });

  it('describes and lists the deployed model', async () => {
    const described = await runCli('describe-detector-model', 'motorDetectorModel', ...endpoint);
    const listed = await runCli('list-detector-models', '--json', ...endpoint);
    expect(described.stdout.split('\n')[0]).toBe('motorDetectorModel version 1 (ACTIVE)');
    expect(JSON.parse(listed.stdout)).toEqual({ detectorModelSummaries: [{ detectorModelName: 'motorDetectorModel', creationTime: expect.any(Number) }] });
  });

  it('finds the shipped motor file, placeholders and all, unchanged from the model deployed filled for this stack', async () => {
    // Act
    const again = await runCli('deploy-model', path.join(ROOT, 'models/motor-detector-model.json'), ...endpoint);
    // Assert
    expect(again).toEqual({ code: 0, stdout: 'detector model motorDetectorModel: unchanged, version 1', stderr: '' });
  });

  it('traces why a detector did what it did', async () => {
    // Arrange
    await runCli('batch-put-message', '--input', 'PressureInput', '--payload', '{"motorid": "Trace-1", "sensorData": {"pressure": 80}}', '--message-id', 't-1', ...endpoint);
    // Act
    const traced = await runCli('trace', 'motorDetectorModel', '--key', 'Trace-1', ...endpoint);
    const missing = await runCli('trace', 'motorDetectorModel', '--key', 'Nobody', ...endpoint);
    // Assert
    expect(traced.code).toBe(0);
    expect(traced.stdout.split('\n')).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\S+Z {2}message t-1 \(PressureInput\) {2}created in Dangerous$/),
        '  Normal.onInput Overpressurized: True',
        expect.stringMatching(/^ {2}action sns by Pressure Threshold Breached \(/),
        '  variables: pressureThresholdBreached=3',
      ]),
    );
    expect(missing).toMatchObject({ code: 0, stderr: 'no evaluations recorded for this detector' });
  });
});
