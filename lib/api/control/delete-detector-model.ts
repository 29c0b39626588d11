import { mapConcurrent } from '../../runtime/concurrency';
import { apiErrors, json, type ApiResponse } from '../http';
import { RULES, requiredString } from '../request-fields';
import type { ControlApiDeps } from './deps';

/** Detectors deleted in parallel while a model is deleted. */
const DELETE_CONCURRENCY = 16;

/**
 * DeleteDetectorModel (`DELETE /detector-models/{name}`, 204): removes every version, then every
 * detector of the model, as AWS did. The model goes first so no new detector is created on it
 * once containers have refreshed; timers of deleted detectors find nothing when they fire.
 */
export async function deleteDetectorModel(name: string, deps: ControlApiDeps): Promise<ApiResponse> {
  if (!(await deps.repository.deleteModel(requiredString(name, 'detectorModelName', RULES.detectorModelName)))) {
    throw apiErrors.notFound(`detector model ${name} does not exist`);
  }
  deps.onCatalogChange?.();
  let deleted = 0;
  let nextToken: string | undefined;
  do {
    const page = await deps.detectors.list(name, { limit: 250, nextToken });
    await mapConcurrent(page.items, DELETE_CONCURRENCY, async (summary) => {
      if (await deps.detectors.delete(summary.key)) deleted++;
    });
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  deps.telemetry.log('info', 'detector model deleted', { detectorModelName: name, detectorsDeleted: deleted });
  return json(204, undefined);
}
