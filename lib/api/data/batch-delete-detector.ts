import { json, type ApiResponse } from '../http';
import { RULES, objectBody, optionalString, rejectUnknownMembers, requiredList, requiredObject, requiredString, uniqueIds } from '../request-fields';
import { MAX_DETECTORS_PER_BATCH } from './batch-update-detector';
import { failureCode, type BatchErrorEntry, type DataApiDeps } from './deps';
import { BATCH_DELETE_DETECTOR_REQUEST } from './request-shapes';

/** One BatchDeleteDetector entry. */
export interface DeleteEntry {
  readonly messageId: string;
  readonly detectorModelName: string;
  readonly keyValue: string | undefined;
}

/** Reads a BatchDeleteDetector body (`{detectors: [{messageId, detectorModelName, keyValue?}]}`). */
export function readBatchDeleteDetector(body: unknown): DeleteEntry[] {
  rejectUnknownMembers(body, BATCH_DELETE_DETECTOR_REQUEST);
  const entries = requiredList(objectBody(body).detectors, 'detectors', 1, MAX_DETECTORS_PER_BATCH).map((raw, i) => {
    const entry = requiredObject(raw, `detectors[${i}]`);
    return {
      messageId: requiredString(entry.messageId, `detectors[${i}].messageId`, RULES.messageId),
      detectorModelName: requiredString(entry.detectorModelName, `detectors[${i}].detectorModelName`, RULES.detectorModelName),
      keyValue: optionalString(entry.keyValue, `detectors[${i}].keyValue`, RULES.keyValue),
    };
  });
  uniqueIds(entries.map((entry) => entry.messageId), 'detectors', 'messageId');
  return entries;
}

/**
 * BatchDeleteDetector (`POST /detectors/delete`): removes each detector, its state and its timers
 * (pending wake-ups then find nothing to do). A later message with the same key creates a new
 * detector from the initial state. A detector that does not exist is an error entry.
 */
export async function batchDeleteDetector(entries: readonly DeleteEntry[], deps: Pick<DataApiDeps, 'detectors' | 'telemetry'>): Promise<ApiResponse> {
  const errors: BatchErrorEntry[] = [];
  for (const entry of entries) {
    try {
      const deleted = await deps.detectors.delete({ model: entry.detectorModelName, keyValue: entry.keyValue });
      if (!deleted) {
        const which = entry.keyValue === undefined ? 'without key value' : `'${entry.keyValue}'`;
        errors.push({ messageId: entry.messageId, errorCode: 'ResourceNotFoundException', errorMessage: `detector ${which} of detector model ${entry.detectorModelName} does not exist` });
      }
    } catch (error) {
      deps.telemetry.log('error', 'detector delete failed', { detectorModelName: entry.detectorModelName, keyValue: entry.keyValue, error: (error as Error).message });
      errors.push({ messageId: entry.messageId, errorCode: failureCode(error as Error), errorMessage: 'the detector could not be deleted; try again' });
    }
  }
  return json(200, { batchDeleteDetectorErrorEntries: errors });
}
