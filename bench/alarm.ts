import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTypedJson } from '../lib/expression';
import {
  deserializeAlarmSnapshot, serializeAlarmSnapshot, step, transitionAlarm,
  type AlarmMessage, type AlarmSnapshot, type DetectorSnapshot, type MessageTrigger,
} from '../lib/engine';
import { compileAlarmModel, compileModel, type CreateAlarmModelRequest, type CreateDetectorModelRequest } from '../lib/model';
import { count, measure, median, percentile, printTable } from './measure';
import { seeded } from './random';

const KEYS = 10_000;
const MESSAGES = 200_000;
const FIXTURES = path.resolve(__dirname, '../test/fixtures');

/**
 * Alarm evaluations per second through the pure alarm engine (`transitionAlarm`), on the example
 * alarm model (motor temperature > 80, two actions and a notification on every state change), next
 * to the detector engine's figure for the AWS motor model on the same messages, measured in the
 * same run: the floor for alarms. Two workloads over 10,000 keys, payloads parsed
 * beforehand: readings drawn at random from 40–99 (the engine suite's; a third of them breach, so
 * the alarm changes state on 4 messages in 10, each change resolving three effects), and readings
 * that drift by up to 3 per message (alarms change state now and then, as real ones do).
 */
export async function run(): Promise<void> {
  const alarm = compileAlarmModel(readJson<CreateAlarmModelRequest>('alarm-models/motor-temperature-alarm.json'));
  const motor = compileModel(readJson<CreateDetectorModelRequest>('aws-examples/motorDetectorModel.json'));
  // One payload per reading 40–99, as pressure and temperature alike.
  const pool = Array.from({ length: 60 }, (_, i) => parseTypedJson(`{"motorid": "motor-any", "sensorData": {"pressure": ${40 + i}, "temperature": ${40 + i}}}`));
  const keys = Array.from({ length: KEYS }, (_, i) => `motor-${i}`);
  const workloads: [string, number[]][] = [['random readings', randomReadings(seeded(15), pool.length)], ['drifting readings', driftingReadings(seeded(16), pool.length)]];
  let now = 1_700_000_000_000;
  let cursor = 0;
  const rows: string[][] = [];

  for (const [name, picks] of workloads) {
    const alarms = new Map<string, AlarmSnapshot>();
    const detectors = new Map<string, DetectorSnapshot>();
    for (const key of keys) {
      const payload = parseTypedJson(`{"motorid": "${key}", "sensorData": {"pressure": 60, "temperature": 60}}`);
      const created = transitionAlarm(alarm, undefined, { type: 'message', inputName: 'PressureInput', messageId: `c-${key}`, payload }, (now += 1));
      if (!created.refused) alarms.set(key, created.snapshot as AlarmSnapshot);
      detectors.set(key, step(motor, undefined, { type: 'message', inputName: 'PressureInput', messageId: `c-${key}`, payload }, (now += 1)).snapshot as DetectorSnapshot);
    }
    let evaluations = 0;
    let changes = 0;
    let effects = 0;
    let detectorEffects = 0;
    let detectorSteps = 0;
    const alarmOnly = (iterations: number) => {
      for (let i = 0; i < iterations; i++, cursor++) {
        const key = keys[cursor % KEYS];
        const message: AlarmMessage = { type: 'message', inputName: 'PressureInput', messageId: `m${cursor}`, payload: pool[picks[cursor % MESSAGES]] };
        const result = transitionAlarm(alarm, alarms.get(key), message, (now += 1));
        if (result.refused) continue;
        if (result.changed) alarms.set(key, result.snapshot as AlarmSnapshot);
        evaluations++;
        changes += result.stateChanges.length;
        effects += result.effects.length;
      }
    };
    const detectorOnly = (iterations: number) => {
      for (let i = 0; i < iterations; i++, cursor++) {
        const key = keys[cursor % KEYS];
        const trigger: MessageTrigger = { type: 'message', inputName: 'PressureInput', messageId: `d${cursor}`, payload: pool[picks[cursor % MESSAGES]] };
        const result = step(motor, detectors.get(key), trigger, (now += 1));
        detectors.set(key, result.snapshot as DetectorSnapshot);
        detectorSteps++;
        detectorEffects += result.effects.length;
      }
    };
    const [alarmRate, detectorRate] = alternately(alarmOnly, detectorOnly, MESSAGES);
    rows.push(
      [`${name}: transitionAlarm() evaluations/s`, count(alarmRate)],
      [`${name}: detector step() evaluations/s (floor)`, count(detectorRate)],
      [`${name}: alarm / detector`, `${(alarmRate / detectorRate).toFixed(2)}×`],
      [`${name}: alarm state changes / effects per 100 messages`, `${((changes / evaluations) * 100).toFixed(1)} / ${((effects / evaluations) * 100).toFixed(1)}`],
      [`${name}: detector actions per 100 messages`, ((detectorEffects / detectorSteps) * 100).toFixed(1)],
    );
    if (name !== 'random readings') continue;
    // What the runtime will do per message: read the stored instance, transition, store it again.
    const withCodec = (iterations: number) => {
      for (let i = 0; i < iterations; i++, cursor++) {
        const key = keys[cursor % KEYS];
        const message: AlarmMessage = { type: 'message', inputName: 'PressureInput', messageId: `s${cursor}`, payload: pool[picks[cursor % MESSAGES]] };
        const result = transitionAlarm(alarm, deserializeAlarmSnapshot(serializeAlarmSnapshot(alarms.get(key) as AlarmSnapshot)), message, (now += 1));
        if (!result.refused) alarms.set(key, result.snapshot as AlarmSnapshot);
      }
    };
    const sizes = [...alarms.values()].map((snapshot) => Buffer.byteLength(serializeAlarmSnapshot(snapshot)));
    rows.push(
      [`${name}: read + transition + write snapshot evaluations/s`, count(median(measure(withCodec, MESSAGES, 5)))],
      ['serialised alarm snapshot bytes, median / p99', `${count(median(sizes))} / ${count(percentile(sizes, 99))}`],
    );
  }
  printTable(`Alarm engine: example alarm model vs detector engine, AWS motor model; ${count(KEYS)} keys (median of rounds of ${count(MESSAGES)} messages)`, ['measure', 'value'], rows);
}

