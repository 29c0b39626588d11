import type { CreateInputRequest } from '../../model';
import type { InputRecord, ModelRepository, ModelVersionRecord, StoredVersion } from '../../ports';
import { detectorModelArn, inputArn, type ResourceScope } from '../resource-scope';

/** Epoch ms → the epoch seconds with a fraction that the IoT Events APIs return (`1560796816.077`). */
export const seconds = (ms: number) => ms / 1000;

/** The status of a detector model version, as DescribeDetectorModel and ListDetectorModelVersions report it. */
export type ModelStatus = 'ACTIVE' | 'ACTIVATING' | 'DEPRECATED';

/**
 * The latest version of a detector (or alarm) model is ACTIVATING until every container can have
 * loaded it (one model refresh interval after it was stored), then ACTIVE; earlier versions are DEPRECATED: no new detector
 * starts on them, and detectors still on them move to the latest at their next evaluation.
 */
export function modelStatus(record: Pick<StoredVersion<unknown>, 'version' | 'lastUpdateTime'>, latestVersion: string, now: number, refreshMs: number): ModelStatus {
  if (record.version !== latestVersion) return 'DEPRECATED';
  return now - record.lastUpdateTime < refreshMs ? 'ACTIVATING' : 'ACTIVE';
}

/** `DetectorModelConfiguration` of one version. A version's creation time is when it was stored. */
export function detectorModelConfiguration(record: ModelVersionRecord, status: ModelStatus, scope: ResourceScope) {
  const { request } = record;
  return {
    detectorModelName: record.name,
    detectorModelVersion: record.version,
    detectorModelDescription: request.detectorModelDescription,
    detectorModelArn: detectorModelArn(scope, record.name),
    roleArn: request.roleArn,
    // The latest item keeps the model's first creation time; `lastUpdateTime` is this version's.
    creationTime: seconds(record.lastUpdateTime),
    lastUpdateTime: seconds(record.lastUpdateTime),
    status,
    key: request.key,
    evaluationMethod: request.evaluationMethod ?? 'BATCH',
  };
}

/** `InputConfiguration` of an input; inputs are ACTIVE as soon as they are stored. */
export function inputConfiguration(record: InputRecord, scope: ResourceScope) {
  return {
    inputName: record.name,
    inputDescription: record.request.inputDescription,
    inputArn: inputArn(scope, record.name),
    creationTime: seconds(record.creationTime),
    lastUpdateTime: seconds(record.lastUpdateTime),
    status: 'ACTIVE' as const,
  };
}

/** Every stored input (the repository pages them), to check models against. */
export async function allInputs(repository: ModelRepository): Promise<CreateInputRequest[]> {
  const inputs: CreateInputRequest[] = [];
  let nextToken: string | undefined;
  do {
    const page = await repository.listInputs(250, nextToken);
    inputs.push(...page.items.map((item) => item.request));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return inputs;
}
