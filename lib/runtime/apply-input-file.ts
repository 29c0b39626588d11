import type { CreateInputRequest } from '../model';
import type { InputRecord, ModelRepository } from '../ports';
import { bodyDigest, type ApplyFileOptions, type ModelFileOutcome } from './apply-model-file';

/**
 * Applies one input file (placeholders filled) over the stored input, by the rule models follow
 * ({@link applyModelFile}) with the history an input has: none but the digest of the file last
 * loaded into it (`fileDigest`, kept across API writes). An input updated through the API stays
 * unless the file differs from the one last loaded (`kept`, else `replaced`); one stored before
 * origins were recorded, with no such digest, stays until the file is deployed or the input deleted.
 */
export async function applyInputFile(repository: ModelRepository, input: CreateInputRequest, stored: InputRecord | undefined, options: ApplyFileOptions): Promise<ModelFileOutcome> {
  const digest = bodyDigest(input);
  const put = () => repository.putInput(input, !stored, options.now, { kind: 'file', digest });
  if (!stored) {
    await put();
    return { kind: 'created' };
  }
  if (bodyDigest(stored.request) === digest) {
    // The file now holds what the API stored: note it as loaded, or a later API update would count
    // the file as edited and be reverted by it.
    if (stored.origin.kind !== 'file' && stored.fileDigest !== digest) await put();
    return { kind: 'unchanged' };
  }
  if (stored.origin.kind === 'file') {
    await put();
    return { kind: 'updated' };
  }
  const name = `input ${input.inputName}`;
  const file = options.file ?? 'its file';
  const how = stored.origin.kind === 'api' ? 'was updated through the API' : 'was stored by a Vigil that did not record where inputs come from';
  if (stored.fileDigest === digest || (stored.origin.kind === 'unknown' && stored.fileDigest === undefined)) {
    const since = stored.fileDigest === undefined ? `and differs from ${file}` : `after ${file} was last loaded`;
    const deploy = options.file ? `\`vigil deploy-input ${options.file}\`` : '`vigil deploy-input`';
    return { kind: 'kept', notice: `${name} ${how} ${since}; the file is not applied. Deploy the file with ${deploy}, or delete the input, to go back to it` };
  }
  await put();
  return { kind: 'replaced', notice: `${name}: ${file} changed since it was last loaded and replaces the input, which ${how.replace(/^was /, 'had been ')}` };
}
