import { CREATE_DETECTOR_MODEL_REQUEST, UPDATE_DETECTOR_MODEL_REQUEST, validateModel, type CreateDetectorModelRequest, type ModelIssue } from '../../model';
import { API_ORIGIN, ModelConflictError } from '../../ports';
import { apiErrors, json, type ApiRequest, type ApiResponse } from '../http';
import { RULES, requiredString } from '../request-fields';
import { detectorModelArn, type ResourceScope } from '../resource-scope';
import { authorizeRole } from './authorize-role';
import type { ControlApiDeps } from './deps';
import { filledBody } from './filled-body';
import { bodyIssues, rejectInvalid } from './reject-invalid';
import { allInputs, detectorModelConfiguration } from './shapes';

/**
 * Largest detector or alarm model stored, as JSON. AWS allowed 512 KB; a DynamoDB item holds
 * 400 KB, and a version is one item, so Vigil stops short of that.
 */
export const MAX_MODEL_BYTES = 380 * 1024;

/**
 * CreateDetectorModel (`POST /detector-models`): validates the model like AWS's analysis (every
 * ERROR listed in one InvalidRequestException) against the inputs that exist, and stores version 1.
 * With model roles on, the model must name a role the caller may pass ({@link authorizeRole}).
 * The response says ACTIVATING, as AWS's did; containers pick the model up within one refresh.
 * Model-file placeholders in the body are filled first ({@link filledBody}), here and in updates.
 */
export async function createDetectorModel(request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = filledBody(request, deps, scope);
  const model: CreateDetectorModelRequest = {
    detectorModelName: body.detectorModelName as string,
    detectorModelDefinition: body.detectorModelDefinition as CreateDetectorModelRequest['detectorModelDefinition'],
    detectorModelDescription: body.detectorModelDescription as string | undefined,
    key: body.key as string | undefined,
    roleArn: body.roleArn as string | undefined,
    tags: body.tags as CreateDetectorModelRequest['tags'],
    evaluationMethod: body.evaluationMethod as CreateDetectorModelRequest['evaluationMethod'],
  };
  await validate(model, deps, bodyIssues(body, CREATE_DETECTOR_MODEL_REQUEST));
  await authorizeRole(model.roleArn, request, deps, scope);
  const name = model.detectorModelName;
  const exists = (cause?: unknown) =>
    apiErrors.alreadyExists(`detector model ${name} already exists; UpdateDetectorModel stores a new version`, name, detectorModelArn(scope, name), cause === undefined ? undefined : { cause });
  if (await deps.repository.getModel(name)) throw exists();
  let record;
  try {
    record = await deps.repository.putModel(model, undefined, deps.clock.now(), API_ORIGIN);
  } catch (error) {
    if (error instanceof ModelConflictError) throw exists(error);
    throw error;
  }
  deps.onCatalogChange?.();
  return json(200, { detectorModelConfiguration: detectorModelConfiguration(record, 'ACTIVATING', scope) });
}

/**
 * UpdateDetectorModel (`POST /detector-models/{name}`): stores the next version. The key and tags
 * cannot change (the request has no such fields); a description, role or evaluation method left
 * out keeps the previous version's, and the caller must be allowed to pass whichever role the new
 * version has ({@link authorizeRole}). Live detectors move to the new version at their next
 * evaluation when their state still exists (docs/decisions.md D13).
 */
export async function updateDetectorModel(name: string, request: ApiRequest, deps: ControlApiDeps, scope: ResourceScope): Promise<ApiResponse> {
  const body = filledBody(request, deps, scope);
  const previous = await deps.repository.getModel(requiredString(name, 'detectorModelName', RULES.detectorModelName));
  if (!previous) throw apiErrors.notFound(`detector model ${name} does not exist`);
  const model: CreateDetectorModelRequest = {
    detectorModelName: name,
    detectorModelDefinition: body.detectorModelDefinition as CreateDetectorModelRequest['detectorModelDefinition'],
    detectorModelDescription: (body.detectorModelDescription as string | undefined) ?? previous.request.detectorModelDescription,
    key: previous.request.key,
    roleArn: (body.roleArn as string | undefined) ?? previous.request.roleArn,
    tags: previous.request.tags,
    evaluationMethod: (body.evaluationMethod as CreateDetectorModelRequest['evaluationMethod']) ?? previous.request.evaluationMethod,
  };
  await validate(model, deps, bodyIssues(body, UPDATE_DETECTOR_MODEL_REQUEST, { member: 'detectorModelName', name }));
  await authorizeRole(model.roleArn, request, deps, scope);
  let record;
  try {
    record = await deps.repository.putModel(model, Number(previous.version), deps.clock.now(), API_ORIGIN);
  } catch (error) {
    if (error instanceof ModelConflictError) throw apiErrors.inUse(`detector model ${name} was changed by another request; read it again and retry`, { cause: error });
    throw error;
  }
  deps.onCatalogChange?.();
  return json(200, { detectorModelConfiguration: detectorModelConfiguration(record, 'ACTIVATING', scope) });
}

/**
 * Rejects the model with every ERROR: `requestIssues` (the body's own top-level members, checked
 * against the operation's request shape) and those of the model, definition included.
 */
async function validate(model: CreateDetectorModelRequest, deps: ControlApiDeps, requestIssues: readonly ModelIssue[]): Promise<void> {
  const bytes = Buffer.byteLength(JSON.stringify(model));
  if (bytes > MAX_MODEL_BYTES) throw apiErrors.invalid(`the detector model is ${bytes} bytes as JSON; Vigil stores at most ${MAX_MODEL_BYTES}`);
  const inputs = [...deps.builtInInputs, ...(await allInputs(deps.repository))];
  const name = typeof model.detectorModelName === 'string' ? ` ${model.detectorModelName}` : '';
  rejectInvalid([...requestIssues, ...validateModel(model, { inputs, minTimerSeconds: deps.minTimerSeconds })], `detector model${name}`);
}
