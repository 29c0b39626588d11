import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { EXAMPLE_ALARM, exampleAlarm } from '../helpers/alarm';
import type { RunningHttpApi } from '../support/http-api-server';
import { serveMemoryApi, type MemoryApi } from './memory-api';

const dir = mkdtempSync(path.join(os.tmpdir(), 'vigil-cli-alarms-'));
function file(name: string, content: unknown): string {
  const target = path.join(dir, name);
  writeFileSync(target, JSON.stringify(content));
  return target;
}
const INPUTS = file('inputs.json', [{ inputName: 'PressureInput', inputDefinition: { attributes: [{ jsonPath: 'motorid' }, { jsonPath: 'sensorData.temperature' }] } }]);
const NAME = 'motorTemperatureAlarm';

describe('vigil alarm model commands against the API', () => {
  let server: RunningHttpApi;
  let backend: MemoryApi['backend'];
  let endpoint: string[];

  beforeEach(async () => {
    ({ server, backend, endpoint } = await serveMemoryApi());
    expect((await runCli('deploy-input', INPUTS, ...endpoint)).code).toBe(0);
  });

  afterEach(async () => {
    await server.close();
  });

  it('deploys an alarm model file; a changed file stores version 2, the same file nothing', async () => {
    // Arrange
    const changed = file('changed.json', { ...exampleAlarm(), severity: 5 });

    // Act
    const first = await runCli('deploy-model', EXAMPLE_ALARM, ...endpoint);
    const second = await runCli('deploy-model', changed, ...endpoint);
    const third = await runCli('deploy-model', changed, ...endpoint);

    // Assert
    expect(first).toEqual({ code: 0, stdout: `alarm model ${NAME}: created, version 1 (ACTIVATING)`, stderr: '' });
    expect(second.stdout).toBe(`alarm model ${NAME}: updated to version 2 (ACTIVATING)`);
    expect(third.stdout).toBe(`alarm model ${NAME}: unchanged, version 2`);
    expect((await backend.repository.getAlarmModel(NAME))?.request).toMatchObject({ severity: 5, key: 'motorid' });
  });

  it('refuses an alarm model file with another key, or an unknown member, before sending it', async () => {
    // Arrange
    await runCli('deploy-model', EXAMPLE_ALARM, ...endpoint);
    const rekeyed = file('rekeyed.json', { ...exampleAlarm(), key: 'deviceId' });
    const misspelt = file('misspelt.json', { ...exampleAlarm(), severty: 3 });

    // Act
    const key = await runCli('deploy-model', rekeyed, ...endpoint);
    const member = await runCli('deploy-model', misspelt, ...endpoint);

    // Assert
    expect(key.code).toBe(1);
    expect(key.stderr).toContain('the key cannot change');
    expect(member.code).toBe(1);
    expect(member.stderr).toContain('severty');
    expect((await backend.repository.getAlarmModel(NAME))?.version).toBe('1');
  });

  it('prints every problem of a refused alarm model and exits 1', async () => {
    // Arrange
    const broken = file('broken.json', { ...exampleAlarm(), severity: -1, alarmRule: { simpleRule: { inputProperty: '$input.Nope.x', comparisonOperator: 'GREATER', threshold: '1' } } });

    // Act
    const result = await runCli('deploy-model', broken, ...endpoint);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^vigil deploy-model: InvalidRequestException: invalid alarm model motorTemperatureAlarm: 2 error\(s\)\n/);
    expect(result.stderr).toContain('severity: ');
    expect(result.stderr).toContain('alarmRule.simpleRule.inputProperty: input "Nope" does not exist');
  });

  it('describes, lists, lists the versions of and deletes alarm models', async () => {
    // Arrange
    await runCli('deploy-model', EXAMPLE_ALARM, ...endpoint);
    await runCli('deploy-model', file('v2.json', { ...exampleAlarm(), severity: 4 }), ...endpoint);
    backend.clock.advance(60_000);

    // Act
    const described = await runCli('describe-alarm-model', NAME, ...endpoint);
    const v1 = await runCli('describe-alarm-model', NAME, '--version', '1', '--json', ...endpoint);
    const listed = await runCli('list-alarm-models', ...endpoint);
    const versions = await runCli('list-alarm-model-versions', NAME, ...endpoint);
    const deleted = await runCli('delete-alarm-model', NAME, ...endpoint);
    const again = await runCli('delete-alarm-model', NAME, ...endpoint);
    const empty = await runCli('list-alarm-models', ...endpoint);

    // Assert
    const created = new Date(backend.clock.now() - 60_000).toISOString();
    expect(described.stdout.split('\n')).toEqual([
      `${NAME} version 2 (ACTIVE)`,
      `  ${exampleAlarm().alarmModelDescription}`,
      '  key: motorid, severity: 4',
      '  rule: $input.PressureInput.sensorData.temperature GREATER 80',
      '  new alarms start NORMAL, acknowledge flow on',
      '  actions: sns, iotTopicPublish; notifications: 1',
      `  arn: arn:aws:iotevents:us-east-1:000000000000:alarmModel/${NAME}`,
      `  created ${created}, updated ${created}`,
    ]);
    expect(JSON.parse(v1.stdout)).toMatchObject({ alarmModelVersion: '1', status: 'INACTIVE', severity: 2 });
    expect(listed.stdout).toBe(`${NAME}  created ${created}  ${exampleAlarm().alarmModelDescription}`);
    expect(versions.stdout.split('\n')).toEqual([`v2  ACTIVE      updated ${created}`, `v1  INACTIVE    updated ${created}`]);
    expect(deleted).toEqual({ code: 0, stdout: `alarm model ${NAME}: deleted, with its alarms`, stderr: '' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ResourceNotFoundException');
    expect(empty).toEqual({ code: 0, stdout: '', stderr: 'no alarm models' });
  });
});
