import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageBody, withNextToken } from '../paging';
import { LIST_INPUT_ROUTINGS_REQUEST } from '../../model';
import { RULES, objectBody, rejectUnknownMembers, requiredObject, requiredString } from '../request-fields';
import { alarmModelArn, detectorModelArn, type ResourceScope } from '../resource-scope';
import type { ControlApiDeps } from './deps';

/**
 * ListInputRoutings (`POST /input-routings`): the detector models and alarm models an input's
 * messages reach, i.e. those whose latest version refers to it anywhere (spec §2.3; an alarm model
 * through its rule), in name order (an alarm model before a detector model of the same name; the
 * ARN tells them apart). SiteWise inputs do not exist in Vigil.
 */
export async function listInputRoutings(request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = objectBody(request.body);
  rejectUnknownMembers(body, LIST_INPUT_ROUTINGS_REQUEST);
  const identifier = requiredObject(body.inputIdentifier, 'inputIdentifier');
  if (identifier.iotSiteWiseInputIdentifier !== undefined) throw apiErrors.unsupported('Vigil has no AWS IoT SiteWise inputs; use iotEventsInputIdentifier');
  const inputName = requiredString(requiredObject(identifier.iotEventsInputIdentifier, 'inputIdentifier.iotEventsInputIdentifier').inputName, 'inputIdentifier.iotEventsInputIdentifier.inputName', RULES.inputName);
  const page = pageBody(body);
  const catalog = await deps.models.catalog();
  if (!catalog.inputs.has(inputName)) throw apiErrors.notFound(`input ${inputName} does not exist`);
  const routed = [
    ...catalog.models.filter((model) => model.inputs.has(inputName)).map((model) => ({ name: model.name, arn: detectorModelArn(scope, model.name) })),
    ...(catalog.alarmModels ?? []).filter((model) => model.inputs.has(inputName)).map((model) => ({ name: model.name, arn: alarmModelArn(scope, model.name) })),
  ].sort((a, b) => (order(a.arn) < order(b.arn) ? -1 : 1));
  // Tokens are the ARN of the last resource of the previous page; anything else was not issued here.
  const after = page.nextToken;
  if (after !== undefined && !ROUTED_ARN.test(after)) throw apiErrors.invalid(`nextToken '${after.slice(0, 40)}' is not valid`);
  const rest = after === undefined ? routed : routed.filter((resource) => order(resource.arn) > order(after));
  const routedResources = rest.slice(0, page.limit);
  return json(200, withNextToken({ routedResources }, rest.length > routedResources.length ? routedResources[routedResources.length - 1].arn : undefined));
}

/** The ARN of a detector model or an alarm model. */
const ROUTED_ARN = /^arn:[\w-]+:iotevents:[\w-]*:\d*:(detectorModel|alarmModel)\/[a-zA-Z0-9_-]{1,128}$/;

/** Where a resource sorts, from its ARN alone (`…:detectorModel/<name>`, `…:alarmModel/<name>`): by name, then by ARN. */
function order(arn: string): string {
  return `${arn.slice(arn.lastIndexOf('/') + 1)}\n${arn}`;
}
