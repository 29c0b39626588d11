import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_TEMPLATE_BYTES, TemplateError, formatPortability, formatTemplateIssue, importTemplate, parseTemplate, portabilityReport, type ImportedFile, type TemplateIssue } from '../../lib/migration';
import { EXIT, UsageError, type CommandIo } from '../io';

const HELP = `usage: vigil import <template> [--out DIR] [--parameter NAME=VALUE]… [--force]

Reads a CloudFormation or SAM template (JSON or YAML, short-form intrinsics such as !Sub, !GetAtt,
!Ref, !Join included), a CDK template (cdk.out/<Stack>.template.json), or a cdk.out folder (each
*.template.json in it), and writes the API request body of every AWS::IoTEvents::DetectorModel,
AlarmModel and Input resource, mapped member by member as the CloudFormation resource
specification names them:

  DIR/<detectorModelName>.json   a CreateDetectorModel body
  DIR/<alarmModelName>.json      a CreateAlarmModel body
  DIR/<stem>.inputs.json         the CreateInput bodies (stem: the template's file name without
                                 .json/.yaml/.yml and .template)

exactly the files models/, npm start, vigil deploy-model and vigil simulate take. Then each
model's portability report: what it uses that behaves differently on Vigil than on AWS IoT Events
(AWS left it undocumented and docs/decisions.md says what Vigil does; timers under 60 s; Vigil-only
functions), each line 'portability: <file>: <path>: …', so a team knows what to re-test. Intrinsics the
template alone resolves are resolved (parameters' defaults, pseudo parameters as Vigil's
\${AWS::Region} placeholders, references to resources that name themselves); what only a deployment
knows (a role's generated name, an imported value) is written as '<unresolved: !GetAtt Role.Arn>'
with a warning naming its path. A resource without a name is imported under its logical id. Every
model is validated; each problem is printed as 'template-path: message'. When there is any error,
nothing is written.

options:
  --out DIR                 where to write (default models)
  --parameter NAME=VALUE    a parameter's value (wins over its Default); repeat for more
  --force                   overwrite files that exist with other content

exit status: 0 imported (possibly with warnings), 1 errors (nothing written), 2 bad command line.`;

/** `vigil import`: AWS IoT Events resources of a template → model and input files. */
export async function importCommand(args: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: 'string', default: 'models' },
      parameter: { type: 'string', multiple: true, default: [] },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(HELP);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError(`expected one template file or cdk.out folder\n\n${HELP}`);
  const parameters = parseParameters(values.parameter);
  const files: ImportedFile[] = [];
  let errors = 0;
  for (const template of templatesOf(positionals[0])) {
    const result = importFile(io, template, parameters);
    if (!result) errors++;
    else files.push(...result);
  }
  errors += sameNames(io, files);
  if (errors) {
    io.err(`vigil import: nothing written (${errors} template(s) with errors)`);
    return EXIT.invalid;
  }
  return write(io, files, values.out, values.force) ? EXIT.ok : EXIT.invalid;
}

/** Imports one template: its files, or undefined (problems printed) when it has errors. */
function importFile(io: CommandIo, file: string, parameters: Record<string, string>): ImportedFile[] | undefined {
  const size = statOrFail(file).size;
  if (size > MAX_TEMPLATE_BYTES) {
    io.out(`${file}: the template is ${size} bytes; at most ${MAX_TEMPLATE_BYTES} are read`);
    return undefined;
  }
  let issues: readonly TemplateIssue[];
  let files: readonly ImportedFile[];
  try {
    ({ files, issues } = importTemplate(parseTemplate(readFileSync(file, 'utf8')).root, { stem: stemOf(file), parameters }));
  } catch (error) {
    if (!(error instanceof TemplateError)) throw error;
    io.out(`${file}: ${error.message}`);
    return undefined;
  }
  for (const found of issues) {
    if (found.level === 'ERROR') io.out(`${file}: ${formatTemplateIssue(found)}`);
    else io.err(`warning: ${file}: ${formatTemplateIssue(found)}`);
  }
  const errors = issues.filter((found) => found.level === 'ERROR').length;
  if (errors) return undefined;
  if (!files.length) io.err(`${file}: no AWS::IoTEvents resources`);
  return [...files];
}

/** A detector model of one template and an alarm model of another may not share a file. */
function sameNames(io: CommandIo, files: readonly ImportedFile[]): number {
  const seen = new Set<string>();
  let clashes = 0;
  for (const file of files) {
    if (seen.has(file.fileName)) {
      io.out(`${file.fileName}: written by two templates; rename one of the resources`);
      clashes++;
    }
    seen.add(file.fileName);
  }
  return clashes;
}

/**
 * Writes every file or none: each is first written beside its target under a temporary name, then
 * all are renamed into place. A file that exists with other content is refused unless `force`.
 */
function write(io: CommandIo, files: readonly ImportedFile[], dir: string, force: boolean): boolean {
  const planned = files.map((file) => ({ file, target: path.join(dir, file.fileName), text: `${JSON.stringify(file.body, null, 2)}\n` }));
  const clobbered = planned.filter(({ target, text }) => existsSync(target) && readFileSync(target, 'utf8') !== text);
  if (clobbered.length && !force) {
    for (const { target } of clobbered) io.out(`${target} exists with other content (--force overwrites it)`);
    io.err('vigil import: nothing written');
    return false;
  }
  mkdirSync(dir, { recursive: true });
  const temporary = planned.map(({ target }) => `${target}.${process.pid}.tmp`);
  try {
    planned.forEach(({ text }, i) => writeFileSync(temporary[i], text));
  } catch (error) {
    temporary.forEach((file) => rmSync(file, { force: true }));
    throw new UsageError(`cannot write to ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; nothing written`);
  }
  planned.forEach(({ target }, i) => renameSync(temporary[i], target));
  for (const { file, target } of planned) io.err(`wrote ${target}: ${file.kind} (${file.logicalIds.map((id) => `Resources.${id}`).join(', ')})`);
  // What behaves differently on Vigil: what the team should re-test (docs/decisions.md).
  for (const { file } of planned) {
    if (file.kind !== 'inputs') for (const finding of portabilityReport(file.body)) io.err(`portability: ${file.fileName}: ${formatPortability(finding)}`);
  }
  return true;
}

/** The template files to read: the file itself, or each *.template.json of a folder (a cdk.out). */
function templatesOf(target: string): string[] {
  if (!statOrFail(target).isDirectory()) return [target];
  const found = readdirSync(target).filter((name) => name.endsWith('.template.json')).sort().map((name) => path.join(target, name));
  if (!found.length) throw new UsageError(`${target} holds no *.template.json (is it a cdk.out folder?)`);
  return found;
}

function statOrFail(file: string) {
  try {
    return statSync(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/** `MotorStack.template.json` → `MotorStack`; `app.yaml` → `app`. */
export function stemOf(file: string): string {
  const stem = path.basename(file).replace(/\.(json|ya?ml)$/i, '').replace(/\.template$/i, '');
  return stem.replace(/[^A-Za-z0-9_.-]/g, '_') || 'template';
}

function parseParameters(entries: readonly string[]): Record<string, string> {
  const parameters: Record<string, string> = Object.create(null);
  for (const entry of entries) {
    const equals = entry.indexOf('=');
    if (equals < 1) throw new UsageError(`--parameter expects NAME=VALUE, not '${entry}'`);
    parameters[entry.slice(0, equals)] = entry.slice(equals + 1);
  }
  return parameters;
}
