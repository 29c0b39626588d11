import {
  ModelValidationError, checkMembers, compileAlarmModel, compileModel, formatIssue, isAlarmModelBody, validateAlarmModel, validateInput,
  type CompiledAlarmModel, type CompiledModel, type CreateAlarmModelRequest, type CreateDetectorModelRequest, type CreateInputRequest, type ModelIssue, type StructureShape,
} from '../lib/model';
import { builtInInputs } from '../lib/lifecycle';
import { readPlainJson } from './files';
import { UsageError, type CommandIo } from './io';

/** Reads an inputs file: one CreateInput body, or an array of them. */
export function readInputs(path: string | undefined): CreateInputRequest[] | undefined {
  if (path === undefined) return undefined;
  const value = readPlainJson(path);
  const inputs = Array.isArray(value) ? value : [value];
  if (!inputs.every((input) => typeof input === 'object' && input !== null)) {
    throw new UsageError(`${path} must hold a CreateInput body or an array of them`);
  }
  return inputs as CreateInputRequest[];
}

/**
 * Checks every input of an inputs file as CreateInput does. Each path starts with the input's place
 * in the file, counted from 0 even when the file holds one body (`inputs[1].inputName`), so it
 * cannot be mistaken for a path in the model.
 */
export function inputIssues(inputs: readonly CreateInputRequest[]): ModelIssue[] {
  return inputs.flatMap((input, index) =>
    validateInput(input).map((found) => ({ ...found, path: found.path ? `inputs[${index}].${found.path}` : `inputs[${index}]` })),
  );
}

/**
 * The inputs a model is checked against: those of a file, plus Vigil's built-in lifecycle inputs,
 * which every deployment has, so a model may reference both.
 */
export function inputsForChecks(inputs: readonly CreateInputRequest[] | undefined): CreateInputRequest[] | undefined {
  return inputs && [...inputs, ...builtInInputs()];
}

/** Prints issues: errors as `path: message` on stdout, warnings (and INFO when verbose) on stderr. */
export function printIssues(io: CommandIo, issues: readonly ModelIssue[], verbose: boolean): void {
  for (const issue of issues) {
    if (issue.level === 'ERROR') io.out(formatIssue(issue));
    else if (issue.level === 'WARNING' || verbose) io.err(`${issue.level.toLowerCase()}: ${formatIssue(issue)}`);
  }
}

/** A model file compiled: a detector model, or an alarm model (a body with `alarmRule`). */
export type LoadedModel = { readonly kind: 'detector'; readonly model: CompiledModel } | { readonly kind: 'alarm'; readonly model: CompiledAlarmModel };

/**
 * Compiles a model file — a CreateDetectorModel body, or a CreateAlarmModel body (one with
 * `alarmRule`), checked against `inputs` as `vigil validate` checks it — or prints every problem
 * and returns undefined.
 */
export function loadModel(
  io: CommandIo,
  path: string,
  options: { inputs?: CreateInputRequest[]; minTimerSeconds?: number },
): LoadedModel | undefined {
  const request = readPlainJson(path);
  const alarm = isAlarmModelBody(request);
  try {
    if (!alarm) return { kind: 'detector', model: compileModel(request as CreateDetectorModelRequest, options) };
    // Compiling checks the model alone; the inputs it reads are checked here, as `validate` does.
    const issues = validateAlarmModel(request as CreateAlarmModelRequest, { inputs: options.inputs }).filter((issue) => issue.level === 'ERROR');
    if (issues.length) throw new ModelValidationError(issues, 'alarm model');
    return { kind: 'alarm', model: compileAlarmModel(request as CreateAlarmModelRequest) };
  } catch (error) {
    if (!(error instanceof ModelValidationError)) throw error;
    io.err(`vigil: ${path} is not a valid ${alarm ? 'alarm' : 'detector'} model:`);
    printIssues(io, error.issues, false);
    return undefined;
  }
}

/**
 * Refuses file content that has members its AWS request shape does not declare, before it is sent:
 * the AWS SDK drops such members silently, so a misspelled `condtion` would deploy an event that
 * fires on every message. Prints `vigil <command>: <file>: N error(s)` and a `path: message` line
 * each (paths start with `prefix`, e.g. `detectors[0]`); returns true when it refused.
 */
export function refuseUnknownMembers(io: CommandIo, command: string, file: string, value: unknown, shape: StructureShape, prefix = ''): boolean {
  const errors = checkMembers(value, shape, prefix).filter((found) => found.level === 'ERROR');
  if (!errors.length) return false;
  io.err(`vigil ${command}: ${file}: ${errors.length} unknown member(s); the request would be sent without them:`);
  for (const found of errors) io.err(formatIssue(found));
  return true;
}