/**
 * Median rates of two bodies timed in alternating rounds, after a warm-up of each: on a shared
 * machine, load then slows both alike, so their ratio holds even when the figures move.
 */
function alternately(a: (iterations: number) => void, b: (iterations: number) => void, iterations: number, rounds = 9): [number, number] {
  const rate = (body: (iterations: number) => void) => {
    const start = process.hrtime.bigint();
    body(iterations);
    return iterations / (Number(process.hrtime.bigint() - start) / 1e9);
  };
  a(iterations / 5); // warm-up: let V8 optimise before timing
  b(iterations / 5);
  const rates: [number[], number[]] = [[], []];
  for (let round = 0; round < rounds; round++) {
    rates[0].push(rate(a));
    rates[1].push(rate(b));
  }
  return [median(rates[0]), median(rates[1])];
}

/** For each message in turn (keys in rotation), a reading drawn at random. */
function randomReadings(random: () => number, readings: number): number[] {
  return Array.from({ length: MESSAGES }, () => Math.floor(random() * readings));
}

/** For each message in turn (keys in rotation), the key's last reading moved by -3 to +3, from 20 (reading 60). */
function driftingReadings(random: () => number, readings: number): number[] {
  const last = new Array<number>(KEYS).fill(20);
  return Array.from({ length: MESSAGES }, (_, i) => {
    const key = i % KEYS;
    last[key] = Math.min(readings - 1, Math.max(0, last[key] + Math.floor(random() * 7) - 3));
    return last[key];
  });
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as T;
}
