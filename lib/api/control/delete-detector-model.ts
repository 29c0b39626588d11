import { mapConcurrent } from '../../runtime/concurrency';
import { apiErrors, json, type ApiResponse } from '../http';
import { RULES, requiredString } from '../request-fields';
import type { ControlApiDeps } from './deps';

/** Detectors deleted in parallel while a model is deleted. */
const DELETE_CONCURRENCY = 16;

/**
 * DeleteDetectorModel (`DELETE /detector-models/{name}`, 204): removes every version, then every
 * detector of the model, as AWS did. The model goes first so no new detector is created on it
 * once containers have refreshed; timers of deleted detectors find nothing when they fire. A call
 * that timed out while deleting a large fleet is finished by the next one: detectors left behind
 * by a model already gone are deleted too (and only when there are none is it a 404).
 */
export async function deleteDetectorModel(name: string, deps: ControlApiDeps): Promise<ApiResponse> {
  const existed = await deps.repository.deleteModel(requiredString(name, 'detectorModelName', RULES.detectorModelName));
  if (existed) deps.onCatalogChange?.();
  let deleted = 0;
  let nextToken: string | undefined;
  do {
    const page = await deps.detectors.list(name, { limit: 250, nextToken });
    await mapConcurrent(page.items, DELETE_CONCURRENCY, async (summary) => {
      if (await deps.detectors.delete(summary.key)) deleted++;
    });
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  if (!existed && deleted === 0) throw apiErrors.notFound(`detector model ${name} does not exist`);
  deps.telemetry.log('info', 'detector model deleted', { detectorModelName: name, detectorsDeleted: deleted, modelExisted: existed });
  return json(204, undefined);
}
