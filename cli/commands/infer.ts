import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  DEFAULT_MAX_RATE, alarmModels, detectorModels, inferFromHistory, inputDefinition, proposalSummary, reportLines, type ModelNames, type Proposal,
} from '../../lib/inference';
import { readHistory, type HistoryOptions } from '../history-file';
import { EXIT, UsageError, type CommandIo } from '../io';

const HELP = `usage: vigil infer <history.jsonl|history.csv> [--key ATTR] [--input NAME] [--out DIR] [--kind detector|alarm] [options]

Learns from recorded telemetry what is normal for each key and numeric attribute, and proposes
detection: spikes and dips, drift away from the baseline, flat lines (a sensor repeating one
value), and silent devices (no reading for longer than usual). Prints a table with each threshold
and the alarms it would have raised on the history, and writes:

  --kind detector (default)  <input>_anomalies.json: a detector model (warm-up state, running
                             average and variance with vigil_ewma/vigil_ewmvar, z-scores, a
                             heartbeat timer), one per 3 attributes. Uses Vigil extension functions.
  --kind alarm               <input>_<attribute>_high.json and _low.json: alarm models; with --key,
                             per-key thresholds through the input <input>Baseline, whose messages
                             (one per key) are in <input>-baselines.jsonl.
  both kinds                 <input>.inputs.json: the inputs (for vigil simulate --inputs, deploy-input);
                             <input>.inference.jsonl: the thresholds, alarms and rates of the report.

The file is JSON lines of messages ({"inputName", "payload", "timestamp"?}, as vigil simulate
takes; a missing timestamp is 1 s after the previous one) or, for a .csv file, a header line and
one reading per line. It is read twice, never held whole: memory grows with keys × attributes only.

options:
  --key <attr>         the attribute (column) naming each device; without it, one series
  --input <name>       JSONL: the input whose messages to read (default: the first message's);
                       CSV: the input the models read (default Telemetry)
  --attributes <a,b>   only these numeric attributes (default: all)
  --time <column>      CSV: the column of epoch ms or ISO 8601 times (default timestamp)
  --max-rate <r>       most alarms per reading a threshold may raise on the history (default ${DEFAULT_MAX_RATE})
  --out <dir>          where to write the files (default .)
  --role-arn <arn>     roleArn of the models written (default: the stack's models role, as the
                       files in models/ name it)
  --start <epoch-ms>   time of a first reading without one (default 2026-01-01T00:00:00Z)

exit status: 0 written, 1 no readings or lines skipped (each is named on stderr; files are still
written when there were readings), 2 bad command line.`;

/** At most this many skipped lines are named one by one; the rest are counted. */
const MAX_PROBLEMS_SHOWN = 20;

/** `vigil infer`: two streaming passes over a history, then models, inputs and a report. */
export async function inferCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      key: { type: 'string' }, input: { type: 'string' }, attributes: { type: 'string' }, time: { type: 'string', default: 'timestamp' },
      'max-rate': { type: 'string' }, out: { type: 'string', default: '.' }, kind: { type: 'string', default: 'detector' },
      'role-arn': { type: 'string' }, start: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one history file\n\n${HELP}`);
  if (values.kind !== 'detector' && values.kind !== 'alarm') throw new UsageError('--kind must be detector or alarm');
  const maxRate = values['max-rate'] === undefined ? DEFAULT_MAX_RATE : Number(values['max-rate']);
  if (!(maxRate >= 0 && maxRate < 1)) throw new UsageError(`--max-rate expects a rate between 0 and 1, not '${values['max-rate']}'`);
  const start = values.start === undefined ? Date.UTC(2026, 0, 1) : Number(values.start);
  if (!Number.isFinite(start)) throw new UsageError(`--start expects epoch ms, not '${values.start}'`);
  const file = positionals[0];
  const options: HistoryOptions = {
    format: file.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl',
    key: values.key, input: values.input, time: values.time, start,
    ...(values.attributes ? { attributes: new Set(values.attributes.split(',').map((name) => name.trim()).filter(Boolean)) } : {}),
  };

  let problems = 0;
  const problem = (line: number, message: string) => {
    if (++problems <= MAX_PROBLEMS_SHOWN) io.err(`vigil infer: ${file}: line ${line}: ${message}; skipped`);
  };
  const found: { inputName?: string } = {};
  // Problems are said once, in the first pass.
  const proposal = inferFromHistory((n) => readHistory(file, options, n === 1 ? problem : () => undefined, found), maxRate);
  if (problems > MAX_PROBLEMS_SHOWN) io.err(`vigil infer: ${file}: ${problems - MAX_PROBLEMS_SHOWN} more line(s) skipped`);
  if (!proposal) {
    io.err(`vigil infer: ${file}: no readings: ${problems ? 'no line could be read' : 'the file holds no numeric attribute'}${options.key ? ` with a key '${options.key}'` : ''}`);
    return EXIT.invalid;
  }
  const names: ModelNames = { inputName: found.inputName ?? values.input ?? 'Telemetry', ...(values.key ? { keyAttribute: values.key } : {}) };

  const written = writeProposal(values.out, values.kind, values['role-arn'], proposal, names);
  for (const line of reportLines(proposal)) io.out(line);
  io.err(`vigil infer: wrote ${written.join(', ')}`);
  return problems ? EXIT.invalid : EXIT.ok;
}

// The role Vigil's stack creates for models (serverless.yml), in the placeholders deploy and the
// local stack fill in: the files deploy as they are, as those of models/ do.
const MODELS_ROLE = 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/vigil-${Vigil::Stage}-models';

function writeProposal(out: string, kind: 'detector' | 'alarm', roleArn: string | undefined, proposal: Proposal, names: ModelNames): string[] {
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  const write = (name: string, content: string) => {
    const target = path.join(out, name);
    writeFileSync(target, content);
    written.push(target);
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const role = { roleArn: roleArn ?? MODELS_ROLE };
  const inputs = [inputDefinition(proposal, names)];
  if (kind === 'detector') {
    for (const model of detectorModels(proposal, names)) write(`${model.detectorModelName}.json`, json({ ...model, ...role }));
  } else {
    const alarms = alarmModels(proposal, names);
    for (const model of alarms.models) write(`${model.alarmModelName}.json`, json({ ...model, ...role }));
    if (alarms.baselineInput) inputs.push(alarms.baselineInput);
    if (alarms.baselineMessages) write(`${names.inputName}-baselines.jsonl`, alarms.baselineMessages.map((message) => JSON.stringify(message)).join('\n') + '\n');
  }
  write(`${names.inputName}.inputs.json`, json(inputs));
  // .jsonl, one line: a folder of models (models/, VIGIL_MODELS_DIR) loads every .json file.
  write(`${names.inputName}.inference.jsonl`, `${JSON.stringify(proposalSummary(proposal))}\n`);
  return written;
}
