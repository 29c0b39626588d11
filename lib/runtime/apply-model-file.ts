import { createHash } from 'node:crypto';
import type { CreateDetectorModelRequest } from '../model';
import type { CreateAlarmModelRequest } from '../model/alarm';
import { canonicalJson } from '../model/canonical-json';
import type { AlarmModelRepository, ModelRepository, Page, StoredVersion, WrittenOrigin } from '../ports';

/** What loading one model file did; `kept` and `replaced` carry the sentence that says why. */
export type ModelFileOutcome =
  | { readonly kind: 'created' | 'updated' | 'unchanged' }
  | { readonly kind: 'kept' | 'replaced'; readonly notice: string };

/** When the write happens, and the file as messages should name it (`its file` when unknown). */
export interface ApplyFileOptions {
  readonly now: number;
  readonly file?: string;
}

/** Versions read per page while looking back for the file's content. */
const PAGE = 25;

/** The SHA-256 (hex) of a model, alarm model or input body's canonical JSON: what a version loaded from a file records. */
export function bodyDigest(body: object): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** The versions of one model (detector or alarm) that a file is applied to. */
export interface VersionedTarget<R> {
  /** `detector model x`, `alarm model y`: how messages name it. */
  readonly label: string;
  /** Stores the file's body as version `previous + 1` (1 when undefined). */
  put(previous: number | undefined, origin: WrittenOrigin): Promise<StoredVersion<R>>;
  /** The model's versions, newest first. */
  listVersions(limit: number, nextToken?: string): Promise<Page<StoredVersion<R>>>;
}

/** A detector model file over its stored versions ({@link applyVersionedFile}). */
export function applyModelFile(repository: ModelRepository, model: CreateDetectorModelRequest, stored: StoredVersion<CreateDetectorModelRequest> | undefined, options: ApplyFileOptions): Promise<ModelFileOutcome> {
  const name = model.detectorModelName;
  return applyVersionedFile(model, stored, options, {
    label: `detector model ${name}`,
    put: (previous, origin) => repository.putModel(model, previous, options.now, origin),
    listVersions: (limit, nextToken) => repository.listVersions(name, limit, nextToken),
  });
}

/** An alarm model file over its stored versions ({@link applyVersionedFile}), by the same rule as detector models. */
export function applyAlarmModelFile(repository: AlarmModelRepository, model: CreateAlarmModelRequest, stored: StoredVersion<CreateAlarmModelRequest> | undefined, options: ApplyFileOptions): Promise<ModelFileOutcome> {
  const name = model.alarmModelName;
  return applyVersionedFile(model, stored, options, {
    label: `alarm model ${name}`,
    put: (previous, origin) => repository.putAlarmModel(model, previous, options.now, origin),
    listVersions: (limit, nextToken) => repository.listAlarmModelVersions(name, limit, nextToken),
  });
}

/**
 * Applies one model file (placeholders filled; a detector or an alarm model) over the stored model, whose latest version is
 * `stored`. The file wins when the model does not exist, when the latest version came from a file,
 * or, over a version deployed through the API (or of unknown origin), when the file's content is
 * new: it matches no version stored since the file was last loaded. An untouched file — or one
 * whose content was itself deployed through the API — never reverts a later API deploy; that is
 * `kept`, and an API version replaced by an edited file is `replaced`, both with a sentence naming
 * the versions (docs/decisions.md D19).
 */
export async function applyVersionedFile<R extends object>(model: R, stored: StoredVersion<R> | undefined, options: ApplyFileOptions, target: VersionedTarget<R>): Promise<ModelFileOutcome> {
  const digest = bodyDigest(model);
  const put = (previous: StoredVersion<R> | undefined) => target.put(previous && Number(previous.version), { kind: 'file', digest });
  if (!stored) {
    await put(undefined);
    return { kind: 'created' };
  }
  if (contentDigest(stored) === digest) return { kind: 'unchanged' };
  if (stored.origin.kind === 'file') {
    await put(stored);
    return { kind: 'updated' };
  }
  const name = target.label;
  const how = stored.origin.kind === 'api' ? 'was deployed through the API' : 'was stored by a Vigil that did not record where versions come from';
  const file = options.file ?? 'its file';
  const matching = await versionMatchingFile(target, digest);
  if (matching) {
    const since = matching.origin.kind === 'file' ? `${file} was last loaded (version ${matching.version})` : `version ${matching.version}, which ${file} matches`;
    const deploy = options.file ? `\`vigil deploy-model ${options.file}\`` : '`vigil deploy-model`';
    return { kind: 'kept', notice: `${name}: version ${stored.version} ${how} after ${since}; the file is not applied. Deploy the file with ${deploy}, or delete the model, to go back to it` };
  }
  const record = await put(stored);
  return { kind: 'replaced', notice: `${name}: ${file} changed since it was last loaded: version ${record.version} from the file replaces version ${stored.version}, which ${how.replace(/^was /, 'had been ')}` };
}

/** The digest of a version's content: recorded for file versions, computed for the others. */
function contentDigest(record: StoredVersion<object>): string {
  return record.origin.kind === 'file' ? record.origin.digest : bodyDigest(record.request);
}

/**
 * The newest version with the file's content among those stored since the file was last loaded
 * (newest first, down to the latest version that came from a file, or to version 1 when none did).
 */
async function versionMatchingFile<R extends object>(target: VersionedTarget<R>, digest: string): Promise<StoredVersion<R> | undefined> {
  let token: string | undefined;
  do {
    const page = await target.listVersions(PAGE, token);
    for (const version of page.items) {
      if (contentDigest(version) === digest) return version;
      if (version.origin.kind === 'file') return undefined;
    }
    token = page.nextToken;
  } while (token);
  return undefined;
}
