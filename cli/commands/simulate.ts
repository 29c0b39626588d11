import { parseArgs } from 'node:util';
import { stringifyTypedJson } from '../../lib/expression';
import { describeDetector, engineOptions } from '../../lib/engine';
import type { CompiledAlarmModel, CompiledModel } from '../../lib/model';
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../lib/runtime/route-batch';
import { Simulator, readReplay, type MessagesFileError, type SimulationEvent } from '../../lib/simulation';
import { LineBuffer } from '../line-buffer';
import { readChunks } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { inputIssues, inputsForChecks, loadModel, printIssues, readInputs } from '../model-files';
import { alarmLine, simulationLine } from '../simulation-lines';

const HELP = `usage: vigil simulate <model.json>... --inputs <inputs.json> --messages <messages.json> [options]

Replays messages through detector models and alarm models in virtual time and prints JSON lines:
one {"type":"action",…} per external action in execution order, then one {"type":"detector",…}
per detector (DescribeDetector's shape) and one {"type":"alarm",…} per alarm instance
(DescribeAlarm's shape). Timers fire, and snoozes end, at their due time between messages. A
payload is printed exactly as it would be sent (a JSON payload as its own text).

Each model file is a CreateDetectorModel body or a CreateAlarmModel body (one with alarmRule); a
message reaches every model that reads its input, detector and alarm models alike. An alarm
prints {"type":"alarmState",…,"from","to","cause"} when it changes state, then its actions
({"type":"action","alarmModelName",…}, the default payload when the action sets none) and
notifications ({"type":"notification",…,"event"}: the event the notification function gets; the
simulator cannot look up IAM Identity Center users, so "recipients" names them and the event's
addresses are empty).

Operator actions are lines of the messages file too, with the data API's request members:
  {"operatorAction":"acknowledge","alarmModelName":"m","keyValue":"k","note":"…","timestamp":…}
operatorAction is acknowledge, disable, enable, reset or snooze (which takes "snoozeDuration",
seconds); requestId is optional. One the data API would list in errorEntries (acknowledging a
NORMAL alarm, an unknown model or key) prints {"type":"refusal",…,"line","errorCode",
"errorMessage"} and the replay goes on.

Each message goes through the deployed runtime's own checks: one it would reject (payload over
--max-payload-bytes, not JSON or not an object, an input that does not exist, no key for the
model) prints one {"type":"error",…} line with the error code BatchPutMessage would answer, and
the replay goes on. A message an iotEvents action sends is replayed right after the evaluation
that sent it, at the same virtual time; more than --max-loopbacks of them for one message or
timer firing are dropped, with an error line.

The inputs file is a CreateInput body or an array of them (without it, the inputs the models read
exist); the messages file JSON lines, a JSON array, or BatchPutMessage bodies of {messageId,
inputName, payload, timestamp?} (timestamp in epoch ms; missing: one second after the previous
line). The file is read as it is replayed, one message
at a time, so it may be of any size. A part of it that is not a message is named by its line on
stderr and skipped; the others are replayed, and the exit status is 1.

options:
  --until <epoch-ms>          keep firing timers up to this time after the last message
  --trace                     also print one {"type":"trace",…} record per detector evaluation
                              and one {"type":"alarmTrace",…} per alarm evaluation
  --start <epoch-ms>          time of the first message without a timestamp (default 2026-01-01T00:00:00Z)
  --min-timer-seconds <n>     shortest timer allowed (default 60, as in AWS)
  --input-scope retained|currentOnly   what $input reads between messages (default retained)
  --max-loopbacks <n>         messages iotEvents actions may send for one message or timer firing (default 1000)
  --max-payload-bytes <n>     largest payload accepted, as the deployment's MAX_PAYLOAD_BYTES (default ${DEFAULT_MAX_MESSAGE_BYTES})

exit status: 0 replayed, 1 invalid model or inputs file, or parts of the messages file skipped,
2 bad command line, 4 replayed, but error or refusal lines were printed (a message rejected or
not delivered to every model, an operator action refused).`;

