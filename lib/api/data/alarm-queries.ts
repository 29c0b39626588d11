import { describeAlarm } from '../../engine/alarm';
import { InvalidTokenError, type AlarmSummary } from '../../ports';
import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageQuery, withNextToken } from '../paging';
import { RULES, optionalString, requiredString } from '../request-fields';
import { requireAlarms } from './alarm-operations';
import type { DataApiDeps } from './deps';

/** Throws ResourceNotFoundException unless the alarm model exists (DescribeAlarm and ListAlarms do). */
async function requireModel(name: string, deps: Pick<DataApiDeps, 'models'>): Promise<void> {
  const catalog = await deps.models.catalog();
  if (!(catalog.alarmModels ?? []).some((model) => model.name === name)) throw apiErrors.notFound(`alarm model ${name} does not exist`);
}

/**
 * DescribeAlarm (`GET /alarms/{alarmModelName}/keyValues/?keyValue=…`): the instance's state, last
 * rule evaluation (values as strings), last operator action, system event and severity, times in
 * epoch seconds, as AWS returned them.
 */
export async function describeAlarmOperation(request: ApiRequest, modelName: string, deps: Pick<DataApiDeps, 'alarms' | 'models'>): Promise<ApiResponse> {
  const model = requiredString(modelName, 'alarmModelName', RULES.detectorModelName);
  const keyValue = optionalString(request.query.keyValue || undefined, 'keyValue', RULES.keyValue);
  await requireModel(model, deps);
  const stored = await requireAlarms(deps).get({ model, keyValue });
  if (!stored) throw apiErrors.notFound(`alarm ${keyValue === undefined ? 'without key value' : `'${keyValue}'`} of alarm model ${model} does not exist`);
  const alarm = describeAlarm(stored.snapshot);
  return json(200, { alarm: { ...alarm, creationTime: alarm.creationTime / 1000, lastUpdateTime: alarm.lastUpdateTime / 1000 } });
}

/** ListAlarms (`GET /alarms/{alarmModelName}?nextToken=&maxResults=`): summaries of the model's instances (no state filter, as AWS). */
export async function listAlarmsOperation(request: ApiRequest, modelName: string, deps: Pick<DataApiDeps, 'alarms' | 'models'>): Promise<ApiResponse> {
  const model = requiredString(modelName, 'alarmModelName', RULES.detectorModelName);
  const page = pageQuery(request);
  await requireModel(model, deps);
  let result;
  try {
    result = await requireAlarms(deps).list(model, { limit: page.limit, nextToken: page.nextToken });
  } catch (error) {
    if (error instanceof InvalidTokenError) throw apiErrors.invalid(error.message, { cause: error });
    throw error;
  }
  return json(200, withNextToken({ alarmSummaries: result.items.map(summary) }, result.nextToken));
}

function summary(item: AlarmSummary) {
  return {
    alarmModelName: item.key.model,
    alarmModelVersion: item.modelVersion,
    ...(item.key.keyValue === undefined ? {} : { keyValue: item.key.keyValue }),
    stateName: item.stateName,
    creationTime: item.creationTime / 1000,
    lastUpdateTime: item.lastUpdateTime / 1000,
  };
}
