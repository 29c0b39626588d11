import { API_OPTIONS, API_OPTIONS_HELP, parseCommandLine, printHelp, withApi } from '../api-client';
import { EXIT, UsageError, type CommandIo } from '../io';
import { signedGet } from '../signed-get';

const HELP = `usage: vigil trace <model> [--key <keyValue>] [options]

Why did this detector do that? Prints its most recent evaluations (20 by default, TRACE_DEPTH),
oldest first: what started each one (a message or a timer), the state before and after, every
condition evaluated with True/False/Skipped, the actions it took, and why a message was skipped
(a duplicate, an out-of-order lifecycle event). An action that failed for good after its retries
is marked FAILED, with why (its dead letter is on the actions DLQ, for \`vigil redrive\`).
--json prints the records in the shape of AWS IoT Events' DEBUG log (a failed action carries
Vigil's own \`failure\` field).

options:
  --key <keyValue>   the detector's key value (leave out for a model without a key)
${API_OPTIONS_HELP}

exit status: 0 printed, 1 refused, 2 bad command line, 3 API not reachable.`;

/** One evaluation trace as the API returns it (AWS's DEBUG log record). */
interface TraceRecord {
  timestamp: string;
  status?: string;
  messageId?: string;
  inputName?: string;
  triggerType?: string;
  timerName?: string;
  initialState?: string;
  finalState?: string;
  finalVariables?: Record<string, unknown>;
  conditionEvaluationResults?: { result: string; eventName: string; state: string; lifeCycle: string; resultDetails?: string }[];
  /** `failure`: Vigil's own field, on an action that failed for good after dispatch. */
  actions?: { eventName: string; action: string; actionExecutionId: string; failure?: { error: string; attempts: number; failedAt: string; target: string } }[];
  diagnostics?: { level: string; message: string }[];
  skipReason?: string;
}

/** `vigil trace`: the detector's last evaluation traces (Vigil's own API route). */
export async function traceCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { ...API_OPTIONS, key: { type: 'string' } }, HELP);
  if (values.help) return printHelp(io, HELP);
  if (positionals.length !== 1) throw new UsageError(`expected one detector model name\n\n${HELP}`);
  return withApi(io, 'trace', values, async (clients) => {
    const response = await signedGet(clients, `detectors/${encodeURIComponent(positionals[0])}/traces`, values.key === undefined ? {} : { keyValue: values.key });
    const text = await response.text();
    if (response.status !== 200) {
      io.err(`vigil trace: ${response.headers.get('x-amzn-ErrorType') ?? `HTTP ${response.status}`}: ${safeMessage(text)}`);
      return EXIT.invalid;
    }
    if (values.json) {
      io.out(text);
      return EXIT.ok;
    }
    const { traces } = JSON.parse(text) as { traces: TraceRecord[] };
    if (!traces.length) io.err('no evaluations recorded for this detector');
    for (const trace of traces) formatTrace(trace).forEach((line) => io.out(line));
    return EXIT.ok;
  });
}

/** Readable lines for one evaluation. */
export function formatTrace(trace: TraceRecord): string[] {
  const trigger = trace.triggerType === 'Timer' ? `timer ${trace.timerName}` : `message ${trace.messageId} (${trace.inputName})`;
  const states = trace.initialState === undefined ? `created in ${trace.finalState}` : trace.initialState === trace.finalState ? `stays ${trace.finalState}` : `${trace.initialState} → ${trace.finalState}`;
  const lines = [`${trace.timestamp}  ${trigger}  ${states}${trace.status && trace.status !== 'Success' ? `  [${trace.status}]` : ''}`];
  if (trace.skipReason) lines.push(`  skipped: ${trace.skipReason}`);
  for (const c of trace.conditionEvaluationResults ?? []) lines.push(`  ${c.state}.${c.lifeCycle[0].toLowerCase()}${c.lifeCycle.slice(1)} ${c.eventName}: ${c.result}${c.resultDetails ? ` (${c.resultDetails})` : ''}`);
  for (const a of trace.actions ?? []) {
    const failed = a.failure && `  FAILED at ${a.failure.failedAt} (${a.failure.attempts} attempt${a.failure.attempts === 1 ? '' : 's'}, ${a.failure.target}): ${a.failure.error}`;
    lines.push(`  action ${a.action} by ${a.eventName} (${a.actionExecutionId})${failed ?? ''}`);
  }
  for (const d of trace.diagnostics ?? []) lines.push(`  ${d.level.toLowerCase()}: ${d.message}`);
  const variables = Object.entries(trace.finalVariables ?? {});
  if (variables.length) lines.push(`  variables: ${variables.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(', ')}`);
  return lines;
}

function safeMessage(text: string): string {
  try {
    return (JSON.parse(text) as { message?: string }).message ?? text;
  } catch {
    return text;
  }
}
