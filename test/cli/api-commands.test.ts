import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningHttpApi } from '../support/http-api-server';
import { runCli } from '../helpers/cli';
import { EXAMPLES } from '../helpers/engine';
import { serveMemoryApi, type MemoryApi } from './memory-api';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-api-'));
function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}
const MODEL = path.join(EXAMPLES, 'motorDetectorModel.json');
const INPUTS = path.join(EXAMPLES, 'motorDetectorModel.inputs.json');
const MESSAGES = path.join(EXAMPLES, 'motorDetectorModel.messages.json');

describe('vigil commands that call the API', () => {
  let server: RunningHttpApi;
  let backend: MemoryApi['backend'];
  let endpoint: string[];

  beforeEach(async () => {
    ({ server, backend, endpoint } = await serveMemoryApi());
  });

  afterEach(async () => {
    await server.close();
  });

  /** The AWS walkthrough's input and model, deployed. */
  async function deployMotor() {
    expect((await runCli('deploy-input', INPUTS, ...endpoint)).code).toBe(0);
    expect((await runCli('deploy-model', MODEL, ...endpoint)).code).toBe(0);
  }

  it('deploys an input and a model; deploying a changed file stores version 2, the same file nothing', async () => {
    // Arrange: the model with a stricter threshold.
    const model = JSON.parse(readFileSync(MODEL, 'utf8'));
    model.detectorModelDefinition.states[0].onInput.transitionEvents[0].condition = '$input.PressureInput.sensorData.pressure > 75';
    const changed = file('changed.json', model);
    // Act
    const input = await runCli('deploy-input', INPUTS, ...endpoint);
    const first = await runCli('deploy-model', MODEL, ...endpoint);
    const second = await runCli('deploy-model', changed, ...endpoint);
    const third = await runCli('deploy-model', changed, ...endpoint);
    // Assert
    expect(input).toEqual({ code: 0, stdout: 'input PressureInput: created', stderr: '' });
    expect(first.stdout).toBe('detector model motorDetectorModel: created, version 1 (ACTIVATING)');
    expect(second.stdout).toBe('detector model motorDetectorModel: updated to version 2 (ACTIVATING)');
    expect(third.stdout).toBe('detector model motorDetectorModel: unchanged, version 2');
    expect((await runCli('deploy-input', INPUTS, ...endpoint)).stdout).toBe('input PressureInput: updated');
  });

  it('prints every problem of a refused model and exits 1', async () => {
    const broken = file('broken.json', { detectorModelName: 'broken', detectorModelDefinition: { initialStateName: 'Nowhere', states: [{ stateName: 'A' }] } });
    const result = await runCli('deploy-model', broken, ...endpoint);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^vigil deploy-model: InvalidRequestException: invalid detector model broken: \d+ error\(s\)\n/);
    expect(result.stderr).toMatch(/^initialStateName: /m);
  });

  it('sends the documented messages and describes the detector', async () => {
    await deployMotor();
    const sent = await runCli('batch-put-message', MESSAGES, ...endpoint);
    const described = await runCli('describe-detector', 'motorDetectorModel', '--key', 'Fulton-A32', ...endpoint);
    expect(sent).toEqual({ code: 0, stdout: '00001: accepted\n00002: accepted', stderr: '' });
    expect(described.code).toBe(0);
    expect(described.stdout.split('\n').slice(0, 5)).toEqual(['motorDetectorModel Fulton-A32 (version 1)', '  state: Dangerous', '  variables:', '    pressureThresholdBreached = 2', '  timers: none']);
  });

  it('prints the AWS CLI JSON shape with --json, times in epoch seconds', async () => {
    await deployMotor();
    await runCli('batch-put-message', '--input', 'PressureInput', '--payload', '{"motorid": "m1", "sensorData": {"pressure": 80}}', ...endpoint);
    const result = await runCli('describe-detector', 'motorDetectorModel', '--key', 'm1', '--json', ...endpoint);
    expect(JSON.parse(result.stdout)).toEqual({
      detector: {
        detectorModelName: 'motorDetectorModel',
        keyValue: 'm1',
        detectorModelVersion: '1',
        state: { stateName: 'Dangerous', variables: [{ name: 'pressureThresholdBreached', value: '3' }], timers: [] },
        creationTime: backend.clock.now() / 1000,
        lastUpdateTime: backend.clock.now() / 1000,
      },
    });
  });

  it('reports a refused message on stderr and exits 1', async () => {
    await deployMotor();
    const result = await runCli('batch-put-message', '--input', 'Nope', '--payload', '{}', '--message-id', 'x1', ...endpoint);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'x1: ResourceNotFoundException: input Nope does not exist' });
  });

  it('updates, lists and deletes detectors', async () => {
    // Arrange
    await deployMotor();
    await runCli('batch-put-message', MESSAGES, ...endpoint);
    // Act
    const updated = await runCli('batch-update-detector', 'motorDetectorModel', '--key', 'Fulton-A32', '--state', 'Normal', '--var', 'pressureThresholdBreached=0', ...endpoint);
    const listed = await runCli('list-detectors', 'motorDetectorModel', '--state', 'Normal', ...endpoint);
    const deleted = await runCli('delete-detector', 'motorDetectorModel', '--key', 'Fulton-A32', '--key', 'Nobody', ...endpoint);
    const empty = await runCli('list-detectors', 'motorDetectorModel', ...endpoint);
    // Assert
    expect(updated).toEqual({ code: 0, stdout: 'motorDetectorModel Fulton-A32: now in Normal', stderr: '' });
    expect(listed.stdout).toMatch(/^Fulton-A32\s+Normal\s+v1\s+updated 2026-01-01T00:00:00\.000Z$/);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toBe('Fulton-A32: deleted');
    expect(deleted.stderr).toMatch(/^Nobody: ResourceNotFoundException: /);
    expect(empty).toEqual({ code: 0, stdout: '', stderr: 'no detectors' });
  });

  it('reads a BatchUpdateDetector request file as the AWS CLI does', async () => {
    await deployMotor();
    await runCli('batch-put-message', MESSAGES, ...endpoint);
    const request = file('update.json', {
      detectors: [{ messageId: '00001', detectorModelName: 'motorDetectorModel', keyValue: 'Fulton-A32', state: { stateName: 'Normal', variables: [{ name: 'pressureThresholdBreached', value: '0' }], timers: [] } }],
    });
    expect((await runCli('batch-update-detector', request, ...endpoint)).code).toBe(0);
    expect((await runCli('describe-detector', 'motorDetectorModel', '--key', 'Fulton-A32', ...endpoint)).stdout).toMatch(/state: Normal/);
  });

  it('describes and lists detector models', async () => {
    await deployMotor();
    const described = await runCli('describe-detector-model', 'motorDetectorModel', ...endpoint);
    const listed = await runCli('list-detector-models', ...endpoint);
    expect(described.stdout.split('\n').slice(0, 3)).toEqual(['motorDetectorModel version 1 (ACTIVATING)', '  key: motorid, evaluation: BATCH', '  states: Normal (initial), Dangerous']);
    expect(listed.stdout).toBe('motorDetectorModel  created 2026-01-01T00:00:00.000Z');
  });

  it('exits 1 with the error type for a model that does not exist', async () => {
    const result = await runCli('describe-detector-model', 'nope', ...endpoint);
    expect(result).toEqual({ code: 1, stdout: '', stderr: 'vigil describe-detector-model: ResourceNotFoundException: detector model nope does not exist' });
  });

  it('exits 3 when nothing listens at the endpoint', async () => {
    const url = server.url;
    await server.close();
    const result = await runCli('list-detector-models', '--endpoint', url);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^vigil list-detector-models: cannot reach http:\/\/127\.0\.0\.1:\d+ /);
    ({ server } = await serveMemoryApi());
  });

  it('exits 2 for a wrong option, naming it', async () => {
    const result = await runCli('list-detectors', 'm', '--colour', 'red');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--colour/);
  });
});
