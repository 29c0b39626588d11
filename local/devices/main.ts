import path from 'node:path';
import { parseArgs } from 'node:util';
import { readStateFile, stateFilePath } from '../stack/state-file';
import { seededRandom } from './random';
import { runDevices } from './run-devices';
import { DEFAULT_SETTINGS, DeviceSimulation } from './simulation';

const HELP = `usage: npm run devices -- [options]

Simulated motors for the example models: each publishes its pressure to vigil/motors/<id>/pressure
(the motor model's PressureInput), surges above 70 now and then, and goes offline and comes back
(sometimes for longer than the connectivity model's 5-minute grace period). Run \`npx vigil tail\`
beside it to watch the detectors and alerts.

options:
  --count N        devices (default ${DEFAULT_SETTINGS.count})
  --interval MS    time between readings, ms (default 2000)
  --seed N         repeat a run exactly (default: random)
  --url URL        the broker (default: the running \`npm start\`, else mqtt://127.0.0.1:$VIGIL_MQTT_PORT or 1883)`;

/** `npm run devices`: runs the simulated fleet until Ctrl-C. Resolves with the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { count: { type: 'string' }, interval: { type: 'string' }, seed: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    process.stderr.write(`devices: ${(error as Error).message}\n\n${HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const count = positive(values.count, DEFAULT_SETTINGS.count);
  const intervalMs = positive(values.interval, 2000);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (count === undefined || intervalMs === undefined || !Number.isInteger(seed)) {
    process.stderr.write(`devices: --count, --interval and --seed take whole numbers\n\n${HELP}\n`);
    return 2;
  }
  const url = values.url ?? brokerUrl(env);
  const simulation = new DeviceSimulation(seededRandom(seed), { ...DEFAULT_SETTINGS, count });
  const print = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  let fleet;
  try {
    fleet = await runDevices({ url, simulation, intervalMs, print });
  } catch (error) {
    process.stderr.write(`devices: ${(error as Error).message}\nIs the local stack running? Start it with \`npm start\`.\n`);
    return 1;
  }
  print(`${count} devices (${simulation.deviceIds.join(', ')}) publishing to ${url} every ${intervalMs} ms (seed ${seed}); Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await fleet.stop();
  return 0;
}

/** The broker of the running `npm start`, else the one the environment names. */
function brokerUrl(env: NodeJS.ProcessEnv): string {
  if (env.VIGIL_MQTT_PORT) return `mqtt://127.0.0.1:${env.VIGIL_MQTT_PORT}`;
  return readStateFile(stateFilePath(path.resolve(__dirname, '..', '..')))?.endpoints.mqtt ?? 'mqtt://127.0.0.1:1883';
}

function positive(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