const DEFAULT_START = Date.UTC(2026, 0, 1);
/** The replay ran to the end, but at least one error line was printed. */
const EXIT_REJECTED = 4;

/** `vigil simulate`: replays a message file through detector and alarm models and prints what they did. */
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
      'max-loopbacks': { type: 'string' },
      'max-payload-bytes': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (!positionals.length) throw new UsageError(`expected a model file\n\n${HELP}`);
  if (!values.messages) throw new UsageError('--messages is required');
  const scope = values['input-scope'];
  if (scope !== 'retained' && scope !== 'currentOnly') throw new UsageError('--input-scope must be retained or currentOnly');
  const minTimerSeconds = numberOption(values['min-timer-seconds'], '--min-timer-seconds');
  const until = numberOption(values.until, '--until');
  const maxLoopbacks = numberOption(values['max-loopbacks'], '--max-loopbacks');
  if (maxLoopbacks !== undefined && !(Number.isInteger(maxLoopbacks) && maxLoopbacks >= 0)) throw new UsageError('--max-loopbacks expects a whole number');
  const maxMessageBytes = numberOption(values['max-payload-bytes'], '--max-payload-bytes');
  if (maxMessageBytes !== undefined && !(Number.isInteger(maxMessageBytes) && maxMessageBytes >= 1)) throw new UsageError('--max-payload-bytes expects a whole number of bytes');
  const start = numberOption(values.start, '--start') ?? DEFAULT_START;
  const inputs = readInputs(values.inputs);
  const badInputs = inputs ? inputIssues(inputs) : [];
  if (badInputs.some((issue) => issue.level === 'ERROR')) {
    io.err(`vigil: ${values.inputs} holds invalid inputs:`);
    printIssues(io, badInputs, false);
    return EXIT.invalid;
  }
  const models: CompiledModel[] = [];
  const alarmModels: CompiledAlarmModel[] = [];
  for (const file of positionals) {
    const loaded = loadModel(io, file, { inputs: inputsForChecks(inputs), minTimerSeconds });
    if (!loaded) return EXIT.invalid;
    const [list, kind] = loaded.kind === 'alarm' ? [alarmModels, 'alarm'] : [models, 'detector'];
    if (list.some((model) => model.name === loaded.model.name)) throw new UsageError(`two ${kind} models are named ${loaded.model.name}`);
    (list as (typeof loaded.model)[]).push(loaded.model);
  }

  // Without --trace no trace is printed, so none is recorded: a step then costs about a third less.
  const options = engineOptions({ inputScope: scope, traces: values.trace === true, ...(minTimerSeconds === undefined ? {} : { minTimerSeconds }) });
  const simulator = new Simulator(models, options, { maxLoopbacks, maxMessageBytes, alarmModels, ...(inputs ? { inputs: inputs.map((input) => input.inputName) } : {}) });
  const out = new LineBuffer(io);
  let errors = 0;
  const print = (events: SimulationEvent[]) => {
    for (const event of events) {
      if (event.type === 'error' || event.type === 'refusal') errors++;
      const line = simulationLine(event, values.trace === true);
      if (line !== undefined) out.line(line);
    }
  };
  // A part of the file that is not a message is said on stderr, with its line, and skipped.
  let unreadable = 0;
  const skip = (error: MessagesFileError) => {
    unreadable++;
    io.err(`vigil: ${values.messages}: ${error.message}; skipped`);
  };
  for (const item of readReplay(readChunks(values.messages), start, skip)) print(simulator.replay(item));
  if (until !== undefined) print(simulator.advanceTo(until));
  for (const snapshot of simulator.eachSnapshot()) out.line(stringifyTypedJson({ type: 'detector', ...describeDetector(snapshot) }));
  for (const snapshot of simulator.eachAlarm()) out.line(alarmLine(snapshot));
  out.flush();
  if (unreadable) return EXIT.invalid;
  return errors ? EXIT_REJECTED : EXIT.ok;
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new UsageError(`${name} expects a number, not '${value}'`);
  return parsed;
}
