import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageQuery, withNextToken } from '../paging';
import { RULES, optionalString, requiredString } from '../request-fields';
import type { ResourceScope } from '../resource-scope';
import type { ControlApiDeps } from './deps';
import { detectorModelConfiguration, modelStatus, seconds } from './shapes';

const VERSION = { min: 1, max: 128, pattern: /^[1-9][0-9]{0,9}$/ };

/** DescribeDetectorModel (`GET /detector-models/{name}?version=`): any stored version, the latest by default. */
export async function describeDetectorModel(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  requiredString(name, 'detectorModelName', RULES.detectorModelName);
  const version = optionalString(request.query.version || undefined, 'version', VERSION);
  const latest = await deps.repository.getModel(name);
  if (!latest) throw apiErrors.notFound(`detector model ${name} does not exist`);
  const record = version === undefined || version === latest.version ? latest : await deps.repository.getModel(name, version);
  if (!record) throw apiErrors.notFound(`detector model ${name} has no version ${version} (the latest is ${latest.version})`);
  const status = modelStatus(record, latest.version, deps.clock.now(), deps.modelRefreshMs);
  return json(200, { detectorModel: { detectorModelDefinition: record.request.detectorModelDefinition, detectorModelConfiguration: detectorModelConfiguration(record, status, scope) } });
}

/** ListDetectorModels (`GET /detector-models`): one summary per model, in name order. */
export async function listDetectorModels(request: ApiRequest, deps: ControlApiDeps): Promise<ApiResponse> {
  const page = pageQuery(request);
  const result = await deps.repository.listModels(page.limit, page.nextToken);
  const detectorModelSummaries = result.items.map((record) => ({
    detectorModelName: record.name,
    detectorModelDescription: record.request.detectorModelDescription,
    // The latest item keeps when the model itself was first created.
    creationTime: seconds(record.creationTime),
  }));
  return json(200, withNextToken({ detectorModelSummaries }, result.nextToken));
}

/** ListDetectorModelVersions (`GET /detector-models/{name}/versions`): newest first. */
export async function listDetectorModelVersions(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  requiredString(name, 'detectorModelName', RULES.detectorModelName);
  const page = pageQuery(request);
  // Tokens are version numbers; anything else was not issued here.
  if (page.nextToken !== undefined && !VERSION.pattern.test(page.nextToken)) throw apiErrors.invalid(`nextToken '${page.nextToken.slice(0, 40)}' is not valid`);
  const latest = await deps.repository.getModel(name);
  if (!latest) throw apiErrors.notFound(`detector model ${name} does not exist`);
  const result = await deps.repository.listVersions(name, page.limit, page.nextToken);
  const now = deps.clock.now();
  const detectorModelVersionSummaries = result.items.map((record) => {
    const configuration = detectorModelConfiguration(record, modelStatus(record, latest.version, now, deps.modelRefreshMs), scope);
    return {
      detectorModelName: configuration.detectorModelName,
      detectorModelVersion: configuration.detectorModelVersion,
      detectorModelArn: configuration.detectorModelArn,
      roleArn: configuration.roleArn,
      creationTime: configuration.creationTime,
      lastUpdateTime: configuration.lastUpdateTime,
      status: configuration.status,
      evaluationMethod: configuration.evaluationMethod,
    };
  });
  return json(200, withNextToken({ detectorModelVersionSummaries }, result.nextToken));
}
