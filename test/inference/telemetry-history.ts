import { seededRandom, type Random } from '../../local/devices/random';

/** The fixed epoch every generated history starts at (never the calendar). */
export const HISTORY_EPOCH = Date.UTC(2026, 0, 1);

/** An anomaly injected into a generated history, and where. */
export interface InjectedAnomaly {
  readonly kind: 'spike' | 'drift' | 'flat' | 'silent';
  readonly key: string;
  /** The reading it starts at (counted per key from 0), and its time. */
  readonly index: number;
  time: number;
}

/** One generated message, in the JSON-lines shape of a messages file. */
export interface HistoryMessage {
  readonly inputName: string;
  readonly messageId: string;
  readonly timestamp: number;
  readonly payload: { deviceId: string; temperature: number };
}

/** What to generate: keys reading every `intervalMs` with Gaussian noise around their own level. */
export interface HistoryPlan {
  readonly keys: number;
  readonly readingsPerKey: number;
  readonly seed: number;
  readonly start?: number;
  readonly intervalMs?: number;
  /** Anomalies to inject, by key number and reading index. */
  readonly inject?: readonly { kind: InjectedAnomaly['kind']; key: number; index: number }[];
}

const DRIFT_READINGS = 400;
const FLAT_READINGS = 40;
const SILENT_MS = 15 * 60_000;

/**
 * A seeded history of `keys` devices (`dev-0`, …), interleaved in time order: temperature =
 * level + deviation × Gaussian noise, each key with its own level and deviation. Injected: a
 * spike (one reading 12 deviations off), a drift (the level rises by 8 deviations over 400
 * readings and stays), a flat line (40 identical readings), a silence (15 minutes without readings).
 */
export function generateHistory(plan: HistoryPlan): { messages: HistoryMessage[]; anomalies: InjectedAnomaly[] } {
  const random = seededRandom(plan.seed);
  const start = plan.start ?? HISTORY_EPOCH;
  const interval = plan.intervalMs ?? 1000;
  const devices = Array.from({ length: plan.keys }, (_, k) => ({ id: `dev-${k}`, level: 15 + 10 * random(), sigma: 0.2 + random(), shift: 0 }));
  const anomalies: InjectedAnomaly[] = (plan.inject ?? []).map(({ kind, key, index }) => ({ kind, key: `dev-${key}`, index, time: 0 }));
  const messages: HistoryMessage[] = [];
  for (let i = 0; i < plan.readingsPerKey; i++) {
    devices.forEach((device, k) => {
      const time = start + i * interval + k * 7 + delayOf(anomalies, device.id, i);
      let value = device.level + device.sigma * gaussian(random);
      for (const anomaly of anomalies) {
        if (anomaly.key !== device.id) continue;
        if (i === anomaly.index) anomaly.time = time;
        if (anomaly.kind === 'spike' && i === anomaly.index) value = device.level + 12 * device.sigma;
        if (anomaly.kind === 'drift' && i >= anomaly.index) value += 8 * device.sigma * Math.min(1, (i - anomaly.index) / DRIFT_READINGS);
        if (anomaly.kind === 'flat' && i > anomaly.index && i < anomaly.index + FLAT_READINGS) value = messages[messages.length - plan.keys].payload.temperature;
      }
      messages.push({ inputName: 'Telemetry', messageId: `${device.id}-${i}`, timestamp: time, payload: { deviceId: device.id, temperature: Math.round(value * 1e4) / 1e4 } });
    });
  }
  messages.sort((a, b) => a.timestamp - b.timestamp);
  return { messages, anomalies };
}

/** How much later than planned a reading comes: every reading from a silence on is 15 minutes late. */
function delayOf(anomalies: readonly InjectedAnomaly[], key: string, index: number): number {
  return anomalies.filter((a) => a.kind === 'silent' && a.key === key && index >= a.index).length * SILENT_MS;
}

/** A standard normal number (Box–Muller). */
function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** The messages as a JSON-lines file's text. */
export function jsonLines(messages: readonly HistoryMessage[]): string {
  return messages.map((message) => JSON.stringify(message)).join('\n') + '\n';
}
