import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { MAX_TEMPLATE_BYTES, TemplateError, declareTemplateRules, formatTemplateIssue, migrateTemplateRules, type TemplateIssue } from '../../lib/migration';
import { parseCommandLine } from '../api-client';
import { INGEST_TARGET_HELP, INGEST_TARGET_OPTIONS, ingestTarget } from '../ingest-target';
import { EXIT, UsageError, type CommandIo } from '../io';
import { migrateLiveRules } from '../migrate-live';

const HELP = `usage: vigil migrate-rules --template <file> [--out <file>] <where>
       vigil migrate-rules --template <file> --declare [--out <file>] [--declare-out <file>] [--stage <stage>]
       vigil migrate-rules --region <region> [--rule <name>]… [--apply] <where>

Finds the AWS IoT topic rules that feed AWS IoT Events (an IotEvents action) and routes them to
Vigil: each IotEvents action becomes an Sqs action to Vigil's ingest queue, with Vigil's SQL for
the same input (the MessageId as vigilMessageId; BatchMode as vigilBatchMode) and the ingest DLQ
as error action. A rule that only fed IoT Events is rewritten in place; a rule with other actions
keeps them and its SQL, so they see the same payload, and gets a companion rule per IotEvents
action (<name>_vigil).

--template rewrites the AWS::IoT::TopicRule resources of a CloudFormation, SAM or CDK template
(JSON stays JSON, YAML keeps its comments and order); everything else is left as it is. The result
goes to --out, or to stdout. A rule that cannot be rerouted is an error naming its template path,
and nothing is written.

--declare writes the routes as Vigil's declared rules instead (README, "Routing telemetry"): the
template loses its IotEvents actions, and a rule left with no action, every other action and SQL
kept as they were; each IotEvents action becomes a custom.vigil.rules entry (name, topic or sql,
inputName, messageId, batchMode), checked as serverless package checks it (--stage: the stage whose
rule names are checked, default dev). The entries go to --declare-out, or to stdout when the
template goes to --out; paste them under custom.vigil of Vigil's serverless.yml. No ingest target is
needed: the declared rules name Vigil's own queues. An input name computed per message or at
deploy time, a disabled rule, and a rule the template refers to that would be taken out are refused.

--region works on the live account (ListTopicRules, GetTopicRule): prints the plan as a diff per
rule; with --apply, creates the companion rules (CreateTopicRule), then replaces each rule
(ReplaceTopicRule). Without --apply nothing changes.

${INGEST_TARGET_HELP}

exit status: 0 done (or planned), 1 rules that cannot be migrated (nothing written or applied),
2 bad command line, 3 an AWS call failed.`;

const OPTIONS = {
  ...INGEST_TARGET_OPTIONS,
  template: { type: 'string' },
  out: { type: 'string' },
  rule: { type: 'string', multiple: true },
  apply: { type: 'boolean', default: false },
  declare: { type: 'boolean', default: false },
  'declare-out': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies NonNullable<Parameters<typeof parseCommandLine>[1]>;

/** `vigil migrate-rules`: topic rules that fed AWS IoT Events, rerouted to Vigil's ingestion. */
export async function migrateRulesCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseCommandLine(args, OPTIONS, HELP);
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`unexpected ${positionals.join(' ')}\n\n${HELP}`);
  if (values.template === undefined && values.region === undefined) throw new UsageError(`give --template <file> or --region <region>\n\n${HELP}`);
  const rules = values.rule ?? [];
  if (values.template !== undefined && (values.apply || rules.length)) throw new UsageError('--apply and --rule are for the live account (--region), not --template');
  if (values['declare-out'] !== undefined && !values.declare) throw new UsageError('--declare-out goes with --declare');
  if (values.declare) {
    if (values.template === undefined) throw new UsageError('--declare is for --template: it writes the template\'s routes as custom.vigil.rules entries');
    const targetFlags = (['queue-url', 'error-queue-url', 'role-arn', 'stack', 'region'] as const).filter((flag) => values[flag] !== undefined);
    if (targetFlags.length) throw new UsageError(`--declare needs no ingest target (the declared rules name Vigil's own queues): drop --${targetFlags.join(', --')}`);
    if (values.out === undefined && values['declare-out'] === undefined) throw new UsageError('with --declare, give --out <file> for the template or --declare-out <file> for the rules: stdout holds one of them');
    return declareTemplate(io, values.template, { out: values.out, declareOut: values['declare-out'], stage: values.stage ?? 'dev' });
  }
  const target = await ingestTarget(values);
  if (values.template === undefined) return migrateLiveRules(io, target, { region: values.region as string, apply: values.apply === true, rules });
  return migrateTemplate(io, values.template, values.out, target);
}

