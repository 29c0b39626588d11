import { builtInInputs } from '../lifecycle';
import {
  CREATE_ALARM_MODEL_REQUEST, CREATE_DETECTOR_MODEL_REQUEST, CREATE_INPUT_REQUEST, validateAlarmModel, validateInput, validateModel,
  type CreateInputRequest, type ModelIssue, type StructureShape,
} from '../model';
import { IOT_EVENTS_TYPES } from './cfn-spec';
import type { TemplateIssue } from './errors';
import { NO_VALUE, Resolver } from './intrinsics';
import { templatePathOf } from './issue-paths';
import { mapProperties, type PathMap } from './map-properties';
import { member, type CfnObject } from './template';

/** What an import writes: one file each, named as `models/` expects. */
export interface ImportedFile {
  /** `<detectorModelName>.json`, `<alarmModelName>.json` or `<stem>.inputs.json`. */
  readonly fileName: string;
  readonly kind: 'detector model' | 'alarm model' | 'inputs';
  /** The CreateDetectorModel or CreateAlarmModel body, or the array of CreateInput bodies. */
  readonly body: unknown;
  /** The logical ids it came from. */
  readonly logicalIds: readonly string[];
}

/** Everything an import found: the files, and every ERROR and WARNING with its template path. */
export interface ImportResult {
  readonly files: readonly ImportedFile[];
  readonly issues: readonly TemplateIssue[];
}

/** How to import. */
export interface ImportOptions {
  /** The template file's name without extension, for `<stem>.inputs.json`. */
  readonly stem: string;
  /** Parameter values, as `--parameter Name=Value` gives them; they win over the template's defaults. */
  readonly parameters?: Readonly<Record<string, string>>;
}

const KINDS = {
  [IOT_EVENTS_TYPES.detectorModel]: { shape: CREATE_DETECTOR_MODEL_REQUEST, nameMember: 'detectorModelName', cfnName: 'DetectorModelName' },
  [IOT_EVENTS_TYPES.alarmModel]: { shape: CREATE_ALARM_MODEL_REQUEST, nameMember: 'alarmModelName', cfnName: 'AlarmModelName' },
  [IOT_EVENTS_TYPES.input]: { shape: CREATE_INPUT_REQUEST, nameMember: 'inputName', cfnName: 'InputName' },
} as const satisfies Record<string, { shape: StructureShape; nameMember: string; cfnName: string }>;

interface Imported {
  readonly logicalId: string;
  readonly type: keyof typeof KINDS;
  readonly body: Record<string, unknown>;
  readonly paths: PathMap;
}

/**
 * Turns the IoT Events resources of a parsed template into the API request bodies Vigil runs:
 * every `AWS::IoTEvents::DetectorModel`, `AlarmModel` and `Input` (others are left alone). Each is
 * resolved ({@link Resolver}), mapped member by member ({@link mapProperties}), named after its
 * logical id when the template gives no name (a WARNING: CloudFormation would have generated
 * one), and validated as CreateDetectorModel, CreateAlarmModel and CreateInput do, against the
 * template's inputs and Vigil's built-in ones; every finding is reported at its template path. A
 * reference to an input the template does not define is a WARNING (another template may), not an
 * ERROR. The caller writes the files only when no issue is an ERROR. Pure.
 */
export function importTemplate(root: CfnObject, options: ImportOptions): ImportResult {
  const issues: TemplateIssue[] = [];
  const resolver = new Resolver(root, options.parameters ?? {}, issues);
  const imported: Imported[] = [];
  for (const [logicalId, resource] of Object.entries(member(root, 'Resources') as CfnObject)) {
    const type = member(resource, 'Type');
    if (typeof type !== 'string' || !Object.hasOwn(KINDS, type)) continue;
    const at = `Resources.${logicalId}`;
    const condition = member(resource, 'Condition');
    if (typeof condition === 'string' && resolver.condition(condition, `${at}.Condition`) === false) {
      issues.push({ level: 'WARNING', path: `${at}.Condition`, message: `condition ${condition} is false with these parameters: CloudFormation would not create ${logicalId}, so it is not imported` });
      continue;
    }
    imported.push(importResource(logicalId, type as keyof typeof KINDS, member(resource, 'Properties'), resolver, issues));
  }
  const inputs = imported.filter((item) => item.type === IOT_EVENTS_TYPES.input);
  const inputBodies = inputs.map((item) => item.body as unknown as CreateInputRequest);
  for (const item of imported) issues.push(...validate(item, inputBodies));
  const files: ImportedFile[] = imported.filter((item) => item.type !== IOT_EVENTS_TYPES.input).map((item) => ({
    fileName: `${String(item.body[KINDS[item.type].nameMember])}.json`,
    kind: item.type === IOT_EVENTS_TYPES.detectorModel ? 'detector model' : 'alarm model',
    body: item.body,
    logicalIds: [item.logicalId],
  }));
  if (inputs.length) files.push({ fileName: `${options.stem}.inputs.json`, kind: 'inputs', body: inputBodies, logicalIds: inputs.map((item) => item.logicalId) });
  checkFileNames(files, issues);
  checkInputNames(inputs, issues);
  return { files, issues };
}

