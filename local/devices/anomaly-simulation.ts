import type { Random } from './random';
import type { DeviceAction } from './simulation';

/** Which sensors misbehave: off, the three devices only read normally (a baseline to learn from). */
export interface AnomalySettings {
  readonly anomalies: boolean;
}

/** Readings before any anomaly: longer than the example model's 50-reading warm-up. */
const CALM_TICKS = 80;
const SPIKE_EVERY = 40;
const DRIFT_PER_TICK = 0.06;
const DRIFT_CYCLE = 300;
const SILENT_EVERY = 150;
const SILENT_MS = 90_000;

interface Sensor {
  readonly id: string;
  readonly level: number;
  backAt: number | undefined;
  ticks: number;
}

/**
 * The fleet of `npm run devices -- --profile anomalies`, for the example model of
 * `models/examples/inference`: three pressure sensors on the motor topic (the PressureInput rule),
 * reading with noise around their own level — `sensor-spiky` jumps 15 psi every 40th reading,
 * `sensor-drifting` creeps up 0.06 psi a reading (then starts over every 300), `sensor-silent`
 * disconnects for 90 s every 150 readings. Readings have two decimals, so a working sensor never
 * repeats itself (flat lines stay quiet). Pure: time and randomness come in, actions go out.
 */
export class AnomalySimulation {
  private readonly sensors: Sensor[];

  constructor(
    private readonly random: Random,
    private readonly settings: AnomalySettings = { anomalies: true },
  ) {
    this.sensors = ['sensor-spiky', 'sensor-drifting', 'sensor-silent'].map((id, i) => ({ id, level: 55 + 5 * i, backAt: undefined, ticks: 0 }));
  }

  /** The client ids of the fleet. */
  get deviceIds(): string[] {
    return this.sensors.map((sensor) => sensor.id);
  }

  /** What happens at `now`: reconnects, disconnects, then one reading per connected sensor. */
  tick(now: number): DeviceAction[] {
    const actions: DeviceAction[] = [];
    for (const sensor of this.sensors) {
      if (sensor.backAt !== undefined) {
        if (now < sensor.backAt) continue;
        sensor.backAt = undefined;
        actions.push({ type: 'connect', deviceId: sensor.id });
      }
      const tick = sensor.ticks++;
      const anomalous = this.settings.anomalies && tick >= CALM_TICKS;
      if (anomalous && sensor.id === 'sensor-silent' && tick % SILENT_EVERY === 0) {
        sensor.backAt = now + SILENT_MS;
        actions.push({ type: 'disconnect', deviceId: sensor.id, style: 'clean', offlineMs: SILENT_MS });
        continue;
      }
      let pressure = sensor.level + 1.5 * (this.random() + this.random() + this.random() - 1.5);
      if (anomalous && sensor.id === 'sensor-spiky' && tick % SPIKE_EVERY === 0) pressure += 15;
      if (anomalous && sensor.id === 'sensor-drifting') pressure += DRIFT_PER_TICK * ((tick - CALM_TICKS) % DRIFT_CYCLE);
      const temperature = 40 + this.random();
      actions.push({
        type: 'publish',
        deviceId: sensor.id,
        topic: `vigil/motors/${sensor.id}/pressure`,
        payload: { motorid: sensor.id, sensorData: { pressure: round2(pressure), temperature: round2(temperature) } },
      });
    }
    return actions;
  }
}

/**
 * A recorded history of a fleet: the messages its readings would be on the PressureInput, one per
 * publish, `ticks` ticks `intervalMs` apart from `start` (JSON lines for `vigil infer` and
 * `vigil simulate`).
 */
export function recordHistory(fleet: { tick(now: number): DeviceAction[] }, ticks: number, intervalMs: number, start: number): string {
  const lines: string[] = [];
  for (let i = 0; i < ticks; i++) {
    const now = start + i * intervalMs;
    for (const action of fleet.tick(now)) {
      if (action.type !== 'publish') continue;
      lines.push(JSON.stringify({ messageId: `${action.deviceId}-${i}`, inputName: 'PressureInput', payload: action.payload, timestamp: now }));
    }
  }
  return lines.join('\n') + '\n';
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
