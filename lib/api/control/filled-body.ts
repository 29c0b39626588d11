import { fillPlaceholdersIn } from '../../model/placeholders';
import type { ApiRequest } from '../http';
import { objectBody } from '../request-fields';
import type { ResourceScope } from '../resource-scope';
import type { ControlApiDeps } from './deps';

/**
 * The request body as an object, with the placeholders of Vigil's model files (`${AWS::Partition}`,
 * `${AWS::Region}`, `${AWS::AccountId}`, `${Vigil::Stage}`) filled with the values of this
 * deployment, so `models/*.json` can be sent as they are, as the seeders load them. AWS knew no
 * such placeholders: a body without them, as every AWS one is, comes back unchanged.
 */
export function filledBody(request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Record<string, unknown> {
  const { partition, region, accountId } = scope;
  return fillPlaceholdersIn(objectBody(request.body), { partition, region, accountId, stage: deps.stage });
}
