import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageQuery, withNextToken } from '../paging';
import { RULES, optionalString, requiredString } from '../request-fields';
import type { ResourceScope } from '../resource-scope';
import { alarmModelStatus, alarmModelVersionSummary, describedAlarmModel } from './alarm-shapes';
import type { ControlApiDeps } from './deps';
import { seconds } from './shapes';

const VERSION = { min: 1, max: 128, pattern: /^[1-9][0-9]{0,9}$/ };

/** DescribeAlarmModel (`GET /alarm-models/{alarmModelName}?version=`): any stored version, the latest by default. */
export async function describeAlarmModel(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  requiredString(name, 'alarmModelName', RULES.detectorModelName);
  const version = optionalString(request.query.version || undefined, 'version', VERSION);
  const latest = await deps.alarmModels.getAlarmModel(name);
  if (!latest) throw apiErrors.notFound(`alarm model ${name} does not exist`);
  const record = version === undefined || version === latest.version ? latest : await deps.alarmModels.getAlarmModel(name, version);
  if (!record) throw apiErrors.notFound(`alarm model ${name} has no version ${version} (the latest is ${latest.version})`);
  return json(200, describedAlarmModel(record, alarmModelStatus(record, latest.version, deps.clock.now(), deps.modelRefreshMs), scope));
}

/** ListAlarmModels (`GET /alarm-models`): one summary per alarm model, in name order, with when it was first created. */
export async function listAlarmModels(request: ApiRequest, deps: ControlApiDeps): Promise<ApiResponse> {
  const page = pageQuery(request);
  const result = await deps.alarmModels.listAlarmModels(page.limit, page.nextToken);
  const alarmModelSummaries = result.items.map((record) => ({
    creationTime: seconds(record.creationTime),
    alarmModelDescription: record.request.alarmModelDescription,
    alarmModelName: record.name,
  }));
  return json(200, withNextToken({ alarmModelSummaries }, result.nextToken));
}

/** ListAlarmModelVersions (`GET /alarm-models/{alarmModelName}/versions`): newest first. */
export async function listAlarmModelVersions(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  requiredString(name, 'alarmModelName', RULES.detectorModelName);
  const page = pageQuery(request);
  // Tokens are version numbers; anything else was not issued here.
  if (page.nextToken !== undefined && !VERSION.pattern.test(page.nextToken)) throw apiErrors.invalid(`nextToken '${page.nextToken.slice(0, 40)}' is not valid`);
  const latest = await deps.alarmModels.getAlarmModel(name);
  if (!latest) throw apiErrors.notFound(`alarm model ${name} does not exist`);
  const result = await deps.alarmModels.listAlarmModelVersions(name, page.limit, page.nextToken);
  const now = deps.clock.now();
  const alarmModelVersionSummaries = result.items.map((record) => alarmModelVersionSummary(record, alarmModelStatus(record, latest.version, now, deps.modelRefreshMs), scope));
  return json(200, withNextToken({ alarmModelVersionSummaries }, result.nextToken));
}

/**
 * DeleteAlarmModel (`DELETE /alarm-models/{alarmModelName}`, 204): removes every version, then the
 * alarm model's instances and their pending snooze wake-ups, as AWS did ("Any alarm instances ...
 * are also deleted"). The versions go first, so no container creates an instance on the model once
 * it has refreshed. The instances are removed even when the model is already gone, so a call that
 * failed half way is finished by the next one (which then answers 404: the model does not exist).
 */
export async function deleteAlarmModel(name: string, deps: ControlApiDeps): Promise<ApiResponse> {
  const existed = await deps.alarmModels.deleteAlarmModel(requiredString(name, 'alarmModelName', RULES.detectorModelName));
  if (existed) deps.onCatalogChange?.();
  await deps.alarmInstances?.deleteModelInstances(name);
  if (!existed) throw apiErrors.notFound(`alarm model ${name} does not exist`);
  deps.telemetry.log('info', 'alarm model deleted', { alarmModelName: name, instancesDeleted: deps.alarmInstances !== undefined });
  return json(204, undefined);
}