function importResource(logicalId: string, type: keyof typeof KINDS, properties: CfnObject[string] | undefined, resolver: Resolver, issues: TemplateIssue[]): Imported {
  const at = `Resources.${logicalId}.Properties`;
  const kind = KINDS[type];
  const paths: PathMap = new Map();
  const resolved = properties === undefined ? undefined : resolver.resolve(properties, at);
  const body = resolved === undefined || resolved === NO_VALUE ? {} : mapProperties(resolved, kind.shape, at, paths, issues);
  if (body[kind.nameMember] === undefined) {
    // CloudFormation generates a name for an unnamed resource; the logical id is the closest stable one.
    body[kind.nameMember] = logicalId;
    issues.push({ level: 'WARNING', path: at, message: `no ${kind.cfnName}: CloudFormation generated one at deploy time; imported as '${logicalId}' (its logical id)` });
  }
  return { logicalId, type, body, paths };
}

/** Validation findings at their template paths; those only the template's input list causes are WARNINGs. */
function validate(item: Imported, inputs: readonly CreateInputRequest[]): TemplateIssue[] {
  const at = `Resources.${item.logicalId}.Properties`;
  const known = [...inputs, ...builtInInputs()];
  let found: ModelIssue[];
  let alone: ModelIssue[] = [];
  if (item.type === IOT_EVENTS_TYPES.input) found = validateInput(item.body);
  else if (item.type === IOT_EVENTS_TYPES.alarmModel) {
    found = validateAlarmModel(item.body, { inputs: known });
    alone = validateAlarmModel(item.body);
  } else {
    found = validateModel(item.body, { inputs: known });
    alone = validateModel(item.body);
  }
  const errorsAlone = new Set(alone.filter((issue) => issue.level === 'ERROR').map((issue) => `${issue.path}\n${issue.message}`));
  return found.filter((issue) => issue.level !== 'INFO').map((issue) => {
    const inputOnly = item.type !== IOT_EVENTS_TYPES.input && issue.level === 'ERROR' && !errorsAlone.has(`${issue.path}\n${issue.message}`);
    return {
      level: inputOnly ? 'WARNING' : issue.level === 'ERROR' ? 'ERROR' : 'WARNING',
      path: templatePathOf(issue.path, item.paths, at, item.type === IOT_EVENTS_TYPES.detectorModel ? ['detectorModelDefinition.'] : []),
      message: inputOnly ? `${issue.message} (not defined in this template: import the template that defines it too)` : issue.message,
    };
  });
}

/** Two models of one name (a detector model and an alarm model may share one) would overwrite each other. */
function checkFileNames(files: readonly ImportedFile[], issues: TemplateIssue[]): void {
  const seen = new Map<string, string>();
  for (const file of files) {
    const earlier = seen.get(file.fileName);
    const at = `Resources.${file.logicalIds[0]}`;
    if (earlier) issues.push({ level: 'ERROR', path: at, message: `would be written to ${file.fileName}, as ${earlier} is; rename one of them` });
    seen.set(file.fileName, file.logicalIds.join(', '));
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/.test(file.fileName)) issues.push({ level: 'ERROR', path: at, message: `'${file.fileName}' is not a file name the import writes` });
  }
}

function checkInputNames(inputs: readonly Imported[], issues: TemplateIssue[]): void {
  const seen = new Map<unknown, string>();
  for (const input of inputs) {
    const earlier = seen.get(input.body.inputName);
    if (earlier) issues.push({ level: 'ERROR', path: `Resources.${input.logicalId}`, message: `input ${String(input.body.inputName)} is also defined by ${earlier}` });
    seen.set(input.body.inputName, input.logicalId);
  }
}
