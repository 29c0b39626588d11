import { alarmActionCommand, describeAlarmCommand, listAlarmsCommand } from './commands/alarms';
import { analyzeModelCommand } from './commands/analyze-model';
import { deleteAlarmModelCommand, describeAlarmModelCommand, listAlarmModelVersionsCommand, listAlarmModelsCommand } from './commands/alarm-models';
import { batchPutMessageCommand } from './commands/batch-put-message';
import { batchUpdateDetectorCommand } from './commands/batch-update-detector';
import { deployInputCommand, deployModelCommand } from './commands/deploy';
import { deleteDetectorModelCommand, describeDetectorModelCommand, listDetectorModelVersionsCommand, listDetectorModelsCommand } from './commands/detector-models';
import { deleteDetectorCommand, describeDetectorCommand, listDetectorsCommand } from './commands/detectors';
import { evalCommand } from './commands/eval';
import { inferCommand } from './commands/infer';
import { deleteInputCommand, describeInputCommand, listInputsCommand } from './commands/inputs';
import { redriveCommand } from './commands/redrive';
import { simulateCommand } from './commands/simulate';
import { traceCommand } from './commands/trace';
import { tailCommand } from './commands/tail';
import { validateCommand } from './commands/validate';
import { EXIT, UsageError, processIo, type CommandIo } from './io';

/** A subcommand: receives its own arguments, returns the exit code. */
export type Command = (args: string[], io: CommandIo) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string }> = {
  eval: { run: evalCommand, summary: 'evaluate an IoT Events expression' },
  validate: { run: validateCommand, summary: 'check a detector model file, reporting every problem' },
  simulate: { run: simulateCommand, summary: 'replay messages through a detector model in virtual time' },
  infer: { run: inferCommand, summary: 'learn baselines and anomalies from recorded telemetry; write detector or alarm models' },
  tail: { run: tailCommand, summary: 'follow the local stack: actions published and detector state changes' },
  // These call a running Vigil API (--endpoint; the local stack by default).
  'deploy-input': { run: deployInputCommand, summary: 'create or update inputs from a CreateInput file' },
  'describe-input': { run: describeInputCommand, summary: 'show an input' },
  'list-inputs': { run: listInputsCommand, summary: 'list the inputs' },
  'delete-input': { run: deleteInputCommand, summary: 'delete an input' },
  'deploy-model': { run: deployModelCommand, summary: 'create a detector or alarm model, or store a new version of it' },
  'analyze-model': { run: analyzeModelCommand, summary: "have the API analyze a model file's definition" },
  'describe-detector-model': { run: describeDetectorModelCommand, summary: 'show a detector model version' },
  'list-detector-models': { run: listDetectorModelsCommand, summary: 'list the detector models' },
  'list-detector-model-versions': { run: listDetectorModelVersionsCommand, summary: "list a detector model's versions" },
  'delete-detector-model': { run: deleteDetectorModelCommand, summary: 'delete a detector model and its detectors' },
  'describe-alarm-model': { run: describeAlarmModelCommand, summary: 'show an alarm model version' },
  'list-alarm-models': { run: listAlarmModelsCommand, summary: 'list the alarm models' },
  'list-alarm-model-versions': { run: listAlarmModelVersionsCommand, summary: "list an alarm model's versions" },
  'delete-alarm-model': { run: deleteAlarmModelCommand, summary: 'delete an alarm model and its alarms' },
  'batch-put-message': { run: batchPutMessageCommand, summary: 'send messages to inputs' },
  'describe-detector': { run: describeDetectorCommand, summary: "show a detector's state, variables and timers" },
  'list-detectors': { run: listDetectorsCommand, summary: "list a model's detectors" },
  'batch-update-detector': { run: batchUpdateDetectorCommand, summary: "set detectors' state, variables and timers" },
  'delete-detector': { run: deleteDetectorCommand, summary: 'delete detectors' },
  'describe-alarm': { run: describeAlarmCommand, summary: "show an alarm's state, last evaluation and last operator action" },
  'list-alarms': { run: listAlarmsCommand, summary: "list an alarm model's alarms" },
  'acknowledge-alarm': { run: alarmActionCommand('acknowledge'), summary: 'acknowledge alarms' },
  'disable-alarm': { run: alarmActionCommand('disable'), summary: 'disable alarms' },
  'enable-alarm': { run: alarmActionCommand('enable'), summary: 'enable disabled or snoozed alarms' },
  'reset-alarm': { run: alarmActionCommand('reset'), summary: 'reset alarms to NORMAL' },
  'snooze-alarm': { run: alarmActionCommand('snooze'), summary: 'snooze alarms for a number of seconds' },
  trace: { run: traceCommand, summary: "why a detector did what it did: its last evaluations" },
  // This one reads and writes the stack's queues (the local stack's, or --stage's with AWS credentials).
  redrive: { run: redriveCommand, summary: 'replay dead-lettered messages with their original ids (dry run unless --apply)' },
};

const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
const USAGE = [
  'usage: vigil <command> [options]',
  '',
  'commands:',
  ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)} ${summary}`),
  '',
  'Run `vigil <command> --help` for the options of a command.',
].join('\n');

/** Runs the `vigil` command line and returns the process exit code. */
export async function main(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(USAGE);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`vigil: unknown command '${name}'\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`vigil ${name}: ${error.message}`);
      return EXIT.usage;
    }
    throw error;
  }
}
