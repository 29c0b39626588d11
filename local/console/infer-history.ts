import {
  ChartCollector, DEFAULT_MAX_RATE, inferFromHistory, proposalSummary, readHistoryLines, reportLines, stringLines, type ChartSeries, type HistoryOptions, type Reading,
} from '../../lib/inference';

/** What `POST /api/console/infer` takes (JSON). */
export interface InferRequest {
  /** The history: JSON lines of messages (as `vigil simulate` takes) or CSV with a header. */
  readonly history: string;
  readonly format?: 'jsonl' | 'csv';
  /** The attribute (column) naming each device; without it, one series. */
  readonly key?: string;
  /** JSONL: the input whose messages to read (default: the first message's). */
  readonly input?: string;
  /** Most alarms per reading a threshold may raise on the history (default as `vigil infer`). */
  readonly maxRate?: number;
}

/** Bounds on one inference: it runs inside the console server, which serves everyone else meanwhile. */
export const INFER_LIMITS = {
  /** Request body, bytes (the history travels as JSON text). */
  bodyBytes: 16 * 1024 * 1024,
  /** Readings taken at most. */
  readings: 200_000,
  /** Points drawn per key × attribute (every firing point besides). */
  pointsPerSeries: 2_000,
  /** Problems named one by one in a refusal. */
  problems: 20,
} as const;

/** The history cannot be inferred from: said as a 400, naming the lines. */
export class InferRefusal extends Error {
  constructor(
    message: string,
    readonly problems: readonly { line: number; message: string }[] = [],
  ) {
    super(message);
  }
}

/**
 * `vigil infer` on a pasted history, with the same reader and statistics (`lib/inference`): the
 * report's lines and the proposal's JSON as `vigil infer` writes them, and for the chart each
 * key × attribute series with its alarm thresholds and the readings that would have fired them
 * ({@link ChartCollector}). Deterministic. A history with any line that cannot be read is refused
 * (the CLI skips such lines and exits 1; here nothing is proposed from half a history).
 *
 * @throws InferRefusal for a bad request, a line that cannot be read, no readings, or too many.
 */
export function inferHistory(request: InferRequest): { report: string[]; proposal: Record<string, unknown>; series: ChartSeries[] } {
  const options = optionsOf(request);
  const maxRate = request.maxRate ?? DEFAULT_MAX_RATE;
  if (typeof maxRate !== 'number' || !(maxRate >= 0 && maxRate < 1)) throw new InferRefusal(`maxRate must be a rate between 0 and 1, not ${JSON.stringify(request.maxRate)}`);
  const problems: { line: number; message: string }[] = [];
  const readings = function* (): Generator<Reading> {
    let count = 0;
    for (const reading of readHistoryLines(stringLines(request.history), options, (line, message) => void problems.push({ line, message }))) {
      if (++count > INFER_LIMITS.readings) throw new InferRefusal(`at most ${INFER_LIMITS.readings} readings are inferred from at once; run vigil infer on larger histories`);
      yield reading;
    }
  };
  const proposal = inferFromHistory((n) => {
    if (n === 2 && problems.length) throw refusal(problems);
    return readings();
  }, maxRate);
  if (problems.length) throw refusal(problems);
  if (!proposal) throw new InferRefusal(`no readings: the history holds no numeric attribute${options.key ? ` with a key '${options.key}'` : ''}`);
  const collector = new ChartCollector(proposal);
  for (const reading of readings()) collector.add(reading);
  return { report: reportLines(proposal), proposal: proposalSummary(proposal), series: collector.result(INFER_LIMITS.pointsPerSeries) };
}

function refusal(problems: { line: number; message: string }[]): InferRefusal {
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more line(s))` : '';
  return new InferRefusal(`line ${problems[0].line}: ${problems[0].message}${more}`, problems.slice(0, INFER_LIMITS.problems));
}

function optionsOf(request: InferRequest): HistoryOptions {
  if (typeof request.history !== 'string') throw new InferRefusal('The body must be {"history": "<JSON lines or CSV>", "format"?: "jsonl"|"csv", "key"?: "<attribute>", "input"?: "<name>", "maxRate"?: <rate>}.');
  for (const name of ['key', 'input'] as const) {
    if (request[name] !== undefined && typeof request[name] !== 'string') throw new InferRefusal(`${name} must be a string`);
  }
  const format = request.format ?? (/^\s*\{/.test(request.history) ? 'jsonl' : 'csv');
  if (format !== 'jsonl' && format !== 'csv') throw new InferRefusal(`format must be jsonl or csv, not ${JSON.stringify(request.format)}`);
  // As `vigil infer`: CSV times in the `timestamp` column, a reading without a time 1 s after the one before.
  return { format, time: 'timestamp', start: Date.UTC(2026, 0, 1), ...(request.key ? { key: request.key } : {}), ...(request.input ? { input: request.input } : {}) };
}