/** The template's text, or the exit status after saying why it cannot be read. */
function readTemplate(io: CommandIo, file: string): string | number {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (size > MAX_TEMPLATE_BYTES) {
    io.out(`${file}: the template is ${size} bytes; at most ${MAX_TEMPLATE_BYTES} are read`);
    return EXIT.invalid;
  }
  return readFileSync(file, 'utf8');
}

/** Runs `migrate` on the template, printing a template it cannot read and every finding; the result, or the exit status. */
function migrated<T extends { issues: readonly TemplateIssue[] }>(io: CommandIo, file: string, migrate: (text: string) => T): T | number {
  const text = readTemplate(io, file);
  if (typeof text === 'number') return text;
  let result: T;
  try {
    result = migrate(text);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    io.out(`${file}: ${error.message}`);
    return EXIT.invalid;
  }
  for (const found of result.issues) {
    if (found.level === 'ERROR') io.out(`${file}: ${formatTemplateIssue(found)}`);
    else io.err(`warning: ${file}: ${formatTemplateIssue(found)}`);
  }
  if (result.issues.some((found) => found.level === 'ERROR')) {
    io.err('vigil migrate-rules: nothing written');
    return EXIT.invalid;
  }
  return result;
}

function migrateTemplate(io: CommandIo, file: string, out: string | undefined, target: Awaited<ReturnType<typeof ingestTarget>>): number {
  const result = migrated(io, file, (text) => migrateTemplateRules(text, target));
  if (typeof result === 'number') return result;
  if (result.text === undefined) return EXIT.invalid;
  for (const edit of result.edits) {
    const how = edit.inPlace ? 'rewritten in place' : `IotEvents action(s) moved to ${edit.companions.map((companion) => companion.logicalId).join(', ')}`;
    io.err(`Resources.${edit.logicalId}: ${how}; ${edit.routes.map((route) => `input ${route.input}`).join(', ')}`);
  }
  if (!result.edits.length) io.err(`${file}: no topic rule has an IotEvents action; nothing to change`);
  if (out === undefined) io.out(result.text.replace(/\n$/, ''));
  else writeAll(io, [[out, result.text]]);
  return EXIT.ok;
}

function declareTemplate(io: CommandIo, file: string, options: { out?: string; declareOut?: string; stage: string }): number {
  const result = migrated(io, file, (text) => declareTemplateRules(text, { service: 'vigil', stage: options.stage }));
  if (typeof result === 'number') return result;
  if (result.text === undefined || result.rules === undefined) return EXIT.invalid;
  for (const edit of result.edits) {
    io.err(`Resources.${edit.logicalId}: ${edit.removeResource ? 'taken out (it had no other action)' : 'IotEvents action(s) taken out'}; declared: ${edit.routes.map((route) => `input ${route.input}`).join(', ')}`);
  }
  if (!result.edits.length) io.err(`${file}: no topic rule has an IotEvents action; nothing to declare`);
  const rules = `# custom.vigil.rules from the IotEvents actions of ${file} (vigil migrate-rules --declare): paste under custom.vigil of Vigil's serverless.yml\n${result.rules}`;
  const files: [string, string][] = [];
  if (options.out === undefined) io.out(result.text.replace(/\n$/, ''));
  else files.push([options.out, result.text]);
  if (options.declareOut === undefined) io.out(rules.replace(/\n$/, ''));
  else files.push([options.declareOut, rules]);
  writeAll(io, files);
  return EXIT.ok;
}

/** Writes each file beside its target and renames it over it once all are written: never half a template. */
function writeAll(io: CommandIo, files: readonly (readonly [string, string])[]): void {
  for (const [path, text] of files) writeFileSync(`${path}.${process.pid}.tmp`, text);
  for (const [path] of files) {
    renameSync(`${path}.${process.pid}.tmp`, path);
    io.err(`wrote ${path}`);
  }
}
