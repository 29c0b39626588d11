import mqtt, { type MqttClient } from 'mqtt';

/** The shape of a burst: how many messages, over how many devices and connections. */
export interface BurstShape {
  readonly messages: number;
  readonly devices: number;
  /** MQTT connections; each publishes for devices/connections devices (one each by default). */
  readonly connections: number;
  /** Publishes awaiting their PUBACK at once, over the whole fleet. */
  readonly inFlight: number;
  /** Messages a second to publish at most; 0 publishes as fast as the broker acknowledges. */
  readonly rate: number;
}

/** A device's id: the client id of its connection and the key of its detector. */
export const deviceId = (k: number): string => `load-${k}`;

/**
 * The telemetry of message `n`: device n % devices, its `seq`-th message. The shipped queue rule
 * (`vigil/queue/+/pressure`) takes the motor id from the topic; `seq` and `sentAt` ride in the
 * payload, where the evaluation trace keeps them. Every seventh reading of a device is over 70,
 * so detectors go to Dangerous and back and the alerts fire.
 */
export function telemetry(n: number, devices: number, sentAt: number): { topic: string; payload: string } {
  const k = n % devices;
  const seq = Math.floor(n / devices);
  const payload = { motorid: deviceId(k), sensorData: { pressure: seq % 7 === 0 ? 80 : 60, temperature: 39 }, seq, sentAt };
  return { topic: `vigil/queue/${deviceId(k)}/pressure`, payload: JSON.stringify(payload) };
}

/** The fleet's MQTT connections. */
export class Fleet {
  private constructor(private readonly clients: readonly MqttClient[]) {}

  /** Connects `connections` clients (client ids `load-<k>`), `parallel` at a time. */
  static async connect(url: string, connections: number, parallel = 100): Promise<Fleet> {
    const clients: MqttClient[] = [];
    for (let first = 0; first < connections; first += parallel) {
      const ids = Array.from({ length: Math.min(parallel, connections - first) }, (_, i) => deviceId(first + i));
      clients.push(...(await Promise.all(ids.map((id) => mqtt.connectAsync(url, { clientId: id, reconnectPeriod: 1000, connectTimeout: 60_000, keepalive: 0 })))));
    }
    return new Fleet(clients);
  }

  /**
   * Publishes the burst at QoS 1, each device's messages on its own topic through its connection
   * (device k on connection k % connections). Resolves when the broker acknowledged every message,
   * with the time of the first publish (epoch ms).
   */
  async burst(shape: BurstShape, onProgress: (published: number) => void): Promise<number> {
    let next = 0;
    const started = Date.now();
    const worker = async () => {
      while (next < shape.messages) {
        const n = next++;
        // Rate-limited: message n leaves no earlier than n / rate seconds after the start.
        if (shape.rate > 0) {
          const due = started + (n * 1000) / shape.rate;
          if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        }
        const { topic, payload } = telemetry(n, shape.devices, Date.now());
        await this.clients[(n % shape.devices) % this.clients.length].publishAsync(topic, payload, { qos: 1 });
        if (n % 1000 === 999) onProgress(n + 1);
      }
    };
    await Promise.all(Array.from({ length: Math.min(shape.inFlight, shape.messages) }, worker));
    return started;
  }

  /** Disconnects every client. */
  async end(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.endAsync()));
  }
}
