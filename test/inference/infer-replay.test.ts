import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engineOptions } from '../../lib/engine';
import { compileModel, validateModel, type CreateDetectorModelRequest } from '../../lib/model';
import { Simulator } from '../../lib/simulation';
import { tempFiles } from '../cli/temp-files';
import { runCli } from '../helpers/cli';
import { HISTORY_EPOCH, generateHistory, jsonLines, type HistoryMessage, type InjectedAnomaly } from './telemetry-history';

/** An alarm the proposed model raised in a replay: its kind, key and time. */
interface Alarm {
  readonly kind: string;
  readonly key: string;
  readonly time: number;
}

interface Summary {
  heartbeat: { threshold: number; bound: number };
  attributes: { name: string; spike: Rate; drift: Rate; flat: Rate }[];
}
interface Rate {
  threshold: number;
  alarms: number;
  bound: number;
}

const KEYS = 12;
const READINGS = 2500;
const DAY = 86_400_000;

/** Replays messages through the model with the simulator's library entry; the alarms it published. */
function replay(model: CreateDetectorModelRequest, messages: readonly HistoryMessage[]): Alarm[] {
  const simulator = new Simulator([compileModel(model)], engineOptions({ traces: false }));
  const alarms: Alarm[] = [];
  for (const message of messages) {
    for (const event of simulator.send({ messageId: message.messageId, inputName: message.inputName, raw: JSON.stringify(message.payload), timestamp: message.timestamp })) {
      if (event.type === 'error') throw new Error(event.message);
      if (event.type !== 'action' || event.effect.type !== 'iotTopicPublish') continue;
      const payload = JSON.parse(event.effect.payload.text) as { kind: string; key: string };
      alarms.push({ kind: payload.kind, key: payload.key, time: event.time });
    }
  }
  // A key whose readings end before the others' is not silent: the history ended.
  const lastOf = new Map(messages.map((message) => [message.payload.deviceId, message.timestamp]));
  return alarms.filter((alarm) => alarm.time <= (lastOf.get(alarm.key) as number));
}

/** Whether an alarm is explained by an injected anomaly of its key (its reading, or what follows it). */
function explained(alarm: Alarm, anomalies: readonly InjectedAnomaly[]): boolean {
  return anomalies.some((anomaly) => {
    if (anomaly.key !== alarm.key) return false;
    switch (anomaly.kind) {
      case 'spike':
        return alarm.time === anomaly.time;
      case 'drift':
        return alarm.time >= anomaly.time; // the level never comes back
      case 'flat':
        return alarm.time >= anomaly.time && alarm.time <= anomaly.time + 400_000; // 40 readings, then the baseline recovers
      case 'silent':
        return alarm.time >= anomaly.time - 15 * 60_000 && alarm.time <= anomaly.time;
    }
  });
}

describe('vigil infer, replayed on held-out data', () => {
  const file = tempFiles();
  const training = generateHistory({
    keys: KEYS, readingsPerKey: READINGS, seed: 11,
    inject: [{ kind: 'spike', key: 1, index: 900 }, { kind: 'spike', key: 2, index: 1400 }, { kind: 'drift', key: 3, index: 1800 }, { kind: 'flat', key: 4, index: 700 }, { kind: 'silent', key: 5, index: 1200 }],
  });
  const heldOut = generateHistory({
    keys: KEYS, readingsPerKey: READINGS, seed: 12, start: HISTORY_EPOCH + DAY,
    inject: [{ kind: 'spike', key: 6, index: 1000 }, { kind: 'spike', key: 0, index: 2000 }, { kind: 'drift', key: 7, index: 1500 }, { kind: 'flat', key: 8, index: 900 }, { kind: 'silent', key: 9, index: 1100 }],
  });
  let model: CreateDetectorModelRequest;
  let summary: Summary;
  let stdout: string;
  let onTraining: Alarm[];
  let onHeldOut: Alarm[];

  beforeAll(async () => {
    const history = file('training.jsonl', jsonLines(training.messages));
    const out = path.dirname(history);
    const result = await runCli('infer', history, '--key', 'deviceId', '--out', out);
    expect([result.code, result.stderr]).toEqual([0, expect.stringContaining('Telemetry_anomalies.json')]);
    stdout = result.stdout;
    model = JSON.parse(readFileSync(path.join(out, 'Telemetry_anomalies.json'), 'utf8'));
    summary = JSON.parse(readFileSync(path.join(out, 'Telemetry.inference.jsonl'), 'utf8'));
    onTraining = replay(model, training.messages);
    onHeldOut = replay(model, heldOut.messages);
  });

  it('writes a detector model that validates (with portability warnings only) and prints a report', () => {
    const issues = validateModel(model).filter((issue) => issue.level !== 'INFO');
    expect(issues.filter((issue) => !issue.message.includes('not portable to AWS IoT Events'))).toEqual([]);
    expect(stdout).toMatch(/^temperature\s+29999\s/m);
    expect(stdout).toMatch(/^silence: heartbeat 60 s/m);
  });

  it('raises on the training history exactly the alarms the report counted', () => {
    const alarms = onTraining;
    const [temperature] = summary.attributes;
    const count = (kind: string) => alarms.filter((alarm) => alarm.kind === kind).length;
    expect([count('spike'), count('drift'), count('flat')]).toEqual([temperature.spike.alarms, temperature.drift.alarms, temperature.flat.alarms]);
  });

  it('catches every anomaly injected into the held-out data', () => {
    const alarms = onHeldOut;
    for (const anomaly of heldOut.anomalies) {
      const caught = alarms.some((alarm) => alarm.key === anomaly.key && alarm.kind === anomaly.kind && explained(alarm, [anomaly]));
      expect([anomaly.kind, anomaly.key, caught]).toEqual([anomaly.kind, anomaly.key, true]);
    }
  });

  it('raises no more false alarms on the held-out data than the rates it reported', () => {
    const alarms = onHeldOut.filter((alarm) => !explained(alarm, heldOut.anomalies));
    const readings = heldOut.messages.length;
    const [temperature] = summary.attributes;
    for (const kind of ['spike', 'drift', 'flat'] as const) {
      const falseAlarms = alarms.filter((alarm) => alarm.kind === kind).length;
      expect([kind, falseAlarms / readings <= temperature[kind].bound]).toEqual([kind, true]);
    }
    expect(alarms.filter((alarm) => alarm.kind === 'silent').length / readings).toBeLessThanOrEqual(summary.heartbeat.bound);
  });
});
