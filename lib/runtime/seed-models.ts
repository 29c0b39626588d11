import { ModelValidationError, validateInput, validateModel, type CreateDetectorModelRequest, type CreateInputRequest } from '../model';
import type { ModelRepository } from '../ports';

/** What seeding changed. */
export interface SeedReport {
  readonly created: string[];
  readonly updated: string[];
  readonly unchanged: string[];
}

/**
 * Makes the repository hold the given inputs and detector models (the files under `models/`):
 * missing ones are created, changed ones stored as a new version, identical ones left alone — so
 * running it on every deploy or every local start is cheap and keeps live detectors. Every file is
 * validated first; nothing is written unless all are valid.
 *
 * @throws ModelValidationError naming the first invalid file's problems.
 */
export async function seedModels(
  repository: ModelRepository,
  files: { readonly inputs: readonly CreateInputRequest[]; readonly models: readonly CreateDetectorModelRequest[] },
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
  const report: SeedReport = { created: [], updated: [], unchanged: [] };
  for (const input of files.inputs) {
    const existing = await repository.getInput(input.inputName);
    const name = `input ${input.inputName}`;
    if (existing && same(existing.request, input)) report.unchanged.push(name);
    else {
      await repository.putInput(input, !existing, options.now);
      (existing ? report.updated : report.created).push(name);
    }
  }
  for (const model of files.models) {
    const stored = existing.get(model.detectorModelName);
    const name = `detector model ${model.detectorModelName}`;
    if (stored && same(stored.request, model)) report.unchanged.push(name);
    else {
      await repository.putModel(model, stored ? Number(stored.version) : undefined, options.now);
      (stored ? report.updated : report.created).push(name);
    }
  }
  return report;
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** JSON with object keys sorted, so key order in a file does not count as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value as object).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
