import type { ServerlessConfig } from '../serverless-config';
import type { AsyncInvoker } from './async-invoker';
import { functionName } from './function-wiring';
import { LOCAL_ACCOUNT, LOCAL_REGION } from './local-identity';

/**
 * serverless-offline runs `schedule` events itself, from the next minute boundary on. A
 * `rate(1 minute)` function (the timer scheduler, which runs 70 s from its start) is
 * also started once now, so the first minute is covered: from then on offline's schedule keeps
 * exactly the overlap of one run per minute that AWS has, never two schedulers side by side.
 */
export function kickMinuteSchedules(config: ServerlessConfig, invoker: AsyncInvoker, log: (message: string, error?: Error) => void): void {
  for (const [key, definition] of Object.entries(config.functions)) {
    const everyMinute = (definition.events ?? []).some((event) => {
      const schedule = typeof event.schedule === 'object' && event.schedule !== null ? (event.schedule as { rate?: unknown }).rate : event.schedule;
      return [schedule].flat().some((rate) => typeof rate === 'string' && /^rate\(1 minutes?\)$/.test(rate.trim()));
    });
    if (!everyMinute) continue;
    const now = new Date();
    const event = { version: '0', id: `local-start-${now.getTime()}`, 'detail-type': 'Scheduled Event', source: 'aws.events', account: LOCAL_ACCOUNT, time: now.toISOString(), region: LOCAL_REGION, resources: [], detail: {} };
    invoker.invoke(functionName(config, key), event).catch((error: Error) => {
      if (!invoker.stopped) log(`could not start ${key} now; offline starts it at the next minute`, error);
    });
  }
}
