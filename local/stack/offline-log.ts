/**
 * Picks, from everything serverless-offline prints once the stack is up, the lines a developer
 * should see in the terminal, as one short line each: warnings and errors the functions log
 * (Powertools JSON), and the failures offline reports (`× …`). Everything else (request logs,
 * INFO lines, SDK notices) stays in the log file. Returns undefined for a line to keep quiet.
 */
export function importantLine(line: string): string | undefined {
  const text = line.trim();
  if (!text) return undefined;
  if (text.startsWith('{')) return structured(text);
  // serverless-offline marks failures with a cross: "× Unhandled exception in handler 'ingestRule'."
  if (text.startsWith('×')) return `offline: ${text.slice(1).trim()}`;
  return undefined;
}

function structured(text: string): string | undefined {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const level = String(entry.level ?? '').toUpperCase();
  if (level !== 'WARN' && level !== 'ERROR' && level !== 'CRITICAL') return undefined;
  const source = typeof entry.function_name === 'string' ? entry.function_name : String(entry.service ?? 'function');
  const details = Object.entries(entry)
    .filter(([key]) => !IGNORED.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return `${source}: ${level} ${String(entry.message ?? '')}${details.length ? ` (${details.join(', ')})` : ''}`;
}

// Powertools' standard keys: context the one-line summary does not need.
const IGNORED = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'function_name',
  'function_arn',
  'function_memory_size',
  'function_request_id',
  'cold_start',
  'xray_trace_id',
  // The message says what failed; the stack trace stays in the log file.
  'stack',
]);
