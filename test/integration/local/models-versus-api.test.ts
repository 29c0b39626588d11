import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DescribeDetectorModelCommand, DescribeInputCommand, IoTEventsClient, UpdateDetectorModelCommand, UpdateInputCommand } from '@aws-sdk/client-iot-events';
import { vigilClientConfig } from '../../../lib/api/client-config';
import type { CreateDetectorModelRequest, CreateInputRequest } from '../../../lib/model';
import { spawnLocalStack, type SpawnedLocalStack } from '../../../local/stack/spawn-local-stack';

const ROOT = path.resolve(__dirname, '../../..');
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * `npm start` with models/ and a model deployed through the API: the file watcher's reload never
 * silently turns an API version back into the file, and says so on the stack's output.
 */
describe('npm start: models/ versus models and inputs deployed through the API', () => {
  let stack: SpawnedLocalStack;
  let modelsDir: string;
  let modelFile: string;
  let control: IoTEventsClient;
  /** The stack's stderr lines, and who waits for which. */
  const lines: string[] = [];
  const waiting: { matches: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  const onStderr = (line: string) => {
    lines.push(line);
    for (const waiter of waiting.filter((candidate) => candidate.matches(line))) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  };
  /** Resolves with the first line printed from now on that `matches` (jest's timeout bounds the wait). */
  const printed = (matches: (line: string) => boolean) => new Promise<string>((resolve) => waiting.push({ matches, resolve }));
  const latest = async () => (await control.send(new DescribeDetectorModelCommand({ detectorModelName: 'motorDetectorModel' }))).detectorModel?.detectorModelConfiguration;

  beforeAll(async () => {
    modelsDir = mkdtempSync(path.join(os.tmpdir(), 'vigil-models-api-'));
    for (const file of ['motor-detector-model.json', 'motor.inputs.json']) copyFileSync(path.join(ROOT, 'models', file), path.join(modelsDir, file));
    modelFile = path.join(modelsDir, 'motor-detector-model.json');
    stack = await spawnLocalStack({ modelsDir, onStderr });
    control = new IoTEventsClient({ ...vigilClientConfig({ endpoint: stack.endpoints.http, region: 'us-east-1' }), credentials: CREDENTIALS, maxAttempts: 1 });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    control?.destroy();
    if (modelsDir) rmSync(modelsDir, { recursive: true, force: true });
  }, 60_000);

  it('keeps the API version when the file is saved unchanged, and replaces it, with a warning, when the file is edited', async () => {
    // Arrange: version 1 came from the file; version 2 is deployed with the official SDK client
    // (no roleArn: Vigil keeps the previous version's, where the SDK's type wants one).
    const text = readFileSync(modelFile, 'utf8');
    const file = JSON.parse(text) as CreateDetectorModelRequest;
    const deployed = await control.send(
      new UpdateDetectorModelCommand({ detectorModelName: 'motorDetectorModel', detectorModelDefinition: file.detectorModelDefinition, detectorModelDescription: 'deployed through the API' } as ConstructorParameters<typeof UpdateDetectorModelCommand>[0]),
    );
    expect(deployed.detectorModelConfiguration?.detectorModelVersion).toBe('2');

    // Act: the file saved as it was (a reload), then edited.
    const kept = printed((line) => line.startsWith('vigil: kept detector model motorDetectorModel'));
    const keptSummary = printed((line) => line.startsWith(`vigil: models reloaded from ${modelsDir}:`));
    writeFileSync(modelFile, text);
    const keptLine = await kept;
    const keptSummaryLine = await keptSummary;
    const afterTouch = await latest();
    const replaced = printed((line) => line.startsWith('vigil: warning: replaced detector model motorDetectorModel'));
    writeFileSync(modelFile, JSON.stringify({ ...file, detectorModelDescription: 'edited in the file' }, null, 2));
    const replacedLine = await replaced;
    const afterEdit = await latest();

    // Assert
    expect(keptLine).toBe(
      `vigil: kept detector model motorDetectorModel: version 2 was deployed through the API after ${modelFile} was last loaded (version 1); the file is not applied. ` +
        `Deploy the file with \`vigil deploy-model ${modelFile}\`, or delete the model, to go back to it`,
    );
    expect(keptSummaryLine).toBe(`vigil: models reloaded from ${modelsDir}: 1 unchanged; 1 kept`);
    expect(afterTouch).toMatchObject({ detectorModelVersion: '2', detectorModelDescription: 'deployed through the API' });
    expect(replacedLine).toBe(
      `vigil: warning: replaced detector model motorDetectorModel: ${modelFile} changed since it was last loaded: version 3 from the file replaces version 2, which had been deployed through the API`,
    );
    expect(afterEdit).toMatchObject({ detectorModelVersion: '3', detectorModelDescription: 'edited in the file' });
  }, 120_000);

  it('keeps an input updated through the API when its file is saved unchanged', async () => {
    // Arrange
    const inputsFile = path.join(modelsDir, 'motor.inputs.json');
    const text = readFileSync(inputsFile, 'utf8');
    const [pressure] = [JSON.parse(text)].flat() as CreateInputRequest[];
    const attributes = [...pressure.inputDefinition.attributes, { jsonPath: 'sensorData.humidity' }];
    await control.send(new UpdateInputCommand({ inputName: pressure.inputName, inputDefinition: { attributes } }));

    // Act
    const kept = printed((line) => line.startsWith(`vigil: kept input ${pressure.inputName}`));
    writeFileSync(inputsFile, text);
    const keptLine = await kept;
    const { input } = await control.send(new DescribeInputCommand({ inputName: pressure.inputName }));

    // Assert
    expect(keptLine).toBe(
      `vigil: kept input ${pressure.inputName} was updated through the API after ${inputsFile} was last loaded; the file is not applied. ` +
        `Deploy the file with \`vigil deploy-input ${inputsFile}\`, or delete the input, to go back to it`,
    );
    expect(input?.inputDefinition?.attributes).toEqual(attributes);
  }, 60_000);
});
