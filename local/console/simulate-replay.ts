import { stringifyTypedJson } from '../../lib/expression';
import { describeDetector, engineOptions } from '../../lib/engine';
import { builtInInputs } from '../../lib/lifecycle';
import { ModelValidationError, compileModel, isAlarmModelBody, validateInput, type CompiledModel, type CreateDetectorModelRequest, type CreateInputRequest, type ModelIssue } from '../../lib/model';
import { Simulator, readMessages, type MessagesFileError, type SimulationEvent } from '../../lib/simulation';
import { simulationLine } from '../../cli/simulation-lines';

/** What `POST /api/console/simulate` takes (JSON). */
export interface ReplayRequest {
  /** A CreateDetectorModel body. */
  readonly model: unknown;
  /** CreateInput bodies; without them, the inputs the model reads exist (as `vigil simulate`). */
  readonly inputs?: unknown;
  /** The messages, in any form `vigil simulate --messages` reads (JSON lines, an array, BatchPutMessage bodies). */
  readonly messages: string;
}

/** Bounds on one replay: it runs inside the console server, which serves everyone else meanwhile. */
export const REPLAY_LIMITS = {
  /** Messages replayed at most. */
  messages: 1_000,
  /** Records answered at most (actions, traces, errors, detectors); the replay stops there. */
  records: 10_000,
  /** Virtual time a replay may cover, first message to last: timers fire across it. */
  spanMs: 31 * 24 * 3_600_000,
} as const;

/** Timers fire one virtual minute at a time, so the record bound is checked between minutes. */
const STEP_MS = 60_000;
/** The time of a first message without a timestamp, as `vigil simulate` (2026-01-01T00:00:00Z). */
const DEFAULT_START = Date.UTC(2026, 0, 1);

/** The request cannot be replayed: said as a 400 with the problems found. */
export class ReplayRefusal extends Error {
  constructor(
    message: string,
    readonly problems: readonly Pick<ModelIssue, 'type' | 'level' | 'path' | 'message'>[] = [],
  ) {
    super(message);
  }
}

/**
 * Replays messages through a detector model as `vigil simulate --trace` does (the same
 * simulator, engine and record shapes: one `action`, `trace` or `error` record per event, then
 * one `detector` record per detector), bounded by {@link REPLAY_LIMITS}: past the record bound
 * the replay stops and the answer says `truncated`. Records are typed JSON, so a decimal keeps
 * its `.0`. Deterministic.
 *
 * @returns the answer's JSON text: `{"records":[…],"skipped":[…],"truncated":…}`; `skipped` names
 *   the parts of the messages text that are not messages, by line.
 * @throws ReplayRefusal when the model, the inputs or the request are not valid.
 */
export function replay(request: ReplayRequest): string {
  const model = compile(request.model, readInputs(request.inputs));
  const inputs = Array.isArray(request.inputs) ? (request.inputs as CreateInputRequest[]).map((input) => input.inputName) : undefined;
  const simulator = new Simulator([model], engineOptions({ traces: true }), inputs ? { inputs } : {});
  const records: string[] = [];
  const skipped: string[] = [];
  let truncated = false;
  const add = (events: SimulationEvent[]) => {
    for (const event of events) records.push(record(event));
    if (records.length > REPLAY_LIMITS.records) truncated = true;
  };
  let first: number | undefined;
  let clock = -Infinity;
  let count = 0;
  const onError = (error: MessagesFileError) => void skipped.push(error.message);
  for (const message of readMessages([Buffer.from(request.messages, 'utf8')], DEFAULT_START, onError)) {
    if (++count > REPLAY_LIMITS.messages) throw new ReplayRefusal(`at most ${REPLAY_LIMITS.messages} messages are replayed at once`);
    first ??= message.timestamp;
    if (message.timestamp - first > REPLAY_LIMITS.spanMs) throw new ReplayRefusal(`the messages span more than ${REPLAY_LIMITS.spanMs / 86_400_000} days of virtual time (message ${message.messageId})`);
    if (!advance(simulator, clock, message.timestamp, add, () => truncated)) break;
    add(simulator.send(message));
    // A message stamped in the past is processed "now": virtual time never runs backwards.
    clock = Math.max(clock, message.timestamp);
    if (truncated) break;
  }
  if (!truncated) for (const snapshot of simulator.eachSnapshot()) records.push(stringifyTypedJson({ type: 'detector', ...describeDetector(snapshot) }));
  return `{"records":[${records.slice(0, REPLAY_LIMITS.records).join(',')}],"skipped":${JSON.stringify(skipped)},"truncated":${truncated}}`;
}

/** Fires the timers due from `from` until `to` a minute at a time; false once the record bound is reached. */
function advance(simulator: Simulator, from: number, to: number, add: (events: SimulationEvent[]) => void, full: () => boolean): boolean {
  // Before the first message no detector exists, so no timer can be due.
  if (from === -Infinity) return true;
  for (let time = from + STEP_MS; time < to; time += STEP_MS) {
    add(simulator.advanceTo(time));
    if (full()) return false;
  }
  return true;
}

// The lines `vigil simulate --trace` prints, so the console shows what the CLI shows.
function record(event: SimulationEvent): string {
  return simulationLine(event, true) as string;
}

function readInputs(value: unknown): CreateInputRequest[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((input) => typeof input === 'object' && input !== null)) throw new ReplayRefusal('inputs must be an array of CreateInput bodies');
  const problems = value.flatMap((input, index) => validateInput(input).map((found) => ({ ...found, path: found.path ? `inputs[${index}].${found.path}` : `inputs[${index}]` })));
  if (problems.some((problem) => problem.level === 'ERROR')) throw new ReplayRefusal('the inputs are not valid', problems.filter((problem) => problem.level === 'ERROR'));
  return value as CreateInputRequest[];
}

function compile(model: unknown, inputs: CreateInputRequest[] | undefined): CompiledModel {
  if (isAlarmModelBody(model)) throw new ReplayRefusal('the replay runs detector models; this is an alarm model (it has alarmRule)');
  try {
    // Vigil's built-in lifecycle inputs exist in every deployment, so a model may read them.
    return compileModel(model as CreateDetectorModelRequest, { inputs: inputs && [...inputs, ...builtInInputs()] });
  } catch (error) {
    if (!(error instanceof ModelValidationError)) throw error;
    throw new ReplayRefusal('the model is not valid', error.issues.filter((found) => found.level === 'ERROR').map(({ type, level, path, message }) => ({ type, level, path, message })));
  }
}
