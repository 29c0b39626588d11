import type { CreateDetectorModelRequest, CreateInputRequest } from '../model';
import type { Page } from './detector-store';

/**
 * Where a stored model version came from, as its writer said: a file of `models/` loaded by the
 * seeder (with the SHA-256 of the file's model, canonical JSON after placeholders), or the control
 * API (CreateDetectorModel, UpdateDetectorModel; `vigil deploy-model` included).
 */
export type WrittenOrigin = { readonly kind: 'file'; readonly digest: string } | { readonly kind: 'api' };

/**
 * A version's origin as read back: {@link WrittenOrigin}, or `unknown` for a version stored before
 * Vigil recorded origins (it may have come from either; the seeder never overwrites it silently).
 */
export type ModelOrigin = WrittenOrigin | { readonly kind: 'unknown' };

/** The origin of every version written through the control API. */
export const API_ORIGIN: WrittenOrigin = { kind: 'api' };

/** One stored version of a model whose request (the Create body) is `R`. Times are epoch ms. */
export interface StoredVersion<R> {
  readonly name: string;
  /** "1", "2", … */
  readonly version: string;
  readonly request: R;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
  readonly origin: ModelOrigin;
}

/** One stored version of a detector model. */
export type ModelVersionRecord = StoredVersion<CreateDetectorModelRequest>;

/** A stored input. */
export interface InputRecord {
  readonly name: string;
  readonly request: CreateInputRequest;
  readonly creationTime: number;
  readonly lastUpdateTime: number;
  /** Who wrote the input last (`unknown`: stored before Vigil recorded it). */
  readonly origin: ModelOrigin;
  /** The digest of the file content last loaded into this input; API writes keep it. */
  readonly fileDigest?: string;
}

/** The model or input exists already (create), or changed since it was read (update). */
export class ModelConflictError extends Error {
  constructor(readonly resource: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ModelConflictError';
  }
}

/** What exists, at which revision: enough for a container to tell whether its models are current. */
export interface CatalogIndex {
  /** Changes on every create, update and delete of a model, alarm model or input. */
  readonly revision: string;
  /** Latest version of every model, by name. */
  readonly models: ReadonlyMap<string, string>;
  /** Latest version of every alarm model, by name (their own namespace). Absent: none. */
  readonly alarmModels?: ReadonlyMap<string, string>;
  readonly inputs: ReadonlySet<string>;
}

/** Where detector models and inputs are kept, with every version of every model. */
export interface ModelRepository {
  /** One small read that lists every model's and alarm model's latest version and every input. */
  index(): Promise<CatalogIndex>;
  /**
   * Stores a new version of a model: version 1 when `previous` is undefined (fails with
   * {@link ModelConflictError} if the model exists), otherwise `previous + 1` (fails if another
   * version was stored meanwhile). The version records `origin`.
   */
  putModel(request: CreateDetectorModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<ModelVersionRecord>;
  /** A model version; the latest when `version` is undefined. */
  getModel(name: string, version?: string): Promise<ModelVersionRecord | undefined>;
  /** The latest version of every model. */
  listModels(limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>>;
  /** Every version of one model, newest first. */
  listVersions(name: string, limit: number, nextToken?: string): Promise<Page<ModelVersionRecord>>;
  /** Deletes a model and all its versions; false when it did not exist. */
  deleteModel(name: string): Promise<boolean>;
  /**
   * Creates (`create: true`, fails if it exists) or replaces an input, recording `origin`; a file
   * origin's digest becomes the input's `fileDigest`, which other writes leave as it was.
   */
  putInput(request: CreateInputRequest, create: boolean, now: number, origin: WrittenOrigin): Promise<InputRecord>;
  getInput(name: string): Promise<InputRecord | undefined>;
  listInputs(limit: number, nextToken?: string): Promise<Page<InputRecord>>;
  deleteInput(name: string): Promise<boolean>;
}
