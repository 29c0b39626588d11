import { describeDetector } from '../../engine';
import { stringifyTypedJson } from '../../expression';
import { InvalidTokenError, type DetectorSummary } from '../../ports';
import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageQuery, withNextToken } from '../paging';
import { RULES, optionalString, requiredString } from '../request-fields';
import type { DataApiDeps } from './deps';

/**
 * DescribeDetector (`GET /detectors/{detectorModelName}/keyValues/?keyValue=…`): the detector's
 * state, variables (as literal text) and timers (expiry in epoch seconds), as AWS returned them.
 */
export async function describeDetectorOperation(request: ApiRequest, modelName: string, deps: Pick<DataApiDeps, 'detectors'>): Promise<ApiResponse> {
  const model = requiredString(modelName, 'detectorModelName', RULES.detectorModelName);
  const keyValue = optionalString(request.query.keyValue || undefined, 'keyValue', RULES.keyValue);
  const stored = await deps.detectors.get({ model, keyValue });
  if (!stored) throw apiErrors.notFound(`detector ${keyValue === undefined ? 'without key value' : `'${keyValue}'`} of detector model ${model} does not exist`);
  return json(200, { detector: describeDetector(stored.snapshot) });
}

/**
 * Vigil's own `GET /detectors/{detectorModelName}/traces?keyValue=…`: the detector's most recent
 * evaluation traces, oldest first, in the shape of AWS IoT Events' DEBUG log records — the answer
 * to "why did this detector do that?". Values keep their IoT Events types (`20.0` stays a decimal).
 */
export async function detectorTracesOperation(request: ApiRequest, modelName: string, deps: Pick<DataApiDeps, 'traces' | 'detectors'>): Promise<ApiResponse> {
  const model = requiredString(modelName, 'detectorModelName', RULES.detectorModelName);
  const keyValue = optionalString(request.query.keyValue || undefined, 'keyValue', RULES.keyValue);
  if (!deps.traces) throw apiErrors.notFound('evaluation traces are turned off (TRACE_DEPTH is 0)');
  // The detector names the page of its latest traces; a deleted one's traces are still read as before.
  const detector = await deps.detectors.get({ model, keyValue });
  const traces = await deps.traces.recent({ model, keyValue }, detector?.traceRef);
  const body = { detectorModelName: model, ...(keyValue === undefined ? {} : { keyValue }), traces };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: stringifyTypedJson(body) };
}

/**
 * ListDetectors (`GET /detectors/{detectorModelName}?stateName=&nextToken=&maxResults=`): summaries
 * of the model's detectors, optionally only those in one state.
 */
export async function listDetectorsOperation(request: ApiRequest, modelName: string, deps: Pick<DataApiDeps, 'detectors' | 'models'>): Promise<ApiResponse> {
  const model = requiredString(modelName, 'detectorModelName', RULES.detectorModelName);
  const stateName = optionalString(request.query.stateName || undefined, 'stateName', RULES.stateName);
  const page = pageQuery(request);
  const catalog = await deps.models.catalog();
  if (!catalog.models.some((candidate) => candidate.name === model)) throw apiErrors.notFound(`detector model ${model} does not exist`);
  let result;
  try {
    result = await deps.detectors.list(model, { stateName, limit: page.limit, nextToken: page.nextToken });
  } catch (error) {
    if (error instanceof InvalidTokenError) throw apiErrors.invalid(error.message, { cause: error });
    throw error;
  }
  return json(200, withNextToken({ detectorSummaries: result.items.map(summary) }, result.nextToken));
}

function summary(item: DetectorSummary) {
  return {
    detectorModelName: item.key.model,
    // A singleton model's detector has no key value (docs/decisions.md D16).
    ...(item.key.keyValue === undefined ? {} : { keyValue: item.key.keyValue }),
    detectorModelVersion: item.modelVersion,
    state: { stateName: item.stateName },
    creationTime: item.creationTime / 1000,
    lastUpdateTime: item.lastUpdateTime / 1000,
  };
}
