import type { CreateAlarmModelRequest } from '../model/alarm';
import type { Page } from './detector-store';
import type { ModelRepository, StoredVersion, WrittenOrigin } from './model-repository';

/** One stored version of an alarm model. */
export type AlarmModelVersionRecord = StoredVersion<CreateAlarmModelRequest>;

/**
 * Where alarm models are kept, with every version. Alarm model names are a namespace of their own
 * (AWS had two): an alarm model may share a detector model's name. Every write changes the
 * revision of {@link ModelRepository.index}, which lists the alarm models' latest versions, so a
 * running container sees alarm models change as it sees detector models change.
 */
export interface AlarmModelRepository {
  /**
   * Stores a new version: version 1 when `previous` is undefined (fails with `ModelConflictError`
   * if the alarm model exists), otherwise `previous + 1` (fails if another version was stored
   * meanwhile). The version records `origin`.
   */
  putAlarmModel(request: CreateAlarmModelRequest, previous: number | undefined, now: number, origin: WrittenOrigin): Promise<AlarmModelVersionRecord>;
  /** A version; the latest when `version` is undefined. The latest carries the alarm model's first creation time. */
  getAlarmModel(name: string, version?: string): Promise<AlarmModelVersionRecord | undefined>;
  /** The latest version of every alarm model, in name order. */
  listAlarmModels(limit: number, nextToken?: string): Promise<Page<AlarmModelVersionRecord>>;
  /** Every version of one alarm model, newest first. */
  listAlarmModelVersions(name: string, limit: number, nextToken?: string): Promise<Page<AlarmModelVersionRecord>>;
  /** Deletes an alarm model and all its versions; false when it did not exist. */
  deleteAlarmModel(name: string): Promise<boolean>;
}

/** The models table: detector models, inputs and alarm models, under one catalog revision. */
export type ModelsTable = ModelRepository & AlarmModelRepository;
