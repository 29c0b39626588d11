import { parseArgs } from 'node:util';
import { describeState, findLocalStack, NoLocalStackError, type StackLocation } from '../stack/find-local-stack';
import { watchLocalStack } from '../stack/watch-local-stack';
import { seededRandom } from './random';
import { runDevices } from './run-devices';
import { AnomalySimulation } from './anomaly-simulation';
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
  --profile P      motors (default), or anomalies: three pressure sensors that spike, drift and
                   go silent, for the example model of models/examples/inference (start the stack
                   with VIGIL_MODELS_DIR=models/examples/inference npm start; --count is ignored)
  --url URL        the broker (default: the running \`npm start\`, followed when it restarts;
                   else mqtt://127.0.0.1:$VIGIL_MQTT_PORT)`;

/** `npm run devices`: runs the simulated fleet until Ctrl-C. Resolves with the exit code. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { count: { type: 'string' }, interval: { type: 'string' }, seed: { type: 'string' }, url: { type: 'string' }, profile: { type: 'string', default: 'motors' }, help: { type: 'boolean', short: 'h' } },
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
  if (values.profile !== 'motors' && values.profile !== 'anomalies') {
    process.stderr.write(`devices: --profile is motors or anomalies\n\n${HELP}\n`);
    return 2;
  }
  if (count === undefined || intervalMs === undefined || !Number.isInteger(seed)) {
    process.stderr.write(`devices: --count, --interval and --seed take whole numbers\n\n${HELP}\n`);
    return 2;
  }
  let location: StackLocation | undefined;
  if (values.url === undefined) {
    try {
      location = findLocalStack(['mqtt'], {}, env);
    } catch (error) {
      if (!(error instanceof NoLocalStackError)) throw error;
      process.stderr.write(`devices: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`devices: ${location.description}\n`);
  }
  const url = values.url ?? (location?.endpoints.mqtt as string);
  const simulation = values.profile === 'anomalies' ? new AnomalySimulation(seededRandom(seed)) : new DeviceSimulation(seededRandom(seed), { ...DEFAULT_SETTINGS, count });
  const print = (line: string) => process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  let fleet;
  try {
    fleet = await runDevices({ url, simulation, intervalMs, print });
  } catch (error) {
    process.stderr.write(`devices: ${(error as Error).message}\nIs the local stack running? Start it with \`npm start\`.\n`);
    return 1;
  }
  print(`${simulation.deviceIds.length} devices (${simulation.deviceIds.join(', ')}) publishing to ${url} every ${intervalMs} ms (seed ${seed}); Ctrl-C stops`);
  const running = fleet;
  // A restarted `npm start` may listen elsewhere: the fleet follows it (mqtt.js alone would retry the old port forever).
  const stopWatching = location?.state
    ? watchLocalStack(location.state, (state) => {
        if (!state) return print('the local stack stopped; the devices retry until it is back');
        print(`the local stack restarted (${describeState(state)}); devices reconnect to ${state.endpoints.mqtt}`);
        void running.moveTo(state.endpoints.mqtt);
      }, env)
    : () => undefined;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  stopWatching();
  await fleet.stop();
  return 0;
}

function positive(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}
