import type { Telemetry } from '../../lib/ports';

/** One log line as the runtime wrote it. */
export interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Record<string, unknown>;
}

/** Telemetry that keeps every log line and sums every counter, for assertions. */
export class RecordingTelemetry implements Telemetry {
  readonly lines: LogLine[] = [];
  readonly counts: Record<string, number> = {};

  log(level: LogLine['level'], message: string, fields: Record<string, unknown> = {}): void {
    this.lines.push({ level, message, fields });
  }

  count(metric: string, value = 1): void {
    this.counts[metric] = (this.counts[metric] ?? 0) + value;
  }

  /** The messages logged at `level`. */
  messages(level: LogLine['level']): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}
