import { ModelValidationError, validateInput, validateModel, type CreateDetectorModelRequest, type CreateInputRequest } from '../model';
import type { ModelRepository } from '../ports';
import { applyInputFile } from './apply-input-file';
import { applyModelFile, type ModelFileOutcome } from './apply-model-file';

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

/** The file each detector model and input came from (`models/x.json`), by name. */
export interface ModelFileSources {
  readonly models: Readonly<Record<string, string>>;
  readonly inputs: Readonly<Record<string, string>>;
}

/** The files under `models/`: the bodies, and which file each detector model came from (`models/x.json`). */
export interface SeedFiles {
  readonly inputs: readonly CreateInputRequest[];
  readonly models: readonly CreateDetectorModelRequest[];
  /** The file of each detector model and input, by name, as messages should name it (`its file` when missing). */
  readonly sources?: ModelFileSources;
}

/**
 * Makes the repository hold the given inputs and detector models (the files under `models/`):
 * missing ones are created, changed ones stored as a new version, identical ones left alone — so
 * running it on every deploy or every local start is cheap and keeps live detectors. A version
 * deployed through the API is not replaced by a file that did not change since ({@link applyModelFile}):
 * such models are reported `kept`. Every file is validated first; nothing is written unless all are valid.
 *
 * @throws ModelValidationError naming the first invalid file's problems.
 */
export async function seedModels(
  repository: ModelRepository,
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
  // A model's key cannot change (UpdateDetectorModel has no `key`): its detectors are named by it.
  const existing = new Map(await Promise.all(files.models.map(async (model) => [model.detectorModelName, await repository.getModel(model.detectorModelName)] as const)));
  for (const model of files.models) {
    const stored = existing.get(model.detectorModelName)?.request;
    if (stored && (stored.key ?? undefined) !== (model.key ?? undefined)) {
      const message = `the key cannot change from ${stored.key === undefined ? 'none' : `'${stored.key}'`} to ${model.key === undefined ? 'none' : `'${model.key}'`}: delete the model first, or give the new one another name`;
      throw new ModelValidationError([{ type: 'referenced-resource', level: 'ERROR', path: 'key', message }], `detector model ${model.detectorModelName}`);
    }
  }
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
  return report;
}

function record(report: SeedReport, name: string, outcome: ModelFileOutcome): void {
  if (outcome.kind === 'kept') report.kept.push(outcome.notice);
  else {
    if (outcome.kind === 'replaced') report.replaced.push(outcome.notice);
    report[outcome.kind === 'replaced' ? 'updated' : outcome.kind].push(name);
  }
}
