import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_ORIGIN } from '../../../lib/ports';
import { describeSeed, seedLocalModels } from '../../../local/stack/seed-local-models';
import { createTestStack, type TestStack } from '../stack';

const ROOT = path.resolve(__dirname, '../../..');
const ALARM_FILE = 'motor-pressure-alarm.json';

/**
 * The shipped example alarm model of `models/`, loaded as `npm start` loads it (and as its model
 * watcher reloads it) into the models table on DynamoDB Local, then run by a container's catalog.
 */
describe('alarm model files of models/ on DynamoDB Local', () => {
  let stack: TestStack;
  let folder: string;

  beforeAll(async () => {
    stack = await createTestStack();
    folder = mkdtempSync(path.join(os.tmpdir(), 'vigil-alarm-files-'));
    for (const file of ['motor.inputs.json', 'motor-detector-model.json', ALARM_FILE]) copyFileSync(path.join(ROOT, 'models', file), path.join(folder, file));
  }, 60_000);

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('creates the example alarm model beside the detector model, and every container’s catalog carries it compiled', async () => {
    // Act
    const report = await seedLocalModels(stack.clients.dynamodb, stack.config.modelsTable, folder, 60, Date.now());
    const catalog = await stack.runtime().models.catalog();

    // Assert
    expect(report.created).toEqual(['input PressureInput', 'detector model motorDetectorModel', 'alarm model motorPressureAlarm']);
    expect(catalog.alarmModels?.map((model) => [model.name, model.version, [...model.inputs]])).toEqual([['motorPressureAlarm', '1', ['PressureInput']]]);
    expect(catalog.alarmModels?.[0].actions[0]).toMatchObject({ type: 'sns' });
    expect(catalog.models.map((model) => model.name)).toEqual(['motorDetectorModel']);
  });

  it('keeps an alarm model version deployed through the API when the file is saved unchanged, and applies an edit with a warning', async () => {
    // Arrange
    const repository = stack.runtime().repository;
    const file = path.join(folder, ALARM_FILE);
    await seedLocalModels(stack.clients.dynamodb, stack.config.modelsTable, folder, 60, Date.now());
    const stored = await repository.getAlarmModel('motorPressureAlarm');
    await repository.putAlarmModel({ ...stored!.request, severity: 9 }, Number(stored!.version), Date.now(), API_ORIGIN);
    const text = readFileSync(file, 'utf8');

    // Act
    const untouched = describeSeed(await seedLocalModels(stack.clients.dynamodb, stack.config.modelsTable, folder, 60, Date.now()));
    writeFileSync(file, JSON.stringify({ ...JSON.parse(text), severity: 3 }));
    const edited = describeSeed(await seedLocalModels(stack.clients.dynamodb, stack.config.modelsTable, folder, 60, Date.now()));

    // Assert
    expect(untouched[0]).toBe('2 unchanged; 1 kept');
    expect(untouched[1]).toMatch(/^kept alarm model motorPressureAlarm: version 2 was deployed through the API after .*motor-pressure-alarm\.json was last loaded \(version 1\)/);
    expect(edited[1]).toMatch(/^warning: replaced alarm model motorPressureAlarm: .*motor-pressure-alarm\.json changed since it was last loaded: version 3 from the file replaces version 2/);
    expect(await repository.getAlarmModel('motorPressureAlarm')).toMatchObject({ version: '3', request: { severity: 3 }, origin: { kind: 'file' } });
  });
});
