import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningHttpApi } from '../support/http-api-server';
import { runCli } from '../helpers/cli';
import { EXAMPLES } from '../helpers/engine';
import { serveMemoryApi, type MemoryApi } from './memory-api';
import { tempFiles } from './temp-files';

const file = tempFiles();
const INPUTS = path.join(EXAMPLES, 'motorDetectorModel.inputs.json');

/** The motor model with `condition` of its first event (onEnter) misspelled `condtion`. */
function misspelledMotor(): string {
  const text = readFileSync(path.join(EXAMPLES, 'motorDetectorModel.json'), 'utf8');
  return file('misspelled.json', text.replace('"condition"', '"condtion"'));
}

describe('vigil validate: unknown members', () => {
  it('prints the misspelled member with its path and the member it was meant to be, and exits 1', async () => {
    // Act
    const result = await runCli('validate', misspelledMotor(), '--inputs', INPUTS);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toContain("states[0].onEnter.events[0].condtion: unknown member; did you mean 'condition'?");
  });
});

describe('vigil and model files nested too deeply', () => {
  it.each([['validate'], ['simulate'], ['deploy-model']])('refuses with `vigil %s` a model file nested 100,000 levels, saying why', async (command) => {
    // Arrange
    const deep = file('deep.json', `{"detectorModelName": "m", "a": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);

    // Act
    const result = await runCli(command, deep, ...(command === 'simulate' ? ['--messages', deep] : []));

    // Assert
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${deep}: JSON nested more than 64 levels deep (at character 95); at most 64 levels of objects and arrays are accepted`);
  });
});

describe('vigil commands that send files: unknown members', () => {
  let server: RunningHttpApi;
  let backend: MemoryApi['backend'];
  let endpoint: string[];

  beforeEach(async () => {
    ({ server, backend, endpoint } = await serveMemoryApi());
  });

  afterEach(async () => {
    await server.close();
  });

  it('refuses to deploy a model with a misspelled member, which the AWS SDK would drop before sending', async () => {
    // Arrange
    await runCli('deploy-input', INPUTS, ...endpoint);

    // Act
    const result = await runCli('deploy-model', misspelledMotor(), ...endpoint);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("states[0].onEnter.events[0].condtion: unknown member; did you mean 'condition'?");
    expect(await backend.repository.getModel('motorDetectorModel')).toBeUndefined();
  });

  it('refuses inputs, messages and detector updates with misspelled members, sending nothing', async () => {
    // Arrange
    const inputs = file('inputs.json', [{ inputName: 'In', inputDefinition: { attributes: [{ jsonPath: 'a' }] }, inputDescripton: 'x' }]);
    const messages = file('messages.json', [{ messages: [{ messageId: 'm1', inputName: 'In', payload: '{"a": 1}', timestamp: { timeInMilis: 5 } }] }]);
    const updates = file('updates.json', { detectors: [{ messageId: 'u', detectorModelName: 'm', state: { stateName: 'S', variables: [{ name: 'v', valeu: '1' }], timers: [] } }] });

    // Act
    const input = await runCli('deploy-input', inputs, ...endpoint);
    const sent = await runCli('batch-put-message', messages, ...endpoint);
    const updated = await runCli('batch-update-detector', updates, ...endpoint);

    // Assert
    expect(input).toMatchObject({ code: 1, stderr: expect.stringContaining("inputs[0].inputDescripton: unknown member; did you mean 'inputDescription'?") });
    expect(sent).toMatchObject({ code: 1, stderr: expect.stringContaining("[0].messages[0].timestamp.timeInMilis: unknown member; did you mean 'timeInMillis'?") });
    expect(updated).toMatchObject({ code: 1, stderr: expect.stringContaining("detectors[0].state.variables[0].valeu: unknown member; did you mean 'value'?") });
    expect(await backend.repository.getInput('In')).toBeUndefined();
  });
});
