import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTypedJson } from '../lib/expression';
import { engineOptions, serializeSnapshot, step, type DetectorSnapshot, type EngineOptions, type MessageTrigger } from '../lib/engine';
import { compileModel, type CreateDetectorModelRequest } from '../lib/model';
import { count, loadAverage, measureRates, median, percentile, printTable } from './measure';
import { seeded } from './random';

const KEYS = 10_000;
const MESSAGES = 200_000;

/** Message evaluations per second through `step` for the AWS motor model (issue floor 300k/s, goal 1M/s). */
export async function run(): Promise<void> {
  const file = path.resolve(__dirname, '../test/fixtures/aws-examples/motorDetectorModel.json');
  const model = compileModel(JSON.parse(readFileSync(file, 'utf8')) as CreateDetectorModelRequest);
  const random = seeded(42);
  const text = (key: string, pressure: number) => `{"motorid": "${key}", "sensorData": {"pressure": ${pressure}, "temperature": 39}}`;
  // One pre-parsed payload per pressure 40–99 (about half over the 70 threshold); each message
  // picks one at random. Parsing is measured separately below.
  const pool = Array.from({ length: 60 }, (_, i) => text('motor-any', 40 + i));
  const parsedPool = pool.map((raw) => parseTypedJson(raw));
  const picks = Array.from({ length: MESSAGES }, () => Math.floor(random() * pool.length));

  const detectors = new Map<string, DetectorSnapshot>();
  const keys = Array.from({ length: KEYS }, (_, i) => `motor-${i}`);
  let now = 1_700_000_000_000;
  // Create every detector first, with a payload naming its own key.
  for (const key of keys) {
    const raw = text(key, 50);
    const created = step(model, undefined, { type: 'message', inputName: 'PressureInput', messageId: `c-${key}`, payload: parseTypedJson(raw), raw }, (now += 1));
    detectors.set(key, created.snapshot as DetectorSnapshot);
  }

  let effects = 0;
  let cursor = 0;
  const stepOnly = (iterations: number, options?: EngineOptions) => {
    for (let i = 0; i < iterations; i++) {
      const pick = picks[cursor % MESSAGES];
      const key = keys[cursor % KEYS];
      // Every message id is new: a repeated id within five minutes would be skipped as a duplicate.
      const trigger: MessageTrigger = { type: 'message', inputName: 'PressureInput', messageId: `m${cursor++}`, payload: parsedPool[pick], raw: pool[pick] };
      const result = step(model, detectors.get(key), trigger, (now += 1), options);
      detectors.set(key, result.snapshot as DetectorSnapshot);
      effects += result.effects.length;
    }
  };
  const withParse = (iterations: number) => {
    for (let i = 0; i < iterations; i++) {
      const raw = pool[picks[cursor % MESSAGES]];
      const key = keys[cursor % KEYS];
      const trigger: MessageTrigger = { type: 'message', inputName: 'PressureInput', messageId: `p${cursor++}`, payload: parseTypedJson(raw), raw };
      detectors.set(key, step(model, detectors.get(key), trigger, (now += 1)).snapshot as DetectorSnapshot);
    }
  };
  const before = cursor;
  const loadBefore = loadAverage();
  const stepRates = measureRates(stepOnly, MESSAGES);
  const stepRate = median(stepRates.wall);
  const stepped = cursor - before;
  const actionsPer100 = (effects / stepped) * 100;
  const parseRates = measureRates(withParse, MESSAGES, 5);
  const parseRate = median(parseRates.wall);
  // What the traces cost: `vigil simulate` without --trace steps with them off.
  const untraced = engineOptions({ traces: false });
  const untracedRates = measureRates((iterations) => stepOnly(iterations, untraced), MESSAGES, 5);
  const sizes = [...detectors.values()].map((snapshot) => Buffer.byteLength(serializeSnapshot(snapshot)));

  printTable(
    `Engine: AWS motor model, ${count(KEYS)} keys, random pressures (median of rounds of ${count(MESSAGES)} messages)`,
    ['measure', 'value'],
    [
      ['step() evaluations/s', count(stepRate)],
      ['µs per evaluation', (1e6 / stepRate).toFixed(2)],
      ['parse + step() evaluations/s', count(parseRate)],
      ['step() evaluations/s of CPU time', count(median(stepRates.cpu))],
      ['parse + step() evaluations/s of CPU time', count(median(parseRates.cpu))],
      ['step() without traces evaluations/s', count(median(untracedRates.wall))],
      ['step() without traces, of CPU time', count(median(untracedRates.cpu))],
      ['SNS actions per 100 messages', actionsPer100.toFixed(1)],
      ['serialised snapshot bytes, median', count(median(sizes))],
      ['serialised snapshot bytes, p99', count(percentile(sizes, 99))],
    ],
  );
  console.log(`  load average before ${loadBefore}, after ${loadAverage()}`);
}
