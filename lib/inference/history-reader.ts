import type { Reading } from './reading';

/** A line of a history text, numbered from 1. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/** How to read a history file. */
export interface HistoryOptions {
  readonly format: 'jsonl' | 'csv';
  /** The attribute (column) holding each reading's key; undefined: one series. */
  readonly key?: string;
  /** JSONL: only messages of this input (default: the first message's). */
  readonly input?: string;
  /** Only these attributes; default: every numeric one. */
  readonly attributes?: ReadonlySet<string>;
  /** CSV: the column of epoch-ms or ISO 8601 times. */
  readonly time: string;
  /** Time of a first reading without one, epoch ms; each later one without a time is 1 s after the previous. */
  readonly start: number;
}

/** A line that could not be read as a reading, and why; the reading is skipped. */
export type Problem = (line: number, message: string) => void;

/** An attribute name (one level) the models can read without quoting, and variable names can be made of. */
const NAME = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;
/** Levels of nested objects read: `sensorData.pressure` is two. */
const MAX_DEPTH = 3;
const NUMBER = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/**
 * The readings of the lines of a JSON-lines message file (`{"inputName", "payload", "timestamp"?}`
 * per line, as `vigil simulate` takes) or of a CSV file with a header, streamed: the lines are
 * taken one at a time, never held whole (`vigil infer` reads a file's, the console a pasted
 * text's). The input name found is reported through `found`.
 */
export function* readHistoryLines(lines: Iterable<NumberedLine>, options: HistoryOptions, problem: Problem, found: { inputName?: string } = {}): Generator<Reading> {
  const numeric = new Set<string>();
  let clock = options.start - 1000;
  const timeOf = (given: number | undefined) => (clock = given ?? clock + 1000);
  if (options.format === 'csv') {
    yield* readCsv(lines, options, problem, numeric, timeOf);
    return;
  }
  for (const { line, text } of lines) {
    if (!text.trim()) continue;
    const message = parseLine(text);
    if (typeof message === 'string') {
      problem(line, message);
      continue;
    }
    found.inputName ??= options.input ?? message.inputName;
    if (message.inputName !== found.inputName) continue;
    const reading = toReading(line, message.payload, options, numeric, problem, timeOf(message.timestamp));
    if (reading) yield reading;
  }
}

function parseLine(text: string): { inputName: string; payload: Record<string, unknown>; timestamp?: number } | string {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch (error) {
    return `not JSON: ${(error as Error).message}`;
  }
  if (!isObject(message) || typeof message.inputName !== 'string') return 'not a message: expected {"inputName": …, "payload": …}';
  let payload = message.payload;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      return 'the payload is not JSON';
    }
  }
  if (!isObject(payload)) return 'the payload is not a JSON object';
  const time = isObject(message.timestamp) ? message.timestamp.timeInMillis : message.timestamp;
  return { inputName: message.inputName, payload, ...(typeof time === 'number' ? { timestamp: time } : {}) };
}

function* readCsv(lines: Iterable<NumberedLine>, options: HistoryOptions, problem: Problem, numeric: Set<string>, timeOf: (given: number | undefined) => number): Generator<Reading> {
  let header: string[] | undefined;
  for (const { line, text } of lines) {
    if (!text.trim()) continue;
    const cells = splitCsv(text);
    if (!header) {
      header = cells.map((cell) => cell.trim());
      if (options.key !== undefined && !header.includes(options.key)) problem(line, `the header has no key column '${options.key}'`);
      continue;
    }
    if (cells.length !== header.length) {
      problem(line, `${cells.length} cells where the header has ${header.length}`);
      continue;
    }
    const record: Record<string, unknown> = {};
    let time: number | undefined;
    for (let i = 0; i < header.length; i++) {
      const name = header[i];
      const cell = cells[i];
      if (name === options.time) time = cell.trim() === '' ? undefined : NUMBER.test(cell) ? Number(cell) : Date.parse(cell);
      else if (cell.trim() !== '') record[name] = NUMBER.test(cell) && name !== options.key ? Number(cell) : cell;
    }
    if (time !== undefined && !Number.isFinite(time)) {
      problem(line, `the time '${cells[header.indexOf(options.time)]}' is neither epoch ms nor an ISO 8601 date`);
      continue;
    }
    const reading = toReading(line, record, options, numeric, problem, timeOf(time));
    if (reading) yield reading;
  }
}

/** One record's key and numeric attributes; undefined (with a problem) when it has no usable key or a number turned into text. */
function toReading(line: number, record: Record<string, unknown>, options: HistoryOptions, numeric: Set<string>, problem: Problem, time: number): Reading | undefined {
  let key = '';
  if (options.key !== undefined) {
    const value = record[options.key];
    if (typeof value !== 'string' && typeof value !== 'number') {
      problem(line, value === undefined ? `no key attribute '${options.key}'` : `the key attribute '${options.key}' is ${JSON.stringify(value)}, not a string or a number`);
      return undefined;
    }
    key = String(value);
  }
  const values = new Map<string, number>();
  return collect(line, record, '', 0, options, numeric, problem, values) && values.size ? { key, time, values } : undefined;
}

/**
 * Adds the numeric attributes of `record` (nested objects too, as dotted paths such as
 * `sensorData.pressure`, at most {@link MAX_DEPTH} levels) to `values`; false, with a problem,
 * when an attribute numeric before is not a number here.
 */
function collect(line: number, record: Record<string, unknown>, prefix: string, depth: number, options: HistoryOptions, numeric: Set<string>, problem: Problem, values: Map<string, number>): boolean {
  for (const member in record) {
    if (!NAME.test(member)) continue;
    const name = prefix + member;
    const value = record[member];
    if (name === options.key) continue;
    if (isObject(value)) {
      if (depth + 1 < MAX_DEPTH && !collect(line, value, `${name}.`, depth + 1, options, numeric, problem, values)) return false;
      continue;
    }
    if (options.attributes && !options.attributes.has(name)) continue;
    if (typeof value === 'number' && Number.isFinite(value)) {
      numeric.add(name);
      values.set(name, value);
    } else if (numeric.has(name) || options.attributes?.has(name)) {
      problem(line, `attribute '${name}' is ${JSON.stringify(value)}, not a number`);
      return false;
    }
  }
  return true;
}

/** The cells of a CSV line: commas separate, double quotes enclose (a doubled quote is one quote). */
function splitCsv(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') cell += text[++i];
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The lines of a text, numbered from 1 (a `\r` before a newline dropped), as a file's are read. */
export function* stringLines(text: string): Generator<NumberedLine> {
  let line = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
    yield { line: ++line, text: text.slice(start, end).replace(/\r$/, '') };
    start = end + 1;
  }
  if (start < text.length) yield { line: line + 1, text: text.slice(start).replace(/\r$/, '') };
}
