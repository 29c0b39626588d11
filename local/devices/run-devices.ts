import mqtt, { type MqttClient } from 'mqtt';
import type { DeviceAction } from './simulation';

/** A simulated fleet: its devices' client ids, and what they do at each tick. */
export interface Fleet {
  readonly deviceIds: string[];
  tick(now: number): DeviceAction[];
}

/** How to run a simulated fleet against a broker. */
export interface RunDevicesOptions {
  /** `mqtt://host:port` of the local stack's broker. */
  readonly url: string;
  readonly simulation: Fleet;
  /** Time between readings, ms. */
  readonly intervalMs: number;
  /** Where to report what the fleet does (disconnects, reconnects, surges). */
  readonly print: (line: string) => void;
}

/** A running fleet. */
export interface RunningDevices {
  /**
   * Moves the fleet to another broker (the local stack restarted elsewhere): every online device
   * drops its connection to the old one and connects to `url`; offline ones come back there.
   */
  moveTo(url: string): Promise<void>;
  /** Disconnects every device (cleanly) and stops. */
  stop(): Promise<void>;
}

/**
 * Connects every simulated device to the broker (its client id is its device id, so lifecycle
 * events name it), then performs the simulation's actions every `intervalMs`: readings are
 * published with QoS 1, disconnects are an MQTT DISCONNECT or a dropped socket, and devices come
 * back when the simulation says so.
 */
export async function runDevices(options: RunDevicesOptions): Promise<RunningDevices> {
  const clients = new Map<string, MqttClient>();
  let url = options.url;
  const connect = (deviceId: string) =>
    new Promise<void>((resolve, reject) => {
      // mqtt.js reconnects after a broker restart; simulated outages switch that off (see below).
      const client = mqtt.connect(url, { clientId: deviceId, reconnectPeriod: 5000, keepalive: 30 });
      clients.set(deviceId, client);
      client.once('connect', () => {
        // Later errors (the broker went away) are retried by mqtt.js; say so once per outage.
        let reported = false;
        client.on('error', (error) => {
          if (!reported) options.print(`${deviceId}: ${error.message}; retrying`);
          reported = true;
        });
        client.on('connect', () => (reported = false));
        resolve();
      });
      client.once('error', (error) => {
        if (client.connected) return;
        client.end(true);
        reject(new Error(`${deviceId} could not connect to ${url}: ${error.message}`, { cause: error }));
      });
    });
  await Promise.all(options.simulation.deviceIds.map(connect));

  const perform = async (action: DeviceAction) => {
    const client = clients.get(action.deviceId);
    if (action.type === 'publish') {
      if (!client?.connected) return;
      await publishWhileConnected(client, action.topic, JSON.stringify(action.payload));
      if (action.payload.sensorData.pressure > 70) options.print(`${action.deviceId}: pressure ${action.payload.sensorData.pressure} (over 70)`);
    } else if (action.type === 'disconnect') {
      clients.delete(action.deviceId);
      if (action.style === 'clean') await client?.endAsync();
      else if (client) {
        // A dropped network: the broker sees the socket close without a DISCONNECT packet.
        client.options.reconnectPeriod = 0;
        client.stream.destroy();
        client.end(true);
      }
      options.print(`${action.deviceId}: goes offline (${action.style === 'clean' ? 'MQTT DISCONNECT' : 'connection dropped'}) for ${Math.round(action.offlineMs / 1000)} s`);
    } else {
      await connect(action.deviceId);
      options.print(`${action.deviceId}: back online`);
    }
  };

  let running = Promise.resolve();
  const timer = setInterval(() => {
    // One tick at a time: a slow broker must not make ticks overlap.
    running = running.then(async () => {
      for (const action of options.simulation.tick(Date.now())) {
        await perform(action).catch((error: Error) => options.print(`${action.deviceId}: ${error.message}`));
      }
    });
  }, options.intervalMs);

  return {
    async moveTo(to) {
      url = to;
      const online = [...clients.keys()];
      await Promise.all(online.map((deviceId) => clients.get(deviceId)?.endAsync(true)));
      await Promise.all(online.map((deviceId) => connect(deviceId).catch((error: Error) => options.print(`${deviceId}: ${error.message}`))));
    },
    async stop() {
      clearInterval(timer);
      await running;
      await Promise.all([...clients.values()].map((client) => client.endAsync()));
    },
  };
}

/**
 * Publishes with QoS 1 and waits for the broker's acknowledgement, or for the connection to close:
 * mqtt.js would otherwise keep the promise pending until a reconnect that may never come (the
 * broker restarted elsewhere), and with it every later tick.
 */
function publishWhileConnected(client: MqttClient, topic: string, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const lost = () => reject(new Error('the connection closed before the broker acknowledged a reading'));
    client.once('close', lost);
    client.publish(topic, payload, { qos: 1 }, (error) => {
      client.removeListener('close', lost);
      if (error) reject(error);
      else resolve();
    });
  });
}
