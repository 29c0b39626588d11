import { parseArgs } from 'node:util';
import { isAlarmModelBody, validateAlarmModel, validateModel } from '../../lib/model';
import { readPlainJson } from '../files';
import { EXIT, UsageError, type CommandIo } from '../io';
import { inputIssues, inputsForChecks, printIssues, readInputs } from '../model-files';

const HELP = `usage: vigil validate <model.json> [--inputs inputs.json] [--verbose]

Checks a detector model (a CreateDetectorModel request body) the way AWS IoT Events analysed it,
or an alarm model (a CreateAlarmModel body: one with alarmRule) the way CreateAlarmModel did.
Errors print as 'path: message' on stdout; warnings go to stderr (--verbose adds INFO findings).
With --inputs (a CreateInput body or an array of them), each input is checked as CreateInput does
(its problems print as 'inputs[i].path: message', i counting the file's inputs from 0), and the
model's references to inputs and attributes are checked against them.

exit status: 0 valid (possibly with warnings), 1 invalid, 2 bad command line.`;

/** `vigil validate`: reports every problem of a model file with its JSON path. */
export async function validateCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      inputs: { type: 'string' },
      'min-timer-seconds': { type: 'string' },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one model file\n\n${HELP}`);
  const inputs = readInputs(values.inputs);
  const model = readPlainJson(positionals[0]);
  const issues = [
    ...(inputs ? inputIssues(inputs) : []),
    ...(isAlarmModelBody(model)
      ? validateAlarmModel(model, { inputs: inputsForChecks(inputs) })
      : validateModel(model, {
        inputs: inputsForChecks(inputs),
        minTimerSeconds: values['min-timer-seconds'] === undefined ? undefined : Number(values['min-timer-seconds']),
      })),
  ];
  printIssues(io, issues, values.verbose);
  const errors = issues.filter((issue) => issue.level === 'ERROR').length;
  const warnings = issues.filter((issue) => issue.level === 'WARNING').length;
  io.err(`${positionals[0]}: ${errors ? `invalid, ${errors} error(s)` : 'valid'}, ${warnings} warning(s)`);
  return errors ? EXIT.invalid : EXIT.ok;
}
