import { ModelValidationError, validateInput, validateModel, type CreateDetectorModelRequest, type CreateInputRequest, type ModelIssue } from '../model';
import { validateAlarmModel, type CreateAlarmModelRequest } from '../model/alarm';
import type { ModelsTable } from '../ports';
import { applyInputFile } from './apply-input-file';
import { applyAlarmModelFile, applyModelFile, type ModelFileOutcome } from './apply-model-file';

/** What seeding changed: names (`detector model x`), and for `kept` and `replaced` one sentence each. */
export interface SeedReport {
  readonly created: string[];
  /** Models stored as a new version, `replaced` ones included. */
  readonly updated: string[];
  readonly unchanged: string[];
  /** Why a file was not applied: a version deployed through the API is newer than the file. */
  readonly kept: string[];
  /** Warnings: an edited file replaced a version deployed through the API, naming both versions. */
  readonly replaced: string[];
}

/** The file each detector model, alarm model and input came from (`models/x.json`), by name. */
export interface ModelFileSources {
  readonly models: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, string>>;
  readonly alarmModels?: Readonly<Record<string, string>>;
}

/** The files under `models/`: the bodies, and which file each model came from (`models/x.json`). */
export interface SeedFiles {
  readonly inputs: readonly CreateInputRequest[];
  readonly models: readonly CreateDetectorModelRequest[];
  /** Alarm model files (a CreateAlarmModel body: one with `alarmRule`). */
  readonly alarmModels?: readonly CreateAlarmModelRequest[];
  /** The file of each detector model and input, by name, as messages should name it (`its file` when missing). */
  readonly sources?: ModelFileSources;
}

/**
 * Makes the repository hold the given inputs, detector models and alarm models (the files under `models/`):
 * missing ones are created, changed ones stored as a new version, identical ones left alone — so
 * running it on every deploy or every local start is cheap and keeps live detectors. A version
 * deployed through the API is not replaced by a file that did not change since ({@link applyModelFile}):
 * such models are reported `kept`. Every file is validated first; nothing is written unless all are valid.
 *
 * @throws ModelValidationError naming the first invalid file's problems.
 */
export async function seedModels(
  repository: ModelsTable,
  files: SeedFiles,
  knownInputs: readonly CreateInputRequest[],
  options: { readonly now: number; readonly minTimerSeconds: number },
): Promise<SeedReport> {
  for (const input of files.inputs) {
    const issues = validateInput(input);
    if (issues.some((issue) => issue.level === 'ERROR')) throw new ModelValidationError(issues, `input ${input.inputName}`);
  }
  const inputs = [...knownInputs, ...files.inputs];
  for (const model of files.models) {
    const issues = validateModel(model, { inputs, minTimerSeconds: options.minTimerSeconds });
    if (issues.some((issue) => issue.level === 'ERROR')) throw new ModelValidationError(issues, `detector model ${model.detectorModelName}`);
  }
  const alarmModels = files.alarmModels ?? [];
  for (const alarm of alarmModels) {
    const issues = validateAlarmModel(alarm, { inputs });
    if (issues.some((issue) => issue.level === 'ERROR')) throw new ModelValidationError(issues, `alarm model ${alarm.alarmModelName}`);
  }
  // A model's key cannot change (UpdateDetectorModel and UpdateAlarmModel have no `key`): its detectors and alarms are named by it.
  const existing = new Map(await Promise.all(files.models.map(async (model) => [model.detectorModelName, await repository.getModel(model.detectorModelName)] as const)));
  const existingAlarms = new Map(await Promise.all(alarmModels.map(async (alarm) => [alarm.alarmModelName, await repository.getAlarmModel(alarm.alarmModelName)] as const)));
  for (const model of files.models) checkKeyKept(existing.get(model.detectorModelName)?.request.key, model.key, `detector model ${model.detectorModelName}`, existing.get(model.detectorModelName) !== undefined);
  for (const alarm of alarmModels) checkKeyKept(existingAlarms.get(alarm.alarmModelName)?.request.key, alarm.key, `alarm model ${alarm.alarmModelName}`, existingAlarms.get(alarm.alarmModelName) !== undefined);
  const report: SeedReport = { created: [], updated: [], unchanged: [], kept: [], replaced: [] };
  for (const input of files.inputs) {
    const outcome = await applyInputFile(repository, input, await repository.getInput(input.inputName), { now: options.now, file: files.sources?.inputs[input.inputName] });
    record(report, `input ${input.inputName}`, outcome);
  }
  for (const model of files.models) {
    const name = model.detectorModelName;
    const outcome = await applyModelFile(repository, model, existing.get(name), { now: options.now, file: files.sources?.models[name] });
    record(report, `detector model ${name}`, outcome);
  }
  for (const alarm of alarmModels) {
    const name = alarm.alarmModelName;
    const outcome = await applyAlarmModelFile(repository, alarm, existingAlarms.get(name), { now: options.now, file: files.sources?.alarmModels?.[name] });
    record(report, `alarm model ${name}`, outcome);
  }
  return report;
}

/** Refuses a file that would change a stored model's key. */
function checkKeyKept(stored: string | undefined, file: string | undefined, what: string, exists: boolean): void {
  if (!exists || (stored ?? undefined) === (file ?? undefined)) return;
  const message = `the key cannot change from ${stored === undefined ? 'none' : `'${stored}'`} to ${file === undefined ? 'none' : `'${file}'`}: delete the model first, or give the new one another name`;
  const issue: ModelIssue = { type: 'referenced-resource', level: 'ERROR', path: 'key', message };
  throw new ModelValidationError([issue], what);
}

function record(report: SeedReport, name: string, outcome: ModelFileOutcome): void {
  if (outcome.kind === 'kept') report.kept.push(outcome.notice);
  else {
    if (outcome.kind === 'replaced') report.replaced.push(outcome.notice);
    report[outcome.kind === 'replaced' ? 'updated' : outcome.kind].push(name);
  }
}
