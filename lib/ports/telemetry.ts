/** Structured logs and counters, so the runtime does not depend on a logging library. */
export interface Telemetry {
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>): void;
  /** Adds `value` (default 1) to a counter metric. */
  count(metric: string, value?: number): void;
}

/** Telemetry that records nothing. */
export const SILENT: Telemetry = { log: () => undefined, count: () => undefined };
