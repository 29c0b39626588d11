import type { DetectorUpdate } from '../../engine';
import { apiErrors, json, type ApiResponse } from '../http';
import { RULES, objectBody, optionalString, rejectUnknownMembers, requiredList, requiredObject, requiredString, uniqueIds } from '../request-fields';
import { commitUpdate } from './commit-update';
import { failureCode, type BatchErrorEntry, type DataApiDeps } from './deps';
import { BATCH_UPDATE_DETECTOR_REQUEST } from './request-shapes';

/** Most detectors one BatchUpdateDetector or BatchDeleteDetector call may name (AWS set no documented limit). */
export const MAX_DETECTORS_PER_BATCH = 100;
/** Most variables one update may list: the model quota "state variables per detector model" (50). */
const MAX_VARIABLES = 50;
/** Most timers one update may list before the engine's own limit (5) is checked. */
const MAX_TIMERS_LISTED = 50;

/** One BatchUpdateDetector entry, its shape checked. */
export interface UpdateEntry {
  readonly messageId: string;
  readonly detectorModelName: string;
  readonly keyValue: string | undefined;
  readonly update: DetectorUpdate;
}

/**
 * Reads a BatchUpdateDetector body (`{detectors: [{messageId, detectorModelName, keyValue?,
 * state: {stateName, variables: [{name, value}], timers: [{name, seconds}]}}]}`). A shape error
 * anywhere rejects the whole request, as the service's input validation did; whether each update
 * can apply is decided per entry later.
 */
export function readBatchUpdateDetector(body: unknown): UpdateEntry[] {
  rejectUnknownMembers(body, BATCH_UPDATE_DETECTOR_REQUEST);
  const detectors = requiredList(objectBody(body).detectors, 'detectors', 1, MAX_DETECTORS_PER_BATCH);
  const entries = detectors.map((raw, i): UpdateEntry => {
    const at = `detectors[${i}]`;
    const entry = requiredObject(raw, at);
    const state = requiredObject(entry.state, `${at}.state`);
    const variables = requiredList(state.variables, `${at}.state.variables`, 0, MAX_VARIABLES).map((item, j) => {
      const variable = requiredObject(item, `${at}.state.variables[${j}]`);
      return {
        name: requiredString(variable.name, `${at}.state.variables[${j}].name`, RULES.variableName),
        value: requiredString(variable.value, `${at}.state.variables[${j}].value`, RULES.variableValue),
      };
    });
    const timers = requiredList(state.timers, `${at}.state.timers`, 0, MAX_TIMERS_LISTED).map((item, j) => {
      const timer = requiredObject(item, `${at}.state.timers[${j}]`);
      const seconds = timer.seconds;
      if (typeof seconds !== 'number' || !Number.isInteger(seconds)) throw apiErrors.invalid(`${at}.state.timers[${j}].seconds is required and must be a whole number`);
      return { name: requiredString(timer.name, `${at}.state.timers[${j}].name`, RULES.timerName), seconds };
    });
    return {
      messageId: requiredString(entry.messageId, `${at}.messageId`, RULES.messageId),
      detectorModelName: requiredString(entry.detectorModelName, `${at}.detectorModelName`, RULES.detectorModelName),
      keyValue: optionalString(entry.keyValue, `${at}.keyValue`, RULES.keyValue),
      update: { stateName: requiredString(state.stateName, `${at}.state.stateName`, RULES.stateName), variables, timers },
    };
  });
  uniqueIds(entries.map((entry) => entry.messageId), 'detectors', 'messageId');
  return entries;
}

/**
 * BatchUpdateDetector (`POST /detectors`): sets each detector's state, variables and timers
 * without evaluating anything. Entries apply one after the other, in order (two entries may name
 * the same detector); each failure becomes an error entry and the rest go on.
 */
export async function batchUpdateDetector(entries: readonly UpdateEntry[], deps: DataApiDeps): Promise<ApiResponse> {
  const catalog = await deps.models.catalog();
  const errors: BatchErrorEntry[] = [];
  for (const entry of entries) {
    const fail = (errorCode: BatchErrorEntry['errorCode'], errorMessage: string) => errors.push({ messageId: entry.messageId, errorCode, errorMessage });
    const model = catalog.models.find((candidate) => candidate.name === entry.detectorModelName);
    if (!model) {
      fail('ResourceNotFoundException', `detector model ${entry.detectorModelName} does not exist`);
      continue;
    }
    try {
      const outcome = await commitUpdate(model, { model: model.name, keyValue: entry.keyValue }, entry.update, deps);
      if (!outcome.ok) fail(outcome.code, outcome.message);
    } catch (error) {
      deps.telemetry.log('error', 'detector update failed', { detectorModelName: entry.detectorModelName, keyValue: entry.keyValue, error: (error as Error).message });
      fail(failureCode(error as Error), 'the detector could not be updated; try again');
    }
  }
  if (entries.length > errors.length) deps.telemetry.count('DetectorsUpdated', entries.length - errors.length);
  return json(200, { batchUpdateDetectorErrorEntries: errors });
}
