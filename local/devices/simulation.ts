import { between, type Random } from './random';

/** How a device leaves: an MQTT DISCONNECT, or the network dropping (no DISCONNECT). */
export type DisconnectStyle = 'clean' | 'abrupt';

/** What the runner must do on this tick. */
export type DeviceAction =
  | { readonly type: 'publish'; readonly deviceId: string; readonly topic: string; readonly payload: { motorid: string; sensorData: { pressure: number; temperature: number } } }
  | { readonly type: 'disconnect'; readonly deviceId: string; readonly style: DisconnectStyle; readonly offlineMs: number }
  | { readonly type: 'connect'; readonly deviceId: string };

/** The knobs of the simulated fleet; defaults give a newcomer something to watch within a minute. */
export interface SimulationSettings {
  readonly count: number;
  /** Chance per tick that a normal motor starts a pressure surge (readings above 70). */
  readonly surgeChance: number;
  /** Chance per tick that a connected device goes offline. */
  readonly disconnectChance: number;
  /** Share of outages that outlast the connectivity model's 300 s grace period, so it alerts. */
  readonly longOutageShare: number;
}

/** The defaults of `npm run devices`. */
export const DEFAULT_SETTINGS: SimulationSettings = { count: 5, surgeChance: 0.04, disconnectChance: 0.01, longOutageShare: 0.25 };

interface Device {
  readonly id: string;
  pressure: number;
  temperature: number;
  /** Readings left in the current surge. */
  surge: number;
  /** When an offline device comes back, epoch ms; undefined while connected. */
  backAt: number | undefined;
}

/**
 * A fleet of motors for the example models: each publishes its pressure (the motor model's
 * `PressureInput`, on `vigil/motors/<id>/pressure`) every tick, drifting around 60 with surges
 * above the model's 70 threshold now and then, and goes offline (cleanly or abruptly) and comes
 * back, sometimes after longer than the connectivity model's grace period. Pure: time and
 * randomness come in; actions go out for a runner to perform.
 */
export class DeviceSimulation {
  private readonly devices: Device[];

  constructor(
    private readonly random: Random,
    private readonly settings: SimulationSettings = DEFAULT_SETTINGS,
  ) {
    this.devices = Array.from({ length: settings.count }, (_, i) => ({
      id: `motor-${String(i + 1).padStart(2, '0')}`,
      pressure: Math.round(between(random, 50, 65)),
      temperature: Math.round(between(random, 35, 45)),
      surge: 0,
      backAt: undefined,
    }));
  }

  /** The client ids of the fleet. */
  get deviceIds(): string[] {
    return this.devices.map((device) => device.id);
  }

  /** What happens at `now`: reconnects, disconnects, then one reading per connected device. */
  tick(now: number): DeviceAction[] {
    const actions: DeviceAction[] = [];
    for (const device of this.devices) {
      if (device.backAt !== undefined) {
        if (now < device.backAt) continue;
        device.backAt = undefined;
        actions.push({ type: 'connect', deviceId: device.id });
      } else if (this.random() < this.settings.disconnectChance) {
        const long = this.random() < this.settings.longOutageShare;
        const offlineMs = Math.round(long ? between(this.random, 330_000, 420_000) : between(this.random, 5_000, 60_000));
        device.backAt = now + offlineMs;
        actions.push({ type: 'disconnect', deviceId: device.id, style: this.random() < 0.5 ? 'clean' : 'abrupt', offlineMs });
        continue;
      }
      this.step(device);
      actions.push({
        type: 'publish',
        deviceId: device.id,
        topic: `vigil/motors/${device.id}/pressure`,
        payload: { motorid: device.id, sensorData: { pressure: device.pressure, temperature: device.temperature } },
      });
    }
    return actions;
  }

  private step(device: Device): void {
    if (device.surge === 0 && this.random() < this.settings.surgeChance) device.surge = 2 + Math.floor(this.random() * 4);
    if (device.surge > 0) {
      device.surge--;
      device.pressure = Math.round(between(this.random, 72, 90));
    } else {
      // Back towards 60 with some noise, never over the threshold on its own.
      device.pressure = Math.round(Math.min(68, Math.max(40, device.pressure + (60 - device.pressure) * 0.5 + between(this.random, -4, 4))));
    }
    device.temperature = Math.round(Math.min(60, Math.max(25, device.temperature + between(this.random, -1, 1))));
  }
}
