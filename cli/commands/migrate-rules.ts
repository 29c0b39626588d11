import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { MAX_TEMPLATE_BYTES, TemplateError, formatTemplateIssue, migrateTemplateRules } from '../../lib/migration';
import { parseCommandLine } from '../api-client';
import { INGEST_TARGET_HELP, INGEST_TARGET_OPTIONS, ingestTarget } from '../ingest-target';
import { EXIT, UsageError, type CommandIo } from '../io';
import { migrateLiveRules } from '../migrate-live';

const HELP = `usage: vigil migrate-rules --template <file> [--out <file>] <where>
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
  const target = await ingestTarget(values);
  if (values.template === undefined) return migrateLiveRules(io, target, { region: values.region as string, apply: values.apply === true, rules });
  return migrateTemplate(io, values.template, values.out, target);
}

function migrateTemplate(io: CommandIo, file: string, out: string | undefined, target: Awaited<ReturnType<typeof ingestTarget>>): number {
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
  let result: ReturnType<typeof migrateTemplateRules>;
  try {
    result = migrateTemplateRules(readFileSync(file, 'utf8'), target);
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    io.out(`${file}: ${error.message}`);
    return EXIT.invalid;
  }
  for (const found of result.issues) {
    if (found.level === 'ERROR') io.out(`${file}: ${formatTemplateIssue(found)}`);
    else io.err(`warning: ${file}: ${formatTemplateIssue(found)}`);
  }
  if (result.text === undefined) {
    io.err('vigil migrate-rules: nothing written');
    return EXIT.invalid;
  }
  for (const edit of result.edits) {
    const how = edit.inPlace ? 'rewritten in place' : `IotEvents action(s) moved to ${edit.companions.map((companion) => companion.logicalId).join(', ')}`;
    io.err(`Resources.${edit.logicalId}: ${how}; ${edit.routes.map((route) => `input ${route.input}`).join(', ')}`);
  }
  if (!result.edits.length) io.err(`${file}: no topic rule has an IotEvents action; nothing to change`);
  if (out === undefined) io.out(result.text.replace(/\n$/, ''));
  else {
    // Written beside the target and renamed over it: never half a template.
    writeFileSync(`${out}.${process.pid}.tmp`, result.text);
    renameSync(`${out}.${process.pid}.tmp`, out);
    io.err(`wrote ${out}`);
  }
  return EXIT.ok;
}
