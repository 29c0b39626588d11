import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { EXAMPLES } from '../helpers/engine';
import { serveMemoryApi, type MemoryApi } from './memory-api';

const ROOT = path.resolve(__dirname, '../..');
const MODEL = path.join(EXAMPLES, 'motorDetectorModel.json');
const INPUTS = path.join(EXAMPLES, 'motorDetectorModel.inputs.json');
const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-control-'));
function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, JSON.stringify(content));
  return target;
}

describe('vigil commands for inputs, model versions, deletion and analysis', () => {
  let api: MemoryApi;
  const cli = (...args: string[]) => runCli(...args, ...api.endpoint);

  beforeEach(async () => {
    api = await serveMemoryApi();
  });

  afterEach(async () => {
    await api.server.close();
  });

  it('describes, lists and deletes inputs', async () => {
    // Arrange
    await cli('deploy-input', INPUTS);
    // Act
    const described = await cli('describe-input', 'PressureInput');
    const listed = await cli('list-inputs');
    const deleted = await cli('delete-input', 'PressureInput');
    const empty = await cli('list-inputs');
    const gone = await cli('describe-input', 'PressureInput');
    // Assert
    expect(described).toEqual({
      code: 0,
      stdout: [
        'PressureInput (ACTIVE)',
        '  Pressure readings from a motor',
        '  attributes: sensorData.pressure, motorid',
        '  arn: arn:aws:iotevents:us-east-1:000000000000:input/PressureInput',
        '  created 2026-01-01T00:00:00.000Z, updated 2026-01-01T00:00:00.000Z',
      ].join('\n'),
      stderr: '',
    });
    expect(listed.stdout).toBe('PressureInput  ACTIVE    created 2026-01-01T00:00:00.000Z  Pressure readings from a motor');
    expect(deleted).toEqual({ code: 0, stdout: 'input PressureInput: deleted', stderr: '' });
    expect(empty).toEqual({ code: 0, stdout: '', stderr: 'no inputs' });
    expect(gone).toEqual({ code: 1, stdout: '', stderr: 'vigil describe-input: ResourceNotFoundException: input PressureInput does not exist' });
  });

  it('lists the versions of a model newest first, then deletes the model with its detectors', async () => {
    // Arrange: two versions and one detector.
    await cli('deploy-input', INPUTS);
    await cli('deploy-model', MODEL);
    const model = JSON.parse(readFileSync(MODEL, 'utf8'));
    model.detectorModelDefinition.states[0].onInput.transitionEvents[0].condition = '$input.PressureInput.sensorData.pressure > 75';
    api.backend.clock.advance(60_000);
    await cli('deploy-model', file('v2.json', model));
    await cli('batch-put-message', '--input', 'PressureInput', '--payload', '{"motorid": "m1", "sensorData": {"pressure": 80}}');
    // Act
    const versions = await cli('list-detector-model-versions', 'motorDetectorModel');
    const json = await cli('list-detector-model-versions', 'motorDetectorModel', '--json');
    const deleted = await cli('delete-detector-model', 'motorDetectorModel');
    const detector = await cli('describe-detector', 'motorDetectorModel', '--key', 'm1');
    const again = await cli('delete-detector-model', 'motorDetectorModel');
    // Assert
    expect(versions.stdout.split('\n')).toEqual(['v2  ACTIVATING  BATCH   updated 2026-01-01T00:01:00.000Z', 'v1  DEPRECATED  BATCH   updated 2026-01-01T00:00:00.000Z']);
    expect(JSON.parse(json.stdout).detectorModelVersionSummaries.map((v: { detectorModelVersion: string }) => v.detectorModelVersion)).toEqual(['2', '1']);
    expect(deleted).toEqual({ code: 0, stdout: 'detector model motorDetectorModel: deleted, with its detectors', stderr: '' });
    expect(detector.code).toBe(1);
    expect(again).toEqual({ code: 1, stdout: '', stderr: 'vigil delete-detector-model: ResourceNotFoundException: detector model motorDetectorModel does not exist' });
  });

  it('prints every finding of an analysis as LEVEL path: message and exits 1 on an ERROR', async () => {
    // Arrange: an unknown next state and an unparsable condition.
    await cli('deploy-input', INPUTS);
    const broken = file('broken.json', {
      detectorModelName: 'broken',
      detectorModelDefinition: {
        initialStateName: 'Normal',
        states: [{ stateName: 'Normal', onInput: { transitionEvents: [{ eventName: 'go', condition: '$input.PressureInput.sensorData.pressure >', nextState: 'Nowhere' }] } }],
      },
    });
    // Act
    const result = await cli('analyze-model', broken);
    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^ERROR states\[0\]\.onInput\.transitionEvents\[0\]\.condition: /), expect.stringMatching(/^ERROR states\[0\]\.onInput\.transitionEvents\[0\]\.nextState: /)]),
    );
  });

  it('exits 0 for a model without ERRORs, and prints the results as JSON with --json', async () => {
    // Arrange
    await cli('deploy-input', INPUTS);
    // Act
    const result = await cli('analyze-model', MODEL);
    const json = await cli('analyze-model', MODEL, '--json');
    // Assert
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^ERROR/m);
    expect(result.stdout).toMatch(/^PORTABILITY states\[1\]\.onInput\.transitionEvents\[0\]\.condition: BATCH evaluation: .*\(docs\/decisions\.md D3\)$/m);
    expect(JSON.parse(json.stdout)).toEqual({ analysisId: expect.any(String), status: 'COMPLETE', analysisResults: expect.any(Array), portability: expect.arrayContaining([expect.objectContaining({ decision: 'D3' })]) });
  });

  it('waits while the analysis is RUNNING and reports one that FAILED', async () => {
    // Arrange: the first status read says RUNNING; then, for the second command, FAILED.
    await cli('deploy-input', INPUTS);
    const analyses = api.backend.analyses;
    const read = analyses.get.bind(analyses);
    const get = jest.spyOn(analyses, 'get').mockImplementationOnce(async (id, now) => ({ ...(await read(id, now))!, status: 'RUNNING' }));
    // Act
    const waited = await cli('analyze-model', MODEL);
    get.mockImplementation(async (id, now) => ({ ...(await read(id, now))!, status: 'FAILED' }));
    const failed = await cli('analyze-model', MODEL);
    // Assert
    expect(waited).toMatchObject({ code: 0, stdout: expect.not.stringMatching(/^ERROR/m) });
    // Two status reads and the results for the first command; one status read for the second.
    expect(get).toHaveBeenCalledTimes(4);
    expect(failed).toEqual({ code: 1, stdout: '', stderr: 'vigil analyze-model: analysis analysis-2 FAILED' });
  });

  it('deploys a shipped model file with its placeholders filled, and finds it unchanged the second time', async () => {
    // Arrange
    await cli('deploy-input', path.join(ROOT, 'models/motor.inputs.json'));
    const shipped = path.join(ROOT, 'models/motor-detector-model.json');
    // Act
    const first = await cli('deploy-model', shipped);
    const second = await cli('deploy-model', shipped);
    // Assert
    const stored = JSON.stringify((await api.backend.repository.getModel('motorDetectorModel'))?.request);
    expect(first.stdout).toBe('detector model motorDetectorModel: created, version 1 (ACTIVATING)');
    expect(second.stdout).toBe('detector model motorDetectorModel: unchanged, version 1');
    expect(stored).toContain('"targetArn":"arn:aws:sns:us-east-1:000000000000:vigil-local-alerts"');
    expect(stored).not.toContain('${AWS::');
  });

  it('refuses a wrong command line with exit 2', async () => {
    // Arrange
    const noDefinition = file('no-definition.json', { detectorModelName: 'x' });
    // Act
    const extra = await cli('list-inputs', 'surplus');
    const missing = await cli('delete-input');
    const notAModel = await cli('analyze-model', noDefinition);
    // Assert
    expect(extra).toMatchObject({ code: 2, stderr: expect.stringMatching(/^vigil list-inputs: list-inputs takes no arguments/) });
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/^vigil delete-input: expected one input name/) });
    expect(notAModel).toMatchObject({ code: 2, stderr: `vigil analyze-model: ${noDefinition} must be a CreateDetectorModel request body with a detectorModelDefinition` });
  });
});
