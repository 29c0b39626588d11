import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { pageBody, withNextToken } from '../paging';
import { LIST_INPUT_ROUTINGS_REQUEST } from '../../model';
import { RULES, objectBody, rejectUnknownMembers, requiredObject, requiredString } from '../request-fields';
import { detectorModelArn, type ResourceScope } from '../resource-scope';
import type { ControlApiDeps } from './deps';

/**
 * ListInputRoutings (`POST /input-routings`): the detector models an input's messages reach, i.e.
 * those whose latest version refers to it anywhere (spec §2.3). SiteWise inputs do not exist in
 * Vigil.
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
  const names = catalog.models.filter((model) => model.inputs.has(inputName)).map((model) => model.name).sort();
  // Tokens are the last name of the previous page.
  const rest = page.nextToken === undefined ? names : names.filter((name) => name > (page.nextToken as string));
  const items = rest.slice(0, page.limit);
  const routedResources = items.map((name) => ({ name, arn: detectorModelArn(scope, name) }));
  return json(200, withNextToken({ routedResources }, rest.length > items.length ? items[items.length - 1] : undefined));
}
