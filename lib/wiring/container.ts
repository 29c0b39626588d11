import { powertoolsTelemetry, type PowertoolsTelemetry } from '../adapters/telemetry';
import { loadConfig, type Config } from '../config';

export type { PowertoolsTelemetry };

/**
 * What every function of a Lambda container builds its runtime from: the configuration (read once
 * from the environment) and Powertools telemetry. Each function then builds only the clients it
 * uses (`lib/wiring/<function>.ts`).
 */
export function containerSetup(): { config: Config; telemetry: PowertoolsTelemetry } {
  return { config: loadConfig(), telemetry: powertoolsTelemetry(process.env.POWERTOOLS_SERVICE_NAME ?? 'vigil') };
}
