import { parseArgs } from 'node:util';
import { parseTypedJson, stringifyTypedJson } from '../../lib/expression';
import { describeDetector, effectTarget, engineOptions, traceRecord, type ActionEffect } from '../../lib/engine';
import { MessagesFileError, Simulator, parseMessagesFile, type SimulationEvent } from '../../lib/simulation';
import { readText } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { loadModel, inputsForChecks } from '../model-files';

const HELP = `usage: vigil simulate <model.json> --inputs <inputs.json> --messages <messages.json> [options]

Replays messages through a detector model in virtual time and prints JSON lines: one
{"type":"action",…} per external action in execution order, then one {"type":"detector",…} per
detector (DescribeDetector's shape). Timers fire at their due time between messages.

The model file is a CreateDetectorModel body; the inputs file a CreateInput body or an array of
them; the messages file a BatchPutMessage body, a JSON array or JSON lines of
{messageId, inputName, payload, timestamp?} (timestamp in epoch ms; missing: one second after the
previous message).

options:
  --until <epoch-ms>          keep firing timers up to this time after the last message
  --trace                     also print one {"type":"trace",…} record per evaluation
  --start <epoch-ms>          time of the first message without a timestamp (default 2026-01-01T00:00:00Z)
  --min-timer-seconds <n>     shortest timer allowed (default 60, as in AWS)
  --input-scope retained|currentOnly   what $input reads between messages (default retained)

exit status: 0 replayed, 1 invalid model or messages, 2 bad command line.`;

const DEFAULT_START = Date.UTC(2026, 0, 1);

/** `vigil simulate`: replays a message file through a model and prints what it did. */
export async function simulateCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      inputs: { type: 'string' },
      messages: { type: 'string' },
      until: { type: 'string' },
      trace: { type: 'boolean', default: false },
      start: { type: 'string' },
      'min-timer-seconds': { type: 'string' },
      'input-scope': { type: 'string', default: 'retained' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one model file\n\n${HELP}`);
  if (!values.messages) throw new UsageError('--messages is required');
  const scope = values['input-scope'];
  if (scope !== 'retained' && scope !== 'currentOnly') throw new UsageError('--input-scope must be retained or currentOnly');
  const minTimerSeconds = numberOption(values['min-timer-seconds'], '--min-timer-seconds');
  const model = loadModel(io, positionals[0], { inputs: inputsForChecks(values.inputs), minTimerSeconds });
  if (!model) return EXIT.invalid;

  let messages;
  try {
    messages = parseMessagesFile(readText(values.messages), numberOption(values.start, '--start') ?? DEFAULT_START);
  } catch (error) {
    if (!(error instanceof MessagesFileError)) throw error;
    io.err(`vigil: ${values.messages}: ${error.message}`);
    return EXIT.invalid;
  }
  const simulator = new Simulator([model], engineOptions({ inputScope: scope, ...(minTimerSeconds === undefined ? {} : { minTimerSeconds }) }));
  const print = (events: SimulationEvent[]) => {
    for (const event of events) {
      if (event.type === 'action') io.out(stringifyTypedJson(actionLine(event.time, event.effect)));
      else if (event.type === 'error') io.out(stringifyTypedJson({ ...event, time: BigInt(event.time) }));
      else if (values.trace) io.out(stringifyTypedJson({ type: 'trace', ...traceRecord(event.trace) }));
    }
  };
  for (const message of messages) print(simulator.send(message));
  const until = numberOption(values.until, '--until');
  if (until !== undefined) print(simulator.advanceTo(until));
  for (const snapshot of simulator.snapshots()) io.out(stringifyTypedJson({ type: 'detector', ...describeDetector(snapshot) }));
  return EXIT.ok;
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`${name} expects a number, not '${value}'`);
  return parsed;
}

/** The JSON line of one action: where it went and what it carried. */
function actionLine(time: number, effect: ActionEffect): Record<string, unknown> {
  let payload: unknown;
  if (effect.type === 'iotSiteWise') payload = effect.propertyValue;
  else if (effect.payload.type === 'JSON') {
    try {
      payload = parseTypedJson(effect.payload.text);
    } catch {
      payload = effect.payload.text;
    }
  } else payload = effect.payload.text;
  return {
    type: 'action',
    time: BigInt(time),
    detectorModelName: effect.detectorModelName,
    keyValue: effect.keyValue,
    eventName: effect.eventName,
    action: effect.type,
    target: effectTarget(effect),
    actionExecutionId: effect.actionExecutionId,
    payload,
  };
}
