import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateAlarmModel } from '../../lib/model';
import { runCli } from '../helpers/cli';
import { generateHistory, jsonLines } from '../inference/telemetry-history';
import { tempFiles } from './temp-files';

const line = (deviceId: unknown, temperature: unknown, timestamp: number) => JSON.stringify({ inputName: 'Telemetry', payload: { deviceId, temperature }, timestamp });
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('vigil infer: bad input', () => {
  it('refuses an empty file with a message, writing nothing', async () => {
    const file = tempFiles();
    const result = await runCli('infer', file('empty.jsonl', ''), '--key', 'deviceId');
    expect([result.code, result.stderr]).toEqual([1, expect.stringMatching(/empty\.jsonl: no readings: the file holds no numeric attribute with a key 'deviceId'$/)]);
  });

  it('names the line of a non-numeric attribute, of a missing key and of text that is not JSON, and goes on', async () => {
    // Arrange: good readings around three bad lines.
    const file = tempFiles();
    const lines = Array.from({ length: 20 }, (_, i) => line('dev-1', 20 + (i % 3), 1_000 * i));
    lines[2] = line('dev-1', 'hot', 2_000);
    lines[5] = JSON.stringify({ inputName: 'Telemetry', payload: { temperature: 21 }, timestamp: 5_000 });
    lines[8] = '{"inputName": "Telemetry", ';
    const history = file('history.jsonl', lines.join('\n'));

    // Act
    const result = await runCli('infer', history, '--key', 'deviceId', '--out', path.dirname(history));

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n').slice(0, 3)).toEqual([
      `vigil infer: ${history}: line 3: attribute 'temperature' is "hot", not a number; skipped`,
      `vigil infer: ${history}: line 6: no key attribute 'deviceId'; skipped`,
      expect.stringMatching(new RegExp(`^vigil infer: ${history}: line 9: not JSON: .*; skipped$`)),
    ]);
    expect(result.stdout).toMatch(/^temperature\s+17\s/m);
  });

  it('names the line of a CSV cell that is not a number and of a header without the key column', async () => {
    const file = tempFiles();
    const csv = file('history.csv', 'timestamp,deviceId,temperature\n0,a,20.5\n1000,a,n/a\n2000,a,21\n');
    const noKey = file('nokey.csv', 'timestamp,temperature\n0,20.5\n');

    const bad = await runCli('infer', csv, '--key', 'deviceId', '--out', path.dirname(csv));
    const missing = await runCli('infer', noKey, '--key', 'deviceId', '--out', path.dirname(csv));

    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([1, `vigil infer: ${csv}: line 3: attribute 'temperature' is "n/a", not a number; skipped`]);
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([1, `vigil infer: ${noKey}: line 1: the header has no key column 'deviceId'; skipped`]);
  });
});

describe('vigil infer: what it writes', () => {
  const history = generateHistory({ keys: 3, readingsPerKey: 400, seed: 5 });

  it('writes a detector model and inputs that vigil validate and vigil simulate accept as they are', async () => {
    // Arrange
    const file = tempFiles();
    const messages = file('history.jsonl', jsonLines(history.messages));
    const out = path.join(path.dirname(messages), 'proposal');

    // Act
    const inferred = await runCli('infer', messages, '--key', 'deviceId', '--out', out);
    const validated = await runCli('validate', path.join(out, 'Telemetry_anomalies.json'), '--inputs', path.join(out, 'Telemetry.inputs.json'));
    const simulated = await runCli('simulate', path.join(out, 'Telemetry_anomalies.json'), '--inputs', path.join(out, 'Telemetry.inputs.json'), '--messages', messages);

    // Assert
    expect(inferred.code).toBe(0);
    expect([validated.code, validated.stderr]).toEqual([0, expect.stringContaining('vigil_ewma() at 0 is a Vigil extension: not portable to AWS IoT Events')]);
    expect(simulated.code).toBe(0);
    expect(simulated.stdout).toContain('"stateName":"Monitoring"');
  });

  it('writes alarm models with per-key thresholds through a baseline input, one message per key', async () => {
    // Arrange
    const file = tempFiles();
    const messages = file('history.csv', ['timestamp,deviceId,temperature', ...history.messages.map((m) => `${m.timestamp},${m.payload.deviceId},${m.payload.temperature}`)].join('\n'));
    const out = path.join(path.dirname(messages), 'alarms');

    // Act
    const result = await runCli('infer', messages, '--key', 'deviceId', '--kind', 'alarm', '--out', out);

    // Assert
    expect(result.code).toBe(0);
    const inputs = readJson(path.join(out, 'Telemetry.inputs.json'));
    const high = readJson(path.join(out, 'Telemetry_temperature_high.json'));
    expect(validateAlarmModel(high, { inputs })).toEqual([]);
    expect(high.alarmRule.simpleRule).toEqual({ inputProperty: '$input.Telemetry.temperature', comparisonOperator: 'GREATER', threshold: '$input.TelemetryBaseline.temperature_high' });
    const baselines = readFileSync(path.join(out, 'Telemetry-baselines.jsonl'), 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    expect(baselines.map((message) => [message.inputName, message.payload.deviceId])).toEqual([['TelemetryBaseline', 'dev-0'], ['TelemetryBaseline', 'dev-1'], ['TelemetryBaseline', 'dev-2']]);
    expect(baselines[0].payload.temperature_high).toBeGreaterThan(baselines[0].payload.temperature_low);
  });

  it('writes literal thresholds when there is no key', async () => {
    const file = tempFiles();
    const single = history.messages.filter((message) => message.payload.deviceId === 'dev-0');
    const messages = file('history.jsonl', jsonLines(single));
    const out = path.join(path.dirname(messages), 'single');

    const result = await runCli('infer', messages, '--kind', 'alarm', '--out', out);

    expect(result.code).toBe(0);
    const low = readJson(path.join(out, 'Telemetry_temperature_low.json'));
    expect(low.key).toBeUndefined();
    expect(low.alarmRule.simpleRule.threshold).toMatch(/^\d+\.\d+$/);
  });
});
